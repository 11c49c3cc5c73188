-- The event feed and the audit trail (docs/events-and-audit.md "Events and audit"), which every feature writes to.

-- 1. THE EVENT FEED
--
-- A transactional outbox: each state change inserts its event in the transaction that makes the change, so an event
-- exists if and only if the change committed.
--
-- Feed order without a global lock (docs/performance.md "The write path"): numbering events at commit under one lock
-- would make commits run one at a time and defeat group commit. So an event's place in the feed is (tx, seq):
--   * tx is the writing transaction's id (pg_current_xact_id()), raised when needed to the tx of the latest event
--     of the same resource (see below), and seq a sequence value taken at insert;
--   * readers return only events whose tx is below the oldest transaction still running
--     (pg_snapshot_xmin(pg_current_snapshot())): every transaction that could still insert an event there has
--     ended, and a transaction that starts later gets a higher id. So a reader paging forward by (tx, seq) never
--     skips an event that commits late nor returns one twice, whatever the number of writers and instances, and
--     no writer waits for another.
-- The trap: transaction ids follow start order, not commit order. If T1 starts, T2 starts, T2 changes account A
-- and commits, then T1 changes A and commits, T1's change is the later one but has the smaller id. Hence the
-- raise: an event's tx is at least the tx of every earlier event of its resource. The earlier event is visible when
-- the later one is inserted because a resource's row is locked (or its version checked) before its event is
-- inserted, and that lock is held until commit: the second writer waits for the first to commit. Raising keeps
-- the no-skip argument: the raised tx is the tx of a committed event, above the writer's own id, and no reader has
-- returned anything at or above the writer's id while it was running.
-- What delays the feed: a transaction that stays open (on any database of the cluster) holds the horizon back
-- until it ends. The service bounds its own with statement_timeout and idle_in_transaction_session_timeout
-- (application.properties); other clients of the same server must be bounded likewise (docs/events-and-audit.md
-- "Event feed").
--
-- Events some readers do not see: visible_to names the one caller (a token's sub) who reads an event besides admins;
-- null means every reader of the feed. The feed (GET /events, GET /events/stream) gives a caller who is not an admin
-- only the events with visible_to null or its own sub; the webhook fan-out gives an endpoint only those with
-- visible_to null or its owner. The events about a webhook endpoint are its owner's (its url, query token included,
-- and its description are not even in their data: see the EventType schema): the database refuses one that names no
-- reader, whatever code writes it.
-- Hiding an event changes no position: the feed's order, its horizon and its cursors are the same for every reader,
-- a reader just skips what it does not see; the feed's query still walks event_feed_idx (tx, seq), visible_to being
-- a filter on the rows it reads (almost all of which have visible_to null).
CREATE SEQUENCE event_seq;

CREATE TABLE event (
    id            uuid         PRIMARY KEY,
    seq           bigint       NOT NULL UNIQUE,
    type          varchar(64)  NOT NULL,
    occurred_at   timestamptz  NOT NULL,
    resource_type varchar(32)  NOT NULL,
    resource_id   varchar(64)  NOT NULL,
    data          text         NOT NULL,
    tx            xid8         NOT NULL,
    visible_to    varchar(255),
    CONSTRAINT event_of_a_webhook_endpoint_names_its_reader
        CHECK (resource_type <> 'webhook-endpoint' OR visible_to IS NOT NULL)
);

CREATE FUNCTION event_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.tx := greatest(pg_current_xact_id(),
                       (SELECT max(tx) FROM event WHERE resource_type = NEW.resource_type AND resource_id = NEW.resource_id));
    NEW.seq := nextval('event_seq');
    RETURN NEW;
END $$;
CREATE TRIGGER event_positioned BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION event_position();

CREATE INDEX event_feed_idx ON event (tx, seq);
CREATE INDEX event_resource_idx ON event (resource_type, resource_id, tx);

