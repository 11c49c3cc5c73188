-- Event feed (docs/events-and-audit.md "Events and audit"): a transactional outbox. Each state change inserts its event
-- in the transaction that makes the change, so an event exists if and only if the change committed.
--
-- Commit order: a sequence value taken when a row is inserted is not commit order (a transaction holding 41
-- may commit after the one holding 42, and a reader that passed 42 would skip 41). So an event gets its seq
-- only at commit: a deferred trigger, run by PostgreSQL as the transaction commits, takes a transaction-scoped
-- advisory lock (released once the commit is done) and then numbers the transaction's events. Transactions
-- therefore number their events and commit one after the other: seq order is commit order, every event not yet
-- visible will get a higher seq than every visible one, and a reader paging by seq never skips a late commit
-- nor sees an event twice, whatever the number of writers or service instances. The lock is held only from the
-- trigger to the end of the commit, inside the database, so it costs no round trip.
CREATE SEQUENCE event_seq;

CREATE TABLE event (
    id            uuid         PRIMARY KEY,
    -- null until the writing transaction commits
    seq           bigint       UNIQUE,
    type          varchar(64)  NOT NULL,
    occurred_at   timestamptz  NOT NULL,
    resource_type varchar(32)  NOT NULL,
    resource_id   varchar(64)  NOT NULL,
    data          text         NOT NULL
);

CREATE FUNCTION event_number_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7310042001);
    UPDATE event SET seq = nextval('event_seq') WHERE id = NEW.id;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER event_numbered_at_commit AFTER INSERT ON event
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION event_number_at_commit();

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
