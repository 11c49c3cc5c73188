-- The daily total of transfers to other banks per debit account (docs/operations-and-ledger.md
-- "Operations and the ledger").
--
-- A transfer to another bank (a TRANSFER with a creditor IBAN) that would take the transfers to other banks debited
-- from its account in one business day above a total (backoffice.limits.external-transfers-per-day) does not execute
-- straight through and waits for four eyes (requires_approval: an agent validates, a supervisor approves), however the
-- amount is split. Counted: every such transfer received that business day on the account, executed or waiting (held
-- or scheduled), whatever became of it since (returned or reversed ones too, so a round trip never lowers the total),
-- except those rejected or cancelled before they moved money.
--
-- The total is read in operation_submit after the debit account is locked (ledger_check locks it, FOR UPDATE), and
-- every submission debiting that account takes the same lock, so two concurrent submissions read each other's
-- transfer: the second waits for the first to commit, and READ COMMITTED gives each statement of the function a new
-- snapshot. When the total would be exceeded the function writes nothing and answers NEEDS_APPROVAL; the service
-- builds the operation again as waiting for approval (its history, answer and events differ) and submits it once more,
-- and an operation already requiring approval is not counted again: the decision only ever moves towards four eyes.

-- the day's transfers to other banks of one account, found without reading its other operations
CREATE INDEX operation_external_debit_idx ON operation (debit_account_id, received_at)
    WHERE type = 'TRANSFER' AND creditor_iban IS NOT NULL;

-- What the transfers to other banks debited from p_account and received in [p_since, p_until) total, as counted above.
CREATE FUNCTION external_transfers_total(p_account uuid, p_since timestamptz, p_until timestamptz) RETURNS numeric
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(o.amount), 0) FROM operation o
    WHERE o.debit_account_id = p_account AND o.type = 'TRANSFER' AND o.creditor_iban IS NOT NULL
      AND o.received_at >= p_since AND o.received_at < p_until
      AND o.status NOT IN ('REJECTED', 'CANCELLED')
$$;

-- operation_submit (V6__write_path_without_global_locks.sql), with the daily total of transfers to other banks:
-- p_external_since and p_external_until bound the business day the operation is received on, p_external_limit is the
-- total allowed (null: no limit). Outcomes as before, and NEEDS_APPROVAL (nothing written).
DROP FUNCTION operation_submit(text, text, text, jsonb, jsonb, boolean, uuid[], uuid[], numeric[], text, uuid, jsonb,
                               int, text, text, jsonb);

CREATE FUNCTION operation_submit(p_client text, p_key text, p_fingerprint text, p_operation jsonb, p_history jsonb,
                                 p_execute boolean, p_entry_ids uuid[], p_accounts uuid[], p_amounts numeric[],
                                 p_label text, p_hold uuid, p_events jsonb, p_response_status int,
                                 p_response_location text, p_response_body text, p_audit jsonb,
                                 p_external_since timestamptz, p_external_until timestamptz, p_external_limit numeric)
    RETURNS TABLE (outcome text, refusal text, account_id uuid, request_fingerprint text, response_status int,
                   response_location text, response_body text) LANGUAGE plpgsql AS $$
DECLARE
    op        operation := jsonb_populate_record(null::operation, p_operation);
    v_stored  record;
    v_refusal record;
    v_entry   operation_history;
BEGIN
    IF p_key IS NOT NULL THEN
        SELECT * INTO v_stored FROM idempotency_begin(p_client, p_key);
        IF v_stored.in_flight THEN
            RETURN QUERY SELECT 'IN_FLIGHT', null::text, null::uuid, null::text, null::int, null::text, null::text;
            RETURN;
        ELSIF v_stored.request_fingerprint IS NOT NULL THEN
            PERFORM audit_submission(p_audit);
            RETURN QUERY SELECT 'REPLAY', null::text, null::uuid, v_stored.request_fingerprint, v_stored.response_status,
                                v_stored.response_location, v_stored.response_body;
            RETURN;
        END IF;
    END IF;

    -- Without execution the check is what the hold needs: the credited account takes +amount, the debited one -amount.
    -- Either way the debit account is locked from here to the end of the transaction.
    IF p_execute THEN
        SELECT * INTO v_refusal FROM ledger_check(p_accounts, p_amounts);
    ELSE
        SELECT * INTO v_refusal
        FROM ledger_check(ARRAY[op.credit_account_id, op.debit_account_id], ARRAY[op.amount, -op.amount]);
    END IF;
    IF v_refusal.refusal IS NOT NULL THEN
        RETURN QUERY SELECT 'REFUSED', v_refusal.refusal, v_refusal.account_id, null::text, null::int, null::text, null::text;
        RETURN;
    END IF;

    -- only a transfer to another bank not yet waiting for four eyes reads the day's total (nested: never read otherwise)
    IF p_external_limit IS NOT NULL AND NOT op.requires_approval AND op.type = 'TRANSFER'
       AND op.creditor_iban IS NOT NULL AND op.debit_account_id IS NOT NULL THEN
        IF external_transfers_total(op.debit_account_id, p_external_since, p_external_until) + op.amount
           > p_external_limit THEN
            RETURN QUERY SELECT 'NEEDS_APPROVAL', null::text, null::uuid, null::text, null::int, null::text, null::text;
            RETURN;
        END IF;
    END IF;

    INSERT INTO operation SELECT op.*;
    FOR v_entry IN SELECT * FROM jsonb_populate_recordset(null::operation_history, p_history) LOOP
        v_entry.id := nextval('operation_history_seq');
        INSERT INTO operation_history SELECT v_entry.*;
    END LOOP;
    IF p_execute THEN
        PERFORM ledger_post(op.id, p_entry_ids, p_accounts, p_amounts, op.value_date, p_label);
    ELSIF op.debit_account_id IS NOT NULL THEN
        PERFORM ledger_hold(p_hold, op.id, op.debit_account_id, op.amount, op.received_at);
    END IF;
    INSERT INTO event (id, type, occurred_at, resource_type, resource_id, data)
        SELECT e.id, e.type, e.occurred_at, e.resource_type, e.resource_id, e.data
        FROM jsonb_populate_recordset(null::event, p_events) e;
    IF p_key IS NOT NULL THEN
        INSERT INTO idempotency_key (client_id, idempotency_key, request_fingerprint, response_status, response_body,
                                     response_location, created_at)
        VALUES (p_client, p_key, p_fingerprint, p_response_status, p_response_body, p_response_location, op.received_at);
    END IF;
    PERFORM audit_submission(p_audit);
    RETURN QUERY SELECT 'DONE', null::text, null::uuid, null::text, null::int, null::text, null::text;
END $$;
