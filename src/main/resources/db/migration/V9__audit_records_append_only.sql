-- Audit records are append-only, like ledger entries (docs/security.md "Security"): once inserted, a record changes
-- only to be sealed (its chain columns filled once, V5), and is never deleted nor truncated, whatever the role.
-- Tampering then takes switching triggers off, which only the tables' owner or a superuser can do, and which
-- /audit/verify finds.
CREATE FUNCTION audit_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
       AND (NEW.seq, NEW.at, NEW.actor, NEW.roles, NEW.action, NEW.resource_type, NEW.resource_id, NEW.outcome,
            NEW.request_id, NEW.tx)
           IS NOT DISTINCT FROM
           (OLD.seq, OLD.at, OLD.actor, OLD.roles, OLD.action, OLD.resource_type, OLD.resource_id, OLD.outcome,
            OLD.request_id, OLD.tx) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit records are append-only: only sealing an unsealed record is allowed'
        USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_is_append_only();
CREATE TRIGGER audit_record_never_truncated BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_is_append_only();
