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

CREATE OR REPLACE FUNCTION grant_runtime_role(runtime name) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    here name := current_schema();
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', here, runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON unit, account, operation, declarant, filing, administration_outbox TO %I',
                   runtime);
    EXECUTE format('GRANT SELECT, INSERT ON ledger_entry, operation_history, event, filing_document, filing_history, hold, '
                   'audit_record, audit_checkpoint TO %I', runtime);
    EXECUTE format('GRANT UPDATE (released_at) ON hold TO %I', runtime);
    EXECUTE format('GRANT UPDATE (chain_seq, prev_hash, hash) ON audit_record TO %I', runtime);
    EXECUTE format('GRANT SELECT, INSERT, DELETE ON idempotency_key TO %I', runtime);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', here, runtime);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', here, runtime);
END $$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${runtime_role}') THEN
        PERFORM grant_runtime_role('${runtime_role}');
    END IF;
END $$;
