-- The ledger is append-only (V2): an UPDATE or DELETE of an entry is refused row by row, but TRUNCATE fires no row
-- trigger. A statement trigger refuses it too, so emptying the ledger takes dropping the table, which the service's
-- runtime role cannot do (docs/security.md "Security").
CREATE TRIGGER ledger_entry_never_truncated BEFORE TRUNCATE ON ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_is_append_only();
