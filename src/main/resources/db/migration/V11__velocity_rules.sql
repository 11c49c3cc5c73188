-- VELOCITY RULES (docs/operations-and-ledger.md "Velocity rules")
--
-- Three rules on top of the limits, evaluated in operation_submit_batch in the transaction that books, under the same
-- locks: what one would let through untouched goes to four eyes (NEEDS_APPROVAL, the rule's id as the reason), as a
-- REVIEW limit does. They never refuse. Their parameters are the service's configuration (backoffice.velocity.*),
-- passed to each call; a NULL parameter switches its rule off.
--   VELOCITY_NEW_CREDITOR    a creditor IBAN the customer (every account of its customer_id) first sent a transfer to
--                            less than 24 hours ago, or never, would receive more than p_new_creditor_amount from it
--                            in total since that first transfer;
--   VELOCITY_EXTERNAL_BURST  the account would send more than p_burst_count transfers to other banks in the
--                            p_burst_minutes before this one's reception (this one included);
--   VELOCITY_UNUSUAL_AMOUNT  a transfer to another bank or a cash withdrawal above p_unusual_factor times the median of
--                            the account's such debits received in the p_unusual_days before (the latest 200 of them),
--                            once it has at least p_unusual_min_debits of them.
-- Counted like the limits: every debit of those kinds received, executed or waiting, except rejected and cancelled
-- ones. A limit exceeded wins over a rule (its DENY refuses, its REVIEW is the reason named).

-- The transfers a customer sent to one creditor IBAN, found without reading its other debits: one entry per transfer to
-- another bank.
CREATE INDEX operation_creditor_iban_idx ON operation (creditor_iban, debit_account_id, received_at)
    WHERE type = 'TRANSFER' AND creditor_iban IS NOT NULL;

-- The money an account sends out of the bank (transfers to other banks, cash withdrawals), by account and time, without
-- reading its transfers between our accounts: the limits of those kinds and the velocity rules read it. One more entry
-- for such a debit (V3's index of transfers to other banks, which V10 widened to every debit, read them so).
CREATE INDEX operation_money_out_idx ON operation (debit_account_id, received_at)
    WHERE type = 'CASH_WITHDRAWAL' OR (type = 'TRANSFER' AND creditor_iban IS NOT NULL);

-- The limits of some customer accounts that operation_submit_batch checks, one row per account and limit (a CUSTOMER
-- limit once per account of the customer): the finite ones (an unlimited limit costs nothing), as V10's
-- account_limits reads them, each without what its window used (used_amount and used_count NULL;
-- an OPERATION limit uses nothing: 0), which limit_used reads when an item it counts first needs it. So a submission
-- reads only the windows of the limits its kind of debit counts: an internal transfer under the default limits reads
-- the account's limit rows and no debit.
CREATE FUNCTION account_limit_rules(p_accounts uuid[], p_external_limit numeric) RETURNS SETOF limit_state
    LANGUAGE sql STABLE AS $$
    SELECT r.id, r.scope, r.kind, r.time_window, r.operation_types, v.limit_value, r.on_exceed,
           CASE WHEN r.from_setting THEN p_external_limit ELSE r.limit_value END,
           CASE WHEN r.time_window = 'OPERATION' THEN 0 END, CASE WHEN r.time_window = 'OPERATION' THEN 0 END,
           CASE r.scope WHEN 'ACCOUNT' THEN a.id::text ELSE 'customer:' || a.type || ':' || a.customer_id END,
           CASE r.scope WHEN 'ACCOUNT' THEN ARRAY[a.id]
                ELSE ARRAY(SELECT c.id FROM account c WHERE c.customer_id = a.customer_id AND c.type <> 'INTERNAL') END,
           o.id, coalesce(o.version, 0), o.pending_value, o.pending_by, o.set_by IS NOT NULL
    FROM account a
    JOIN limit_rule r ON r.account_type = a.type
    LEFT JOIN limit_override o ON o.limit_id = r.id
         AND ((r.scope = 'ACCOUNT' AND o.account_id = a.id) OR (r.scope = 'CUSTOMER' AND o.customer_id = a.customer_id))
    CROSS JOIN LATERAL (SELECT CASE WHEN o.set_by IS NOT NULL THEN o.limit_value
                                    WHEN r.from_setting THEN p_external_limit ELSE r.limit_value END AS limit_value) v
    WHERE a.id = ANY (p_accounts) AND v.limit_value IS NOT NULL
$$;

-- What a DAY or MONTH window used: the amount and number of the debits of those kinds received in it on those
-- accounts, counted as V10's account_limits counts them. Transfers to other banks and cash withdrawals alone are read
-- through operation_money_out_idx, so an account's transfers between our accounts are not read for them.
CREATE FUNCTION limit_used(p_accounts uuid[], p_types text[], p_since timestamptz, p_until timestamptz,
                           OUT amount numeric, OUT debits bigint) LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF p_types <@ ARRAY['EXTERNAL_TRANSFER', 'CASH_WITHDRAWAL'] THEN
        SELECT coalesce(sum(d.amount), 0), count(*) INTO amount, debits
        FROM operation d
        WHERE d.debit_account_id = ANY (p_accounts)
          AND (d.type = 'CASH_WITHDRAWAL' OR (d.type = 'TRANSFER' AND d.creditor_iban IS NOT NULL))
          AND d.received_at >= p_since AND d.received_at < p_until AND d.status NOT IN ('REJECTED', 'CANCELLED')
          AND limit_debit_kind(d.type, d.creditor_iban) = ANY (p_types);
    ELSE
        SELECT coalesce(sum(d.amount), 0), count(*) INTO amount, debits
        FROM operation d
        WHERE d.debit_account_id = ANY (p_accounts) AND d.type IN ('TRANSFER', 'CASH_WITHDRAWAL')
          AND d.received_at >= p_since AND d.received_at < p_until AND d.status NOT IN ('REJECTED', 'CANCELLED')
          AND limit_debit_kind(d.type, d.creditor_iban) = ANY (p_types);
    END IF;
END $$;


-- VELOCITY_NEW_CREDITOR's state for the customer of p_account and the IBAN p_iban at p_at: when the customer first
-- sent it a transfer (NULL: never), and what it sent it in the 24 hours before p_at.
CREATE FUNCTION velocity_new_creditor(p_account uuid, p_iban text, p_at timestamptz)
    RETURNS TABLE (first_at timestamptz, used numeric) LANGUAGE sql STABLE AS $$
    SELECT min(d.received_at), coalesce(sum(d.amount) FILTER (WHERE d.received_at > p_at - interval '24 hours'), 0)
    FROM operation d
    WHERE d.creditor_iban = p_iban AND d.type = 'TRANSFER' AND d.status NOT IN ('REJECTED', 'CANCELLED')
      AND d.debit_account_id = ANY (ARRAY(SELECT c.id FROM account a JOIN account c ON c.customer_id = a.customer_id
                                          WHERE a.id = p_account AND c.type <> 'INTERNAL'))
$$;

-- VELOCITY_EXTERNAL_BURST and VELOCITY_UNUSUAL_AMOUNT for the account p_account at p_at, as limits of window OPERATION
-- (limit_state, V10) that operation_submit_batch checks and keeps up to date as it checks its limits: the burst a COUNT
-- of the transfers to other banks received in the p_burst_minutes before p_at, the unusual amount an AMOUNT of
-- p_unusual_factor times the median. Each is one indexed range scan (operation_money_out_idx), the median's bounded
-- to the latest 200 debits.
CREATE FUNCTION velocity_limits(p_account uuid, p_at timestamptz, p_burst_count int, p_burst_minutes int,
                                p_unusual_factor numeric, p_unusual_days int, p_unusual_min_debits int)
    RETURNS SETOF limit_state LANGUAGE sql STABLE AS $$
    SELECT 'VELOCITY_EXTERNAL_BURST', 'ACCOUNT', 'COUNT', 'OPERATION', ARRAY['EXTERNAL_TRANSFER'], p_burst_count::numeric,
           'REVIEW', p_burst_count::numeric, 0::numeric, count(*), 'velocity:' || p_account, ARRAY[p_account],
           null::uuid, 0::bigint, null::numeric, null::text, false
    FROM operation d
    WHERE p_burst_count IS NOT NULL AND p_burst_minutes IS NOT NULL
      AND d.debit_account_id = p_account AND d.type = 'TRANSFER' AND d.creditor_iban IS NOT NULL
      AND d.received_at > p_at - make_interval(mins => p_burst_minutes) AND d.status NOT IN ('REJECTED', 'CANCELLED')
    HAVING p_burst_count IS NOT NULL AND p_burst_minutes IS NOT NULL
    UNION ALL
    SELECT 'VELOCITY_UNUSUAL_AMOUNT', 'ACCOUNT', 'AMOUNT', 'OPERATION', ARRAY['EXTERNAL_TRANSFER', 'CASH_WITHDRAWAL'],
           p_unusual_factor * percentile_disc(0.5) WITHIN GROUP (ORDER BY h.amount), 'REVIEW', null::numeric,
           0::numeric, 0::bigint, 'velocity:' || p_account, ARRAY[p_account], null::uuid, 0::bigint, null::numeric,
           null::text, false
    FROM (SELECT d.amount FROM operation d
          WHERE p_unusual_factor IS NOT NULL AND p_unusual_days IS NOT NULL
            AND d.debit_account_id = p_account
            AND (d.type = 'CASH_WITHDRAWAL' OR (d.type = 'TRANSFER' AND d.creditor_iban IS NOT NULL))
            AND d.received_at >= p_at - make_interval(days => p_unusual_days) AND d.received_at <= p_at
            AND d.status NOT IN ('REJECTED', 'CANCELLED')
          ORDER BY d.received_at DESC LIMIT 200) h
    HAVING count(*) >= greatest(coalesce(p_unusual_min_debits, 1), 1)
$$;

-- SUBMISSIONS, ALONE OR IN BATCHES: V10's operation_submit_batch with the velocity rules. PL/pgSQL cannot replace part
-- of a function, so it is written here whole; what changed from V10: the parameters p_new_creditor_amount to
-- p_unusual_min_debits; step 2 also locks the customers of transfers to other banks when VELOCITY_NEW_CREDITOR is on;
-- the debit accounts' limits are read in one statement before the items (step 2c, account_limit_rules; V10 read
-- them with a query per account, and scanned every limit for each item), each window's use by limit_used when an
-- item of a kind it counts first needs it (V10 read every finite limit's window for any debit); an account sending
-- money out of the bank has its velocity_limits read with them; VELOCITY_NEW_CREDITOR is checked after the limits;
-- new column credit_watched: an internal transfer executed to an account with an OPEN expected payment (V9), which
-- the service then matches in a transaction of its own (docs/reconciliation.md "Expected payments"); the others cost
-- no second transaction, nor a query. The expected payments are the one feature above this function that it reads:
-- an index probe in the call that books, instead of a round trip per transfer after it. Everything else is
-- V10's function, unchanged: read V10 for what each step does.
DROP FUNCTION operation_submit_batch;

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
    p_external_since timestamptz[], p_external_until timestamptz[], p_external_limit numeric, p_atomic boolean,
    p_month_since timestamptz[], p_month_until timestamptz[],
    p_new_creditor_amount numeric, p_burst_count int, p_burst_minutes int, p_unusual_factor numeric,
    p_unusual_days int, p_unusual_min_debits int)
    RETURNS TABLE (item int, outcome text, refusal text, account_id uuid, request_fingerprint text,
                   response_status int, response_location text, response_body text, limit_id text,
                   credit_watched boolean) LANGUAGE plpgsql AS $$
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
    v_limit_id  text[] := array_fill(null::text, ARRAY[n]);
    v_velocity_loaded uuid[] := '{}';
    v_limit_key uuid[] := '{}';
    v_limit_ref int[] := '{}';
    v_pos       int;
    v_l         int;
    v_limits    limit_state[] := '{}';
    v_limit     limit_state;
    v_kind      text;
    v_deny      text;
    v_review    text;
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
    v_payees    text[] := '{}';
    v_payee_first timestamptz[] := '{}';
    v_payee_used  numeric[] := '{}';
    v_payee     text;
    v_p         int;
    v_first_at  timestamptz;
    v_used      numeric;
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
       OR array_length(p_month_since, 1) <> n OR array_length(p_month_until, 1) <> n
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

    -- 2. The customers whose finite CUSTOMER limits the items still to book would count, or who send a transfer to
    -- another bank the rule VELOCITY_NEW_CREDITOR checks, locked in customer order before any account (a transaction
    -- advisory lock per customer), so concurrent calls debiting two accounts of one customer read each other's debits.
    FOR v_stored IN
        SELECT DISTINCT a.customer_id FROM account a
        JOIN limit_rule r ON r.account_type = a.type AND r.scope = 'CUSTOMER'
        LEFT JOIN limit_override o ON o.limit_id = r.id AND o.customer_id = a.customer_id AND o.set_by IS NOT NULL
        WHERE a.id = ANY (ARRAY(SELECT p_debit[i] FROM generate_series(1, n) i
                                WHERE v_outcome[i] IS NULL AND limit_debit_kind(p_type[i], p_creditor_iban[i]) IS NOT NULL))
          AND CASE WHEN o.set_by IS NOT NULL THEN o.limit_value ELSE r.limit_value END IS NOT NULL
        UNION
        SELECT a.customer_id FROM account a
        WHERE p_new_creditor_amount IS NOT NULL
          AND a.id = ANY (ARRAY(SELECT p_debit[i] FROM generate_series(1, n) i
                                WHERE v_outcome[i] IS NULL AND NOT p_requires_approval[i]
                                  AND limit_debit_kind(p_type[i], p_creditor_iban[i]) = 'EXTERNAL_TRANSFER'))
        ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock(hashtextextended('limits:customer:' || v_stored.customer_id, 0));
    END LOOP;

    -- 2b. Every account the items still to book name, locked once in ledger_check's order, then read once.
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

    -- 2c. The finite limits of every debit account the items still to book name, read in one statement (a CUSTOMER
    -- limit once for all the customer's accounts), in the order they are checked (ACCOUNT before CUSTOMER, by id); for
    -- each account, where its limits are (v_limit_key: an account, v_limit_ref: the limit at that place), so an item
    -- looks at its own limits only, however many accounts the call debits.
    v_limits := ARRAY(
        SELECT d FROM (SELECT DISTINCT ON (s.owner, s.limit_id) s AS d, s.scope, s.limit_id, s.owner
                       FROM account_limit_rules(ARRAY(SELECT DISTINCT p_debit[i] FROM generate_series(1, n) i
                                                      WHERE v_outcome[i] IS NULL AND p_debit[i] IS NOT NULL
                                                        AND limit_debit_kind(p_type[i], p_creditor_iban[i]) IS NOT NULL),
                                                p_external_limit) s
                       ORDER BY s.owner, s.limit_id) u
        ORDER BY u.scope, u.limit_id, u.owner);
    SELECT coalesce(array_agg(k.account ORDER BY k.l), '{}'), coalesce(array_agg(k.l ORDER BY k.l), '{}')
    INTO v_limit_key, v_limit_ref
    FROM (SELECT l, unnest((v_limits[l]).accounts) AS account
          FROM generate_series(1, coalesce(array_length(v_limits, 1), 0)) l) k;

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

        -- the limits of the debit account (read in step 2c), each limit's use of its window read when an item it
        -- counts first needs it (limit_used), then kept up to date below; the velocity rules' states read once per
        -- account that sends money out of the bank
        v_kind := limit_debit_kind(p_type[i], p_creditor_iban[i]);
        IF v_kind IS NOT NULL AND p_debit[i] IS NOT NULL THEN
            IF v_kind <> 'INTERNAL_TRANSFER' AND NOT p_debit[i] = ANY (v_velocity_loaded) THEN
                v_velocity_loaded := v_velocity_loaded || p_debit[i];
                FOR v_limit IN SELECT * FROM velocity_limits(p_debit[i], p_received_at[i], p_burst_count, p_burst_minutes,
                                                             p_unusual_factor, p_unusual_days, p_unusual_min_debits) LOOP
                    v_limits := v_limits || v_limit;
                    v_limit_key := v_limit_key || p_debit[i];
                    v_limit_ref := v_limit_ref || array_length(v_limits, 1);
                END LOOP;
            END IF;
            v_deny := NULL;
            v_review := NULL;
            FOREACH v_pos IN ARRAY array_positions(v_limit_key, p_debit[i]) LOOP
                v_l := v_limit_ref[v_pos];
                v_limit := v_limits[v_l];
                CONTINUE WHEN NOT (v_kind = ANY (v_limit.operation_types));
                IF v_limit.used_count IS NULL THEN
                    SELECT u.amount, u.debits INTO v_limit.used_amount, v_limit.used_count
                    FROM limit_used(v_limit.accounts, v_limit.operation_types,
                                    CASE v_limit.time_window WHEN 'DAY' THEN p_external_since[i] ELSE p_month_since[i] END,
                                    CASE v_limit.time_window WHEN 'DAY' THEN p_external_until[i] ELSE p_month_until[i] END) u;
                    v_limits[v_l] := v_limit;
                END IF;
                IF (CASE WHEN v_limit.kind = 'COUNT' THEN v_limit.used_count + 1 > v_limit.limit_value
                        WHEN v_limit.time_window = 'OPERATION' THEN p_amount[i] > v_limit.limit_value
                        ELSE v_limit.used_amount + p_amount[i] > v_limit.limit_value END) THEN
                    IF v_limit.on_exceed = 'DENY' THEN
                        v_deny := coalesce(v_deny, v_limit.limit_id);
                    ELSIF NOT p_requires_approval[i] THEN
                        v_review := coalesce(v_review, v_limit.limit_id);
                    END IF;
                END IF;
            END LOOP;
            IF v_deny IS NOT NULL THEN
                v_outcome[i] := 'REFUSED';
                v_refusal[i] := 'LIMIT_EXCEEDED';
                v_refuser[i] := p_debit[i];
                v_limit_id[i] := v_deny;
                CONTINUE;
            END IF;
            -- VELOCITY_NEW_CREDITOR: what the customer sent this creditor IBAN since its first transfer to it, read once
            -- per (customer, IBAN) and call, then kept up to date as the items are booked
            v_p := NULL;
            IF v_kind = 'EXTERNAL_TRANSFER' AND p_new_creditor_amount IS NOT NULL THEN
                v_account := v_accounts[array_position(v_ids, p_debit[i])];
                v_payee := v_account.customer_id || ':' || p_creditor_iban[i];
                v_p := array_position(v_payees, v_payee);
                IF v_p IS NULL THEN
                    v_payees := v_payees || v_payee;
                    v_p := array_length(v_payees, 1);
                    SELECT f.first_at, f.used INTO v_first_at, v_used
                    FROM velocity_new_creditor(p_debit[i], p_creditor_iban[i], p_received_at[i]) f;
                    v_payee_first[v_p] := v_first_at;
                    v_payee_used[v_p] := v_used;
                END IF;
                IF v_review IS NULL AND NOT p_requires_approval[i]
                   AND (v_payee_first[v_p] IS NULL OR v_payee_first[v_p] > p_received_at[i] - interval '24 hours')
                   AND v_payee_used[v_p] + p_amount[i] > p_new_creditor_amount THEN
                    v_review := 'VELOCITY_NEW_CREDITOR';
                END IF;
            END IF;
            IF v_review IS NOT NULL THEN
                v_outcome[i] := 'NEEDS_APPROVAL';
                v_limit_id[i] := v_review;
                CONTINUE;
            END IF;
            IF v_p IS NOT NULL THEN
                v_payee_first[v_p] := coalesce(v_payee_first[v_p], p_received_at[i]);
                v_payee_used[v_p] := v_payee_used[v_p] + p_amount[i];
            END IF;
            FOREACH v_pos IN ARRAY array_positions(v_limit_key, p_debit[i]) LOOP
                v_l := v_limit_ref[v_pos];
                v_limit := v_limits[v_l];
                CONTINUE WHEN NOT (v_kind = ANY (v_limit.operation_types));
                v_limit.used_amount := v_limit.used_amount + p_amount[i];
                v_limit.used_count := v_limit.used_count + 1;
                v_limits[v_l] := v_limit;
            END LOOP;
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
               s.response_location::text, s.response_body::text, v_limit_id[i],
               v_outcome[i] = 'DONE' AND p_execute[i] AND p_type[i] = 'TRANSFER' AND p_credit[i] IS NOT NULL
                   AND EXISTS (SELECT 1 FROM expected_payment e WHERE e.account_id = p_credit[i] AND e.status = 'OPEN')
        FROM generate_series(1, n) i
        LEFT JOIN LATERAL (SELECT k.request_fingerprint, k.response_status, k.response_location, k.response_body
                           FROM idempotency_key k
                           WHERE v_outcome[i] = 'REPLAY' AND k.client_id = p_client[i] AND k.idempotency_key = p_key[i]
                           LIMIT 1) s ON true
        ORDER BY i;
END $$;