-- 2. THE AUDIT TRAIL
--
-- One record per mutating request, accepted or refused, hash-chained (docs/events-and-audit.md "Audit trail").
--
-- Written in the same transaction. A request that changes state inserts its record in the transaction that makes the
-- change (an `@Audited` service method, or the hot path's own SQL): both commit or neither does; a record appended
-- after the response, in a transaction of its own, could be lost by a crash between the two commits. Refused requests
-- (401, 403, any 4xx) changed nothing; the HTTP filter records them, a few hundred milliseconds later, in batches of
-- its own.
--
-- Sealed later. Chaining at insert time needs the previous record's hash, hence one writer at a time: a global lock
-- that every writer would hold for its whole business transaction. So a record is inserted unsealed, and a chainer
-- (one at a time across instances: pg_try_advisory_xact_lock once per batch, not per request) seals records a
-- batch at a time by inserting their seals (audit_seal, below): chain_seq 1, 2, 3... contiguous, prev_hash, and
-- hash = SHA-256(prev_hash || canonical text), the canonical text being
-- chain_seq|at|actor|roles|action|resource_type|resource_id|outcome|request_id.
--
-- The horizon rule. Insertion order (seq) is not commit order, and a record may commit long after later ones:
-- the chainer must never seal past a record that is still to come. Each record carries the id of the transaction
-- that inserted it (tx, defaulted to pg_current_xact_id()). The chainer seals only records whose
-- tx < pg_snapshot_xmin(pg_current_snapshot()): every transaction below that horizon has ended, so no record with
-- such a tx can appear any more, and those that committed are all visible. It seals them in (tx, seq) order. A
-- record that commits late has a tx at or above the horizon of every run that came before it, so it is sealed
-- after all the records those runs sealed, and never skipped: the chain order is (tx, seq), fixed once and for all.
--
-- What delays sealing. Any transaction that holds an xid and stays open - an idle-in-transaction session, a long
-- batch, a pg_dump, a psql session that wrote something, on any database of the server - holds the horizon back:
-- records inserted after it started stay unsealed (but are stored, listed and counted as `unsealed` by
-- GET /audit/verify) until it ends. Read-only transactions without an xid do not.
--
-- The contract for other writers. This statement works inside any transaction and makes a correct unsealed
-- record; every other column is defaulted:
--   insert into audit_record (at, actor, roles, action, resource_type, resource_id, outcome, request_id)
--   values ($1, $2, $3, $4, $5, $6, $7, $8)
-- Over-long values are never refused (a refused insert would fail the business transaction or lose the record):
-- the trigger audit_record_fit cuts them to their column's width, ending with "…[sha256:<16 hex>]" (the start of
-- the SHA-256 of the whole value), so a path of any length is audited. Nulls in required columns become
-- 'anonymous' (actor), now (at), or '' (the others).
CREATE TABLE audit_record (
    seq           bigserial    PRIMARY KEY,
    at            timestamptz  NOT NULL,
    actor         text         NOT NULL,
    roles         text         NOT NULL,
    action        text         NOT NULL,
    resource_type text,
    resource_id   text,
    outcome       text         NOT NULL,
    request_id    text         NOT NULL,
    tx            xid8         NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT audit_record_width_check
        CHECK (char_length(actor) <= 255 AND char_length(roles) <= 255 AND char_length(action) <= 300
            AND char_length(resource_type) <= 32 AND char_length(resource_id) <= 255
            AND char_length(outcome) <= 32 AND char_length(request_id) <= 64)
);

CREATE INDEX audit_record_actor_idx ON audit_record (actor, seq);
CREATE INDEX audit_record_resource_idx ON audit_record (resource_type, resource_id, seq);
CREATE INDEX audit_record_at_idx ON audit_record (at);
-- What the chainer reads: the records after the last sealed one, in chain order (and the backlog the metrics count).
CREATE INDEX audit_record_chain_order_idx ON audit_record (tx, seq);

