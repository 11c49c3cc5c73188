-- Event feed (SPEC section 8): a transactional outbox. Each state change inserts its event in the transaction
-- that makes the change, so an event exists if and only if the change committed.
--
-- Commit order: tx_id is the writing transaction's id (xid8, 64 bits, never wraps), seq orders the events
-- within it. Readers only return events of transactions whose id is below the xmin of their snapshot: every
-- such transaction has finished, and any transaction still able to commit has an id >= xmin, so it sorts
-- after everything a reader has already returned. (tx_id, seq) is therefore a cursor that never skips a late
-- commit and never returns an event twice, whatever the number of writers or service instances.
CREATE TABLE event (
    id            uuid         PRIMARY KEY,
    tx_id         xid8         NOT NULL DEFAULT pg_current_xact_id(),
    seq           bigserial    NOT NULL,
    type          varchar(64)  NOT NULL,
    occurred_at   timestamptz  NOT NULL,
    resource_type varchar(32)  NOT NULL,
    resource_id   varchar(64)  NOT NULL,
    data          text         NOT NULL,
    CONSTRAINT event_commit_order UNIQUE (tx_id, seq)
);

CREATE INDEX event_resource_idx ON event (resource_type, resource_id);

-- Audit trail: one record per mutating request, accepted or refused, hash-chained. Writers serialise on a
-- transaction-scoped advisory lock, so seq order is chain order and the chain stays a single line.
CREATE TABLE audit_record (
    seq           bigserial    PRIMARY KEY,
    at            timestamptz  NOT NULL,
    actor         varchar(255) NOT NULL,
    roles         varchar(255) NOT NULL,
    action        varchar(300) NOT NULL,
    resource_type varchar(32),
    resource_id   varchar(255),
    outcome       varchar(32)  NOT NULL,
    request_id    varchar(64)  NOT NULL,
    prev_hash     varchar(64)  NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash          varchar(64)  NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX audit_record_actor_idx ON audit_record (actor, seq);
CREATE INDEX audit_record_resource_idx ON audit_record (resource_type, resource_id, seq);
CREATE INDEX audit_record_at_idx ON audit_record (at);
