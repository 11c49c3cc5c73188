-- Audit trail, second design: the record is written in the transaction of the change, and chained later.
--
-- Why in the same transaction. V4 appended the record after the response, in a transaction of its own: a crash
-- or a failed insert between the two commits left a change without its record. Now a request that changes state
-- inserts its record in the transaction that makes the change (an `@Audited` service method, or the hot path's
-- own SQL): both commit or neither does. Refused requests (401, 403, any 4xx) changed nothing; the HTTP filter
-- records them, a few hundred milliseconds later, in batches of its own.
--
-- Why seal later. Chaining at insert time needs the previous record's hash, hence one writer at a time: V4's
-- global advisory lock serialised every writer, and a writer holding it inside a business transaction would hold
-- it for the whole transaction. So a record is inserted unsealed (chain_seq, prev_hash, hash null) and a chainer
-- (one at a time across instances: pg_try_advisory_xact_lock once per batch, not per request) seals records a
-- batch at a time: chain_seq 1, 2, 3... contiguous, prev_hash, and hash = SHA-256(prev_hash || canonical text),
-- the canonical text being chain_seq|at|actor|roles|action|resource_type|resource_id|outcome|request_id.
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
--
-- The records V4 sealed. Their seq values were contiguous (each append took last seq + 1 under the lock) and their
-- hash covered seq|at|...|request_id with seq in first place. They get chain_seq = seq: the canonical text, with
-- chain_seq in first place, is then the very text V4 hashed, so they verify as they are and new records extend
-- their chain. The seq sequence was never used by V4 (seq was given explicitly), so it is moved past them.

ALTER TABLE audit_record
    ALTER COLUMN actor TYPE text,
    ALTER COLUMN roles TYPE text,
    ALTER COLUMN action TYPE text,
    ALTER COLUMN resource_type TYPE text,
    ALTER COLUMN resource_id TYPE text,
    ALTER COLUMN outcome TYPE text,
    ALTER COLUMN request_id TYPE text,
    ALTER COLUMN prev_hash DROP NOT NULL,
    ALTER COLUMN hash DROP NOT NULL,
    ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
    -- the place in the chain; null until sealed
    ADD COLUMN chain_seq bigint;

UPDATE audit_record SET chain_seq = seq;

SELECT setval(pg_get_serial_sequence('audit_record', 'seq'), coalesce(max(seq), 0) + 1, false) FROM audit_record;

ALTER TABLE audit_record
    ADD CONSTRAINT audit_record_chain_seq_key UNIQUE (chain_seq),
    ADD CONSTRAINT audit_record_chain_seq_check CHECK (chain_seq > 0),
    -- sealed means all three, unsealed none
    ADD CONSTRAINT audit_record_sealed_check
        CHECK ((chain_seq IS NULL) = (prev_hash IS NULL) AND (chain_seq IS NULL) = (hash IS NULL)),
    ADD CONSTRAINT audit_record_width_check
        CHECK (char_length(actor) <= 255 AND char_length(roles) <= 255 AND char_length(action) <= 300
            AND char_length(resource_type) <= 32 AND char_length(resource_id) <= 255
            AND char_length(outcome) <= 32 AND char_length(request_id) <= 64);

-- What the chainer reads: the unsealed records, in chain order.
CREATE INDEX audit_record_unsealed_idx ON audit_record (tx, seq) WHERE chain_seq IS NULL;

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