-- A value cut to a width, ending with a marker that names the whole value: "…[sha256:" + 16 hex digits + "]".
CREATE FUNCTION audit_fit(value text, width int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN value IS NULL OR char_length(value) <= width THEN value
                ELSE left(value, width - 26) || '…[sha256:'
                         || left(encode(sha256(convert_to(value, 'UTF8')), 'hex'), 16) || ']' END
$$;

-- search_path fixed at creation, so audit_fit is found whatever the inserting session's search_path.
CREATE FUNCTION audit_record_fit() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    NEW.at := coalesce(NEW.at, now());
    NEW.actor := audit_fit(coalesce(NEW.actor, 'anonymous'), 255);
    NEW.roles := audit_fit(coalesce(NEW.roles, ''), 255);
    NEW.action := audit_fit(coalesce(NEW.action, ''), 300);
    NEW.resource_type := audit_fit(NEW.resource_type, 32);
    NEW.resource_id := audit_fit(NEW.resource_id, 255);
    NEW.outcome := audit_fit(coalesce(NEW.outcome, ''), 32);
    NEW.request_id := audit_fit(coalesce(NEW.request_id, ''), 64);
    RETURN NEW;
END $$;

-- Fires only for a record that needs fitting: the usual record costs one comparison per column, no function call.
CREATE TRIGGER audit_record_fit BEFORE INSERT ON audit_record FOR EACH ROW
    WHEN (NEW.at IS NULL OR NEW.actor IS NULL OR NEW.roles IS NULL OR NEW.action IS NULL OR NEW.outcome IS NULL
          OR NEW.request_id IS NULL OR char_length(NEW.actor) > 255 OR char_length(NEW.roles) > 255
          OR char_length(NEW.action) > 300 OR char_length(NEW.resource_type) > 32
          OR char_length(NEW.resource_id) > 255 OR char_length(NEW.outcome) > 32 OR char_length(NEW.request_id) > 64)
    EXECUTE FUNCTION audit_record_fit();

-- Audit records are append-only, like ledger entries (docs/security.md "Security"): a record is written once, never
-- changed (its seal is a row of its own), never deleted nor truncated, whatever the role. Tampering then takes
-- switching triggers off, which only the tables' owner or a superuser can do, and which /audit/verify finds.
CREATE FUNCTION audit_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only: a record is never changed, its seal is a row of audit_seal'
        USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_is_append_only();
CREATE TRIGGER audit_record_never_truncated BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_is_append_only();

-- The seals (docs/performance.md "Index decisions"): the chainer inserts one row per record, the record's seq, its
-- place in the chain, the previous hash and its hash. A seal in the record's own row would be an UPDATE of indexed
-- columns, which cannot be HOT: every record would be written twice, a second heap tuple and a second entry in each of
-- its indexes. audit_seal is append-only too.
--
-- No foreign key from audit_seal to audit_record, on purpose: PostgreSQL checks a foreign key by locking the referenced
-- row (FOR KEY SHARE), which writes the lock into the record's tuple header and the WAL, i.e. touches every record a
-- second time, the very cost this avoids. The chainer inserts a record's seal with the statement that reads the
-- record (INSERT ... SELECT joined to audit_record on its primary key), records are never deleted (see above), and
-- /audit/verify walks the seals joined to their records: a seal whose record is gone leaves a gap in the chain, or no
-- longer matches a checkpoint.
--
-- Finding unsealed records without a scan. Records are sealed in (tx, seq) order, only below the horizon, so the
-- sealed records are always exactly those up to the last sealed one in that order: a record that commits late has a tx
-- at or above the horizon of every earlier run, hence after everything sealed so far. The chainer reads the last seal
-- (the UNIQUE index on chain_seq, backwards, one row), its record's (tx, seq) (primary key), and takes the next records
-- from the index audit_record_chain_order_idx (tx, seq): one entry per record, written once, at insert.
--
-- No UNIQUE on hash: no query looks a seal up by its hash, and the chain itself (each prev_hash the previous
-- hash, each hash recomputed by /audit/verify) is what proves a record; a unique index would cost an entry per seal.
CREATE TABLE audit_seal (
    -- the sealed record (audit_record.seq); a record is sealed once
    record_seq bigint PRIMARY KEY,
    -- its place in the chain: 1, 2, 3... without gaps
    chain_seq  bigint NOT NULL UNIQUE CHECK (chain_seq > 0),
    prev_hash  text   NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash       text   NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE FUNCTION audit_seal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit seals are append-only' USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_seal_is_append_only();
CREATE TRIGGER audit_seal_never_truncated BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_seal_is_append_only();

-- Audit checkpoints (docs/events-and-audit.md "Audit trail"): the hash chain proves that no sealed record was altered,
-- inserted or removed from between others, but not that the newest ones are all there. A checkpoint signs the head of
-- the chain (its chainSeq and hash, and when) with a key only the service holds (HMAC-SHA256,
-- BACKOFFICE_AUDIT_CHECKPOINT_KEY), so a chain cut or rewritten at its end no longer matches a checkpoint, and a
-- checkpoint cannot be forged or recomputed from inside the database. Each checkpoint is also published in the event
-- feed (audit.checkpoint), where consumers keep their own copy. Checkpoints are append-only, like the records they
-- anchor.
CREATE TABLE audit_checkpoint (
    chain_seq bigint      PRIMARY KEY,
    head_hash char(64)    NOT NULL,
    at        timestamptz NOT NULL,
    -- hex HMAC-SHA256 of 'chainSeq|headHash|at' (at as in the audit chain's canonical text)
    signature char(64)    NOT NULL
);

CREATE FUNCTION audit_checkpoint_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit checkpoints are append-only' USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_is_append_only();
CREATE TRIGGER audit_checkpoint_never_truncated BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_is_append_only();

-- The audit record of an answered submission, in its transaction (the contract for other writers, above).
CREATE FUNCTION audit_submission(p_audit jsonb) RETURNS void LANGUAGE sql AS $$
    INSERT INTO audit_record (at, actor, roles, action, resource_type, resource_id, outcome, request_id)
        SELECT a.at, a.actor, a.roles, a.action, a.resource_type, a.resource_id, a.outcome, a.request_id
        FROM jsonb_populate_record(null::audit_record, p_audit) a
        WHERE p_audit IS NOT NULL;
$$;
