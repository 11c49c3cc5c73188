-- The running service needs no superuser, and not even the owner of its tables (docs/security.md "Security").
-- Migrations run as the owner (QUARKUS_FLYWAY_USERNAME); the service connects as a runtime role that may only do what
-- the service does: read everything; insert and update the mutable tables; insert only into the append-only ones
-- (ledger entries, histories, events, filing documents); seal audit records (their three chain columns) but never
-- change or delete them; delete only expired idempotency keys. No TRUNCATE, no DDL, no trigger switched off.
-- grant_runtime_role is applied below to the role named by the placeholder runtime_role (BACKOFFICE_RUNTIME_ROLE,
-- default backoffice_app) when that role exists; a later migration that adds a table ends with the same block.
CREATE FUNCTION grant_runtime_role(runtime name) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    here name := current_schema();
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', here, runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON unit, account, operation, declarant, filing, administration_outbox TO %I',
                   runtime);
    EXECUTE format('GRANT SELECT, INSERT ON ledger_entry, operation_history, event, filing_document, filing_history, hold, '
                   'audit_record TO %I', runtime);
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
