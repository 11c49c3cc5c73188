-- Event feed (SPEC section 8): a transactional outbox. Each state change inserts its event in the transaction
-- that makes the change, so an event exists if and only if the change committed.
--
-- Commit order: a sequence value is taken when a row is inserted, not when its transaction commits, so on its
-- own seq is not commit order (a transaction holding 41 may commit after the one holding 42, and a reader that
-- passed 42 would skip 41). The service therefore inserts events only while holding a transaction-scoped
-- advisory lock (fr.backoffice.event.service.Events), released at commit: event-writing transactions take
-- their seq values and commit one after the other, so seq order is commit order, and every uncommitted event
-- has a higher seq than every committed one. A reader paging by seq never skips a late commit nor sees an
-- event twice, whatever the number of writers or service instances.
CREATE TABLE event (
    id            uuid         PRIMARY KEY,
    seq           bigserial    NOT NULL UNIQUE,
    type          varchar(64)  NOT NULL,
    occurred_at   timestamptz  NOT NULL,
    resource_type varchar(32)  NOT NULL,
    resource_id   varchar(64)  NOT NULL,
    data          text         NOT NULL
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
