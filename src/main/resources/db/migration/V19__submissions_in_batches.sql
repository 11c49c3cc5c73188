-- Submissions booked in batches (docs/performance.md "Group commit and batches").
--
-- operation_submit (V16__external_transfers_daily_total.sql) books one submission per call: its cost is per statement
-- and per row, so calling it many times in one transaction gains nothing. operation_submit_batch books many
-- submissions in one call with the same rules, the same rows and the same outcomes per item, set-based:
--   * the idempotency locks of every key are taken in one statement, the stored answers read in the next;
--   * every account the batch names is locked once, in ledger_check's order (customer accounts by id, then internal
--     accounts by id), and read once;
--   * the items are then checked in the order given, each against the balances the items before it left (so several
--     transfers on one hot account are applied in arrival order under that one lock), with account_refusal, the rule
--     ledger_check applies; a refused item moves nothing and never fails the others;
--   * each table then takes one INSERT (one UPDATE for the accounts) for every item that is booked.
-- No EXCEPTION block, so no subtransaction per item: conditions are checked explicitly (a PL/pgSQL EXCEPTION block is
-- a subtransaction, and past 64 of them in one transaction every snapshot of the database slows down).
-- Parameters are typed arrays, one element per item (index i), except the entries, history rows and events, which
-- are flat arrays naming their item, in item order.
-- p_atomic: when any item would not be booked (refused, in flight, already answered, over the day's total), nothing
-- is written at all and the outcomes say why; the booked items' outcome is then NOT_BOOKED.
-- Returns one row per item, in order: its outcome (DONE, IN_FLIGHT, REPLAY with the stored answer, REFUSED with the
-- refusal and account, NEEDS_APPROVAL with nothing written, NOT_BOOKED), as operation_submit does.
CREATE FUNCTION operation_submit_batch(
    p_client text[], p_key text[], p_fingerprint text[],
    p_id uuid[], p_type text[], p_status text[], p_amount numeric[], p_currency text[], p_debit uuid[], p_credit uuid[],
    p_creditor_name text[], p_creditor_iban text[], p_creditor_bic text[], p_cheque_number text[],
    p_cheque_drawer_name text[], p_cheque_drawer_bank text[], p_cheque_issue_date date[], p_vat_rate numeric[],
    p_reference text[], p_label text[], p_unit text[], p_requested_date date[], p_value_date date[],
    p_received_at timestamptz[], p_executed_at timestamptz[], p_submitted_by text[], p_requires_approval boolean[], p_execute boolean[],
    p_entry_label text[], p_hold uuid[],
    p_entry_item int[], p_entry_id uuid[], p_entry_account uuid[], p_entry_amount numeric[],
    p_history_item int[], p_history_at timestamptz[], p_history_actor text[], p_history_from text[],
    p_history_to text[], p_history_reason text[],
    p_event_item int[], p_event_id uuid[], p_event_type text[],
    p_response_location text[], p_response_body text[],
    p_audit_at timestamptz[], p_audit_actor text[], p_audit_roles text[], p_audit_action text[],
    p_audit_resource_type text[], p_audit_resource_id text[], p_audit_outcome text[], p_audit_request_id text[],
    p_external_since timestamptz[], p_external_until timestamptz[], p_external_limit numeric, p_atomic boolean)
    RETURNS TABLE (item int, outcome text, refusal text, account_id uuid, request_fingerprint text,
                   response_status int, response_location text, response_body text) LANGUAGE plpgsql AS $$
DECLARE
    n           int := coalesce(array_length(p_id, 1), 0);
    v_outcome   text[] := array_fill(null::text, ARRAY[n]);
    v_refusal   text[] := array_fill(null::text, ARRAY[n]);
    v_refuser   uuid[] := array_fill(null::uuid, ARRAY[n]);
    v_stored    record;
    v_ids       uuid[];
    v_accounts  account[];
    v_account   account;
    v_entry_balance numeric[] := array_fill(null::numeric, ARRAY[coalesce(array_length(p_entry_id, 1), 0)]);
    v_entry_seq     bigint[] := array_fill(null::bigint, ARRAY[coalesce(array_length(p_entry_id, 1), 0)]);
    v_entry_currency text[] := array_fill(null::text, ARRAY[coalesce(array_length(p_entry_id, 1), 0)]);
    v_ext_account uuid[] := '{}';
    v_ext_total   numeric[] := '{}';
    v_move_account uuid[];
    v_move_amount  numeric[];
    v_net       numeric;
    v_first     int;
    v_last      int;
    v_next      int := 1;
    v_k         int;
    v_e         int;
    v_posted    timestamptz;
    v_pending   boolean;
BEGIN
    IF n = 0 THEN
        RETURN;
    END IF;
    IF array_length(p_client, 1) <> n OR array_length(p_key, 1) <> n OR array_length(p_fingerprint, 1) <> n
       OR array_length(p_type, 1) <> n OR array_length(p_status, 1) <> n OR array_length(p_amount, 1) <> n OR array_length(p_currency, 1) <> n
       OR array_length(p_debit, 1) <> n OR array_length(p_credit, 1) <> n OR array_length(p_creditor_name, 1) <> n
       OR array_length(p_creditor_iban, 1) <> n OR array_length(p_creditor_bic, 1) <> n
       OR array_length(p_cheque_number, 1) <> n OR array_length(p_cheque_drawer_name, 1) <> n
       OR array_length(p_cheque_drawer_bank, 1) <> n OR array_length(p_cheque_issue_date, 1) <> n
       OR array_length(p_vat_rate, 1) <> n OR array_length(p_reference, 1) <> n OR array_length(p_label, 1) <> n
       OR array_length(p_unit, 1) <> n OR array_length(p_requested_date, 1) <> n
       OR array_length(p_value_date, 1) <> n OR array_length(p_received_at, 1) <> n
       OR array_length(p_executed_at, 1) <> n
       OR array_length(p_submitted_by, 1) <> n OR array_length(p_requires_approval, 1) <> n
       OR array_length(p_execute, 1) <> n OR array_length(p_entry_label, 1) <> n OR array_length(p_hold, 1) <> n
       OR array_length(p_response_location, 1) <> n OR array_length(p_response_body, 1) <> n
       OR array_length(p_audit_at, 1) <> n OR array_length(p_audit_actor, 1) <> n
       OR array_length(p_audit_roles, 1) <> n OR array_length(p_audit_action, 1) <> n
       OR array_length(p_audit_resource_type, 1) <> n OR array_length(p_audit_resource_id, 1) <> n
       OR array_length(p_audit_outcome, 1) <> n OR array_length(p_audit_request_id, 1) <> n
       OR array_length(p_external_since, 1) <> n OR array_length(p_external_until, 1) <> n
       OR coalesce(array_length(p_entry_item, 1), 0) <> coalesce(array_length(p_entry_id, 1), 0)
       OR coalesce(array_length(p_entry_item, 1), 0) <> coalesce(array_length(p_entry_account, 1), 0)
       OR coalesce(array_length(p_entry_item, 1), 0) <> coalesce(array_length(p_entry_amount, 1), 0)
       OR coalesce(array_length(p_history_item, 1), 0) <> coalesce(array_length(p_history_at, 1), 0)
       OR coalesce(array_length(p_history_item, 1), 0) <> coalesce(array_length(p_history_actor, 1), 0)
       OR coalesce(array_length(p_history_item, 1), 0) <> coalesce(array_length(p_history_from, 1), 0)
       OR coalesce(array_length(p_history_item, 1), 0) <> coalesce(array_length(p_history_to, 1), 0)
       OR coalesce(array_length(p_history_item, 1), 0) <> coalesce(array_length(p_history_reason, 1), 0)
       OR coalesce(array_length(p_event_item, 1), 0) <> coalesce(array_length(p_event_id, 1), 0)
       OR coalesce(array_length(p_event_item, 1), 0) <> coalesce(array_length(p_event_type, 1), 0) THEN
        RAISE EXCEPTION 'operation_submit_batch: arrays of different lengths' USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- 1. Idempotency (idempotency_begin's protocol, for every key at once). A key given twice in the batch is a
    -- concurrent duplicate: its later items are IN_FLIGHT, as they would be in two transactions.
    FOR v_stored IN
        SELECT k.i, k.duplicate,
               NOT k.duplicate AND pg_try_advisory_xact_lock(hashtextextended(length(k.c) || ':' || k.c || k.key, 0)) AS locked
        FROM (SELECT u.i, u.c, u.key, row_number() OVER (PARTITION BY u.c, u.key ORDER BY u.i) > 1 AS duplicate
              FROM unnest(p_client, p_key) WITH ORDINALITY AS u (c, key, i) WHERE u.key IS NOT NULL) k
    LOOP
        IF NOT v_stored.locked THEN
            v_outcome[v_stored.i] := 'IN_FLIGHT';
        END IF;
    END LOOP;
    -- a new statement, so a new snapshot: an answer committed before the lock was taken is seen
    -- (LATERAL ... LIMIT 1: one primary-key lookup per key, never a hash join over the whole table)
    FOR v_stored IN
        SELECT u.i FROM unnest(p_client, p_key) WITH ORDINALITY AS u (c, key, i)
        CROSS JOIN LATERAL (SELECT 1 FROM idempotency_key s
                            WHERE s.client_id = u.c AND s.idempotency_key = u.key LIMIT 1) stored
        WHERE u.key IS NOT NULL
    LOOP
        IF v_outcome[v_stored.i] IS NULL THEN
            v_outcome[v_stored.i] := 'REPLAY';
        END IF;
    END LOOP;

    -- 2. Every account the items still to book name, locked once in ledger_check's order, then read once.
    v_ids := ARRAY(
        SELECT DISTINCT m.account FROM (
            SELECT p_entry_account[j] AS account FROM generate_subscripts(p_entry_item, 1) j
            WHERE v_outcome[p_entry_item[j]] IS NULL AND p_execute[p_entry_item[j]]
            UNION ALL
            SELECT unnest(ARRAY[p_debit[i], p_credit[i]]) FROM generate_series(1, n) i
            WHERE v_outcome[i] IS NULL AND NOT p_execute[i]) m
        WHERE m.account IS NOT NULL);
    PERFORM 1 FROM account a WHERE a.id = ANY (v_ids) ORDER BY a.type = 'INTERNAL', a.id FOR UPDATE;
    v_accounts := ARRAY(SELECT a FROM account a WHERE a.id = ANY (v_ids));
    v_ids := ARRAY(SELECT (x).id FROM unnest(v_accounts) AS x);
    v_posted := clock_timestamp();

    -- 3. The items in order, each checked against what the items before it left.
    FOR i IN 1 .. n LOOP
        -- this item's entries: the flat arrays are in item order
        v_first := v_next;
        WHILE v_next <= coalesce(array_length(p_entry_item, 1), 0) AND p_entry_item[v_next] = i LOOP
            v_next := v_next + 1;
        END LOOP;
        v_last := v_next - 1;
        CONTINUE WHEN v_outcome[i] IS NOT NULL;

        -- the moves to check: the entries, or what a hold needs (the credited account +amount, the debited -amount)
        IF p_execute[i] THEN
            v_move_account := p_entry_account[v_first:v_last];
            v_move_amount := p_entry_amount[v_first:v_last];
        ELSE
            v_move_account := ARRAY[p_credit[i], p_debit[i]];
            v_move_amount := ARRAY[p_amount[i], -p_amount[i]];
        END IF;
        FOR m IN 1 .. coalesce(array_length(v_move_account, 1), 0) LOOP
            CONTINUE WHEN v_move_account[m] IS NULL OR v_move_account[m] = ANY (v_move_account[1:m - 1]);
            v_net := 0;
            FOR o IN m .. array_length(v_move_account, 1) LOOP
                IF v_move_account[o] = v_move_account[m] THEN
                    v_net := v_net + v_move_amount[o];
                END IF;
            END LOOP;
            v_k := array_position(v_ids, v_move_account[m]);
            v_refusal[i] := account_refusal(v_accounts[v_k], v_net, false);
            IF v_refusal[i] IS NOT NULL THEN
                v_outcome[i] := 'REFUSED';
                v_refuser[i] := v_move_account[m];
                EXIT;
            END IF;
        END LOOP;
        CONTINUE WHEN v_outcome[i] IS NOT NULL;

        -- the day's total of transfers to other banks (V16__external_transfers_daily_total.sql), read once per account
        IF p_external_limit IS NOT NULL AND NOT p_requires_approval[i] AND p_type[i] = 'TRANSFER'
           AND p_creditor_iban[i] IS NOT NULL AND p_debit[i] IS NOT NULL THEN
            v_k := array_position(v_ext_account, p_debit[i]);
            IF v_k IS NULL THEN
                v_ext_account := v_ext_account || p_debit[i];
                v_ext_total := v_ext_total || external_transfers_total(p_debit[i], p_external_since[i], p_external_until[i]);
                v_k := array_length(v_ext_account, 1);
            END IF;
            IF v_ext_total[v_k] + p_amount[i] > p_external_limit THEN
                v_outcome[i] := 'NEEDS_APPROVAL';
                CONTINUE;
            END IF;
            v_ext_total[v_k] := v_ext_total[v_k] + p_amount[i];
        END IF;

        -- booked: the balances move as ledger_post and ledger_hold would move them
        IF p_execute[i] THEN
            FOR j IN v_first .. v_last LOOP
                v_k := array_position(v_ids, p_entry_account[j]);
                v_account := v_accounts[v_k];
                v_account.ledger_balance := v_account.ledger_balance + p_entry_amount[j];
                v_account.entry_count := v_account.entry_count + 1;
                v_accounts[v_k] := v_account;
                v_entry_balance[j] := v_account.ledger_balance;
                v_entry_seq[j] := v_account.entry_count;
                v_entry_currency[j] := v_account.currency;
            END LOOP;
        ELSIF p_debit[i] IS NOT NULL THEN
            v_k := array_position(v_ids, p_debit[i]);
            v_account := v_accounts[v_k];
            v_account.held_amount := v_account.held_amount + p_amount[i];
            v_accounts[v_k] := v_account;
        END IF;
        v_outcome[i] := 'DONE';
    END LOOP;

    IF p_atomic AND EXISTS (SELECT 1 FROM unnest(v_outcome) o WHERE o <> 'DONE') THEN
        v_outcome := ARRAY(SELECT CASE WHEN o = 'DONE' THEN 'NOT_BOOKED' ELSE o END FROM unnest(v_outcome) o);
    END IF;
    v_pending := 'DONE' = ANY (v_outcome);

    -- 4. One statement per table for every booked item.
    IF v_pending THEN
        INSERT INTO operation (id, type, status, amount, currency, debit_account_id, credit_account_id, creditor_name,
                               creditor_iban, creditor_bic, cheque_number, cheque_drawer_name, cheque_drawer_bank,
                               cheque_issue_date, vat_rate, reference, label, unit_code, requested_execution_date,
                               value_date, received_at, executed_at, submitted_by, requires_approval, version)
        SELECT u.id, u.type, u.status, u.amount, u.currency, u.debit,
               u.credit, u.creditor_name, u.creditor_iban, u.creditor_bic, u.cheque_number, u.drawer_name,
               u.drawer_bank, u.issue_date, u.vat_rate, u.reference, u.label, u.unit, u.requested, u.value_date,
               u.received_at, u.executed_at, u.submitted_by, u.requires_approval, 0
        FROM unnest(p_id, p_type, p_status, p_amount, p_currency, p_debit, p_credit, p_creditor_name, p_creditor_iban,
                    p_creditor_bic, p_cheque_number, p_cheque_drawer_name, p_cheque_drawer_bank, p_cheque_issue_date,
                    p_vat_rate, p_reference, p_label, p_unit, p_requested_date, p_value_date, p_received_at,
                    p_executed_at, p_submitted_by, p_requires_approval, p_execute)
             WITH ORDINALITY AS u (id, type, status, amount, currency, debit, credit, creditor_name, creditor_iban,
                                   creditor_bic, cheque_number, drawer_name, drawer_bank, issue_date, vat_rate,
                                   reference, label, unit, requested, value_date, received_at, executed_at, submitted_by,
                                   requires_approval, execute, i)
        WHERE v_outcome[u.i] = 'DONE';

        INSERT INTO operation_history (id, operation_id, at, actor, from_status, to_status, reason)
        SELECT nextval('operation_history_seq'), p_id[h.item], h.at, h.actor, h.from_status, h.to_status, h.reason
        FROM unnest(p_history_item, p_history_at, p_history_actor, p_history_from, p_history_to, p_history_reason)
             AS h (item, at, actor, from_status, to_status, reason)
        WHERE v_outcome[h.item] = 'DONE';

        UPDATE account a SET ledger_balance = x.ledger_balance, held_amount = x.held_amount, entry_count = x.entry_count
        FROM unnest(v_accounts) AS x
        WHERE a.id = ANY (v_ids) AND a.id = x.id AND (a.ledger_balance, a.held_amount, a.entry_count)
                              IS DISTINCT FROM (x.ledger_balance, x.held_amount, x.entry_count);

        INSERT INTO ledger_entry (id, operation_id, account_id, currency, amount, balance_after, account_seq, posted_at,
                                  value_date, label)
        SELECT e.id, p_id[e.item], e.account, e.currency, e.amount, e.balance, e.seq, v_posted, p_value_date[e.item],
               p_entry_label[e.item]
        FROM unnest(p_entry_item, p_entry_id, p_entry_account, p_entry_amount, v_entry_balance, v_entry_seq,
                    v_entry_currency) AS e (item, id, account, amount, balance, seq, currency)
        WHERE v_outcome[e.item] = 'DONE' AND p_execute[e.item];

        INSERT INTO hold (id, account_id, operation_id, amount, created_at)
        SELECT p_hold[i], p_debit[i], p_id[i], p_amount[i], p_received_at[i] FROM generate_series(1, n) i
        WHERE v_outcome[i] = 'DONE' AND NOT p_execute[i] AND p_debit[i] IS NOT NULL;

        INSERT INTO event (id, type, occurred_at, resource_type, resource_id, data)
        SELECT e.id, e.type, p_received_at[e.item], 'operation', p_id[e.item]::text, p_response_body[e.item]
        FROM unnest(p_event_item, p_event_id, p_event_type) AS e (item, id, type)
        WHERE v_outcome[e.item] = 'DONE';

        INSERT INTO idempotency_key (client_id, idempotency_key, request_fingerprint, response_status, response_body,
                                     response_location, created_at)
        SELECT p_client[i], p_key[i], p_fingerprint[i], 201, p_response_body[i], p_response_location[i], p_received_at[i]
        FROM generate_series(1, n) i
        WHERE v_outcome[i] = 'DONE' AND p_key[i] IS NOT NULL;
    END IF;

    -- the audit record of every answered item (audit_submission's rows): booked ones and replays
    IF NOT p_atomic OR v_pending THEN
        INSERT INTO audit_record (at, actor, roles, action, resource_type, resource_id, outcome, request_id)
        SELECT p_audit_at[i], p_audit_actor[i], p_audit_roles[i], p_audit_action[i], p_audit_resource_type[i],
               p_audit_resource_id[i], p_audit_outcome[i], p_audit_request_id[i]
        FROM generate_series(1, n) i
        WHERE v_outcome[i] IN ('DONE', 'REPLAY') AND p_audit_at[i] IS NOT NULL;
    END IF;

    RETURN QUERY
        SELECT i, v_outcome[i], v_refusal[i], v_refuser[i], s.request_fingerprint::text, s.response_status,
               s.response_location::text, s.response_body::text
        FROM generate_series(1, n) i
        LEFT JOIN LATERAL (SELECT k.request_fingerprint, k.response_status, k.response_location, k.response_body
                           FROM idempotency_key k
                           WHERE v_outcome[i] = 'REPLAY' AND k.client_id = p_client[i] AND k.idempotency_key = p_key[i]
                           LIMIT 1) s ON true
        ORDER BY i;
END $$;

-- every submission is booked by operation_submit_batch now, alone or with others
DROP FUNCTION operation_submit(text, text, text, jsonb, jsonb, boolean, uuid[], uuid[], numeric[], text, uuid, jsonb,
                               int, text, text, jsonb, timestamptz, timestamptz, numeric);

-- POST /operation-batches (docs/operations-and-ledger.md "Operation batches"): one row per batch, its client's
-- Idempotency-Key unique, its results written once, when it is done. Each operation of a batch carries its own
-- idempotency key (in the same namespace as POST /operations), so a batch run twice books nothing twice.
CREATE TABLE operation_batch (
    id                  uuid         PRIMARY KEY,
    client_id           varchar(255) NOT NULL,
    idempotency_key     varchar(255) NOT NULL,
    request_fingerprint varchar(64)  NOT NULL,
    mode                varchar(16)  NOT NULL CHECK (mode IN ('ATOMIC', 'INDEPENDENT')),
    status              varchar(16)  NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'REFUSED')),
    operation_count     int          NOT NULL CHECK (operation_count > 0),
    booked_count        int          CHECK (booked_count >= 0),
    refused_count       int          CHECK (refused_count >= 0),
    -- the results, a JSON array in the order of the operations sent
    results             text,
    created_at          timestamptz  NOT NULL,
    started_at          timestamptz  NOT NULL,
    completed_at        timestamptz,
    UNIQUE (client_id, idempotency_key),
    CHECK ((status = 'RUNNING') = (completed_at IS NULL)),
    CHECK ((status = 'RUNNING') = (results IS NULL))
);
