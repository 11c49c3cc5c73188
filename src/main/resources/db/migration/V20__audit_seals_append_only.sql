-- Audit trail, third design: a record is written once; its seal is a row of its own (issue 19 item 3;
-- docs/events-and-audit.md "Audit trail", docs/performance.md "Index decisions").
--
-- Why. Since V5 the chainer sealed a record by UPDATE-ing its chain columns (chain_seq, prev_hash, hash). Those columns
-- were indexed (UNIQUE chain_seq, UNIQUE hash, the partial index of unsealed records), so the update could not be HOT:
-- every record was written twice, a second heap tuple and a second entry in each of its indexes (6 of the ~39 index
-- entries of a transfer), and each unique index also stored an entry for every unsealed record's nulls.
--
-- Now. The chainer inserts one row per record into audit_seal: the record's seq, its place in the chain, the previous
-- hash and its hash, computed exactly as before (V5: hash = SHA-256(prev_hash || chain_seq|at|actor|roles|action|
-- resource_type|resource_id|outcome|request_id)). audit_record keeps only what the request wrote and is strictly
-- append-only: no UPDATE at all, whatever the columns. audit_seal is append-only too.
--
-- No foreign key from audit_seal to audit_record, on purpose: PostgreSQL checks a foreign key by locking the referenced
-- row (FOR KEY SHARE), which writes the lock into the record's tuple header and the WAL, i.e. touches every record a
-- second time, the very cost this removes. The chainer inserts a record's seal with the statement that reads the
-- record (INSERT ... SELECT joined to audit_record on its primary key), records are never deleted (V9's trigger), and
-- /audit/verify walks the seals joined to their records: a seal whose record is gone leaves a gap in the chain, or no
-- longer matches a checkpoint.
--
-- Finding unsealed records without a scan. Records are sealed in (tx, seq) order, only below the horizon (V5), so the
-- sealed records are always exactly those up to the last sealed one in that order: a record that commits late has a tx
-- at or above the horizon of every earlier run, hence after everything sealed so far. The chainer reads the last seal
-- (the UNIQUE index on chain_seq, backwards, one row), its record's (tx, seq) (primary key), and takes the next records
-- from the index audit_record (tx, seq), which replaces the partial audit_record_unsealed_idx: one entry per record,
-- written once, as the partial index's was at insert, and none at sealing.
--
-- No UNIQUE on hash any more: no query looks a seal up by its hash, and the chain itself (each prev_hash the previous
-- hash, each hash recomputed by /audit/verify) is what proves a record; a unique index would cost an entry per seal.
CREATE TABLE audit_seal (
    -- the sealed record (audit_record.seq); a record is sealed once
    record_seq bigint PRIMARY KEY,
    -- its place in the chain: 1, 2, 3... without gaps
    chain_seq  bigint NOT NULL UNIQUE CHECK (chain_seq > 0),
    prev_hash  text   NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash       text   NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

-- The seals made so far move as they are: the chain, its hashes and its checkpoints verify unchanged.
INSERT INTO audit_seal (record_seq, chain_seq, prev_hash, hash)
    SELECT seq, chain_seq, prev_hash, hash FROM audit_record WHERE chain_seq IS NOT NULL ORDER BY chain_seq;

DROP INDEX audit_record_unsealed_idx;
ALTER TABLE audit_record
    DROP CONSTRAINT audit_record_sealed_check,
    DROP CONSTRAINT audit_record_chain_seq_check,
    DROP CONSTRAINT audit_record_chain_seq_key,
    DROP CONSTRAINT audit_record_hash_key,
    DROP COLUMN chain_seq,
    DROP COLUMN prev_hash,
    DROP COLUMN hash;

-- What the chainer reads: the records after the last sealed one, in chain order (and the backlog the metrics count).
CREATE INDEX audit_record_chain_order_idx ON audit_record (tx, seq);

-- audit_record: no update at all any more (V9 allowed one, the sealing); never deleted nor truncated.
CREATE OR REPLACE FUNCTION audit_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only: a record is never changed, its seal is a row of audit_seal'
        USING ERRCODE = 'restrict_violation';
END $$;

CREATE FUNCTION audit_seal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit seals are append-only' USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_seal_is_append_only();
CREATE TRIGGER audit_seal_never_truncated BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_seal_is_append_only();
