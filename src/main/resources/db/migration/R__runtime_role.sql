-- The rights of the role the running service connects as (docs/security.md "Security").
-- The running service needs no superuser, and not even the owner of its tables: migrations run as the owner
-- (QUARKUS_FLYWAY_USERNAME); the service connects as a runtime role that may only do what the service does: read
-- everything; insert and update the mutable tables; insert only into the append-only ones (ledger entries, histories,
-- events, filing documents, audit records and their seals: a record is never changed, V2__events_and_audit.sql);
-- delete only expired idempotency keys. No TRUNCATE, no DDL, no trigger switched off.
-- grant_runtime_role is applied below to the role named by the placeholder runtime_role (BACKOFFICE_RUNTIME_ROLE,
-- default backoffice_app) when that role exists.
-- A repeatable migration: Flyway runs it again after the versioned ones whenever this file changes, so a migration
-- that adds a table adds its line here, and no versioned migration redefines the grants.
CREATE OR REPLACE FUNCTION grant_runtime_role(runtime name) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    here name := current_schema();
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', here, runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON unit, account, operation, declarant, filing, administration_outbox, operation_batch TO %I',
                   runtime);
    EXECUTE format('GRANT SELECT, INSERT ON ledger_entry, operation_history, event, filing_document, filing_history, hold, '
                   'audit_record, audit_seal, audit_checkpoint, payment_file, incoming_credit TO %I', runtime);
    EXECUTE format('GRANT UPDATE (released_at) ON hold TO %I', runtime);
    EXECUTE format('GRANT UPDATE (status, acknowledged_at, acknowledged_by, rejection_reason, status_report_id, version) '
                   'ON payment_file TO %I', runtime);
    -- an incoming credit taken in without its TxId gets it once, when a replay claims it (V5__clearing.sql)
    EXECUTE format('GRANT UPDATE (transaction_id) ON incoming_credit TO %I', runtime);
    EXECUTE format('GRANT SELECT, INSERT, DELETE ON idempotency_key TO %I', runtime);
    -- webhooks: endpoints are deleted by their owner (their deliveries with them); the fan-out only moves its cursor
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoint, webhook_delivery TO %I', runtime);
    EXECUTE format('GRANT SELECT, UPDATE (tx, seq) ON webhook_fanout TO %I', runtime);
    -- reconciliation (V7__reconciliation.sql): statements, matches and candidates are written once; a line changes
    -- state and an exception its status when a person resolves it
    EXECUTE format('GRANT SELECT, INSERT ON reconciliation_statement, reconciliation_match, reconciliation_matched_entry, '
                   'reconciliation_candidate TO %I', runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON reconciliation_line, reconciliation_exception TO %I', runtime);
    -- authorizations (V8): one changes status and captured amount; its captures are written once
    EXECUTE format('GRANT SELECT, INSERT, UPDATE (captured_amount, status, closed_at, version) ON payment_authorization TO %I',
                   runtime);
    EXECUTE format('GRANT SELECT, INSERT ON authorization_capture TO %I', runtime);
    -- expected payments (V9): registered, then matched or overdue
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON expected_payment TO %I', runtime);
    -- limits (V10): the defaults are read only; a supervisor's override is written and changed
    EXECUTE format('GRANT SELECT ON limit_rule TO %I', runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON limit_override TO %I', runtime);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', here, runtime);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', here, runtime);
END $$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${runtime_role}') THEN
        PERFORM grant_runtime_role('${runtime_role}');
    END IF;
END $$;
