-- Operations, holds and the double-entry ledger (docs/operations-and-ledger.md "Operations and the ledger").

-- An operation: what was asked (a transfer, a deposit, a fee, a reversal...), by whom, and where its lifecycle stands.
-- The clearing's types, status and columns (INCOMING_TRANSFER, CLEARING_SETTLEMENT, RETURNED, payment_file_id to
-- creditor_bic) are described in V5__clearing.sql, which adds their indexes and the foreign key to payment_file.
CREATE TABLE operation (
    id                       uuid          PRIMARY KEY,
    -- INCOMING_TRANSFER and CLEARING_SETTLEMENT: V5__clearing.sql
    type                     varchar(24)   NOT NULL CHECK (type IN ('TRANSFER', 'CHEQUE_DEPOSIT', 'CASH_DEPOSIT',
                                                                      'CASH_WITHDRAWAL', 'FEE', 'REVERSAL',
                                                                      'INCOMING_TRANSFER', 'CLEARING_SETTLEMENT')),
    -- RETURNED: V5__clearing.sql
    status                   varchar(16)   NOT NULL CHECK (status IN ('RECEIVED', 'PENDING_APPROVAL', 'SCHEDULED',
                                                                      'EXECUTED', 'REJECTED', 'CANCELLED', 'REVERSED',
                                                                      'CLEARED', 'BOUNCED', 'RETURNED')),
    amount                   numeric(18,3) NOT NULL CHECK (amount > 0),
    currency                 varchar(3)    NOT NULL,
    debit_account_id         uuid          REFERENCES account (id),
    credit_account_id        uuid          REFERENCES account (id),
    creditor_name            varchar(70),
    creditor_iban            varchar(34),
    cheque_number            varchar(7)    CHECK (cheque_number ~ '^[0-9]{7}$'),
    cheque_drawer_name       varchar(70),
    cheque_drawer_bank       varchar(70),
    cheque_issue_date        date,
    vat_rate                 numeric(5,2)  CHECK (vat_rate >= 0 AND vat_rate < 100),
    reference                varchar(35),
    label                    varchar(140),
    unit_code                varchar(6)    NOT NULL REFERENCES unit (code),
    requested_execution_date date          NOT NULL,
    value_date               date          NOT NULL,
    received_at              timestamptz   NOT NULL,
    executed_at              timestamptz,
    submitted_by             varchar(255)  NOT NULL,
    validated_by             varchar(255),
    approved_by              varchar(255),
    assignee                 varchar(255),
    requires_approval        boolean       NOT NULL,
    reason_code              varchar(32),
    reason_comment           varchar(500),
    -- an operation is reversed at most once, by one reversal (operation_reversal_of_uq, operation_reversed_by_uq)
    reversal_of              uuid          REFERENCES operation (id),
    reversed_by              uuid          REFERENCES operation (id),
    version                  bigint        NOT NULL DEFAULT 0,
    -- A scheduled operation whose execution fails for a technical reason is tried again later, with back-off, without
    -- holding up the operations due after it: attempts so far, and not before when. Both null until a first failure.
    -- (A business refusal, such as insufficient funds, is no failure: the operation is rejected with its reason.)
    execution_attempts       int           CHECK (execution_attempts > 0),
    next_attempt_at          timestamptz,
    -- the clearing's columns (V5__clearing.sql): the payment file that took an external transfer and the EndToEndId
    -- it was sent with (or an incoming transfer's, as the other bank sent it), an incoming transfer's debtor, a
    -- returned transfer's ISO 20022 reason, an external transfer's creditor bank
    payment_file_id          uuid,
    end_to_end_id            varchar(35),
    debtor_name              varchar(70),
    debtor_iban              varchar(34),
    return_reason            varchar(4)    CHECK (return_reason ~ '^[A-Z0-9]{4}$'),
    creditor_bic             varchar(11)
        CONSTRAINT operation_creditor_bic_format CHECK (creditor_bic ~ '^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
    CHECK (debit_account_id IS NULL OR credit_account_id IS NULL OR debit_account_id <> credit_account_id),
    CHECK ((type = 'REVERSAL') = (reversal_of IS NOT NULL)),
    CHECK ((type = 'CHEQUE_DEPOSIT') = (cheque_number IS NOT NULL)),
    -- four eyes: whoever validated or submitted does not approve
    CONSTRAINT operation_four_eyes_check
        CHECK (approved_by IS NULL OR (approved_by <> submitted_by AND approved_by <> validated_by)),
    CONSTRAINT operation_executed_at_check
        CHECK ((status IN ('EXECUTED', 'REVERSED', 'CLEARED', 'BOUNCED', 'RETURNED')) = (executed_at IS NOT NULL)),
    -- a returned transfer names the REVERSAL operation that credited the debtor back, as a reversed operation does
    CONSTRAINT operation_reversed_by_check CHECK ((status IN ('REVERSED', 'RETURNED')) = (reversed_by IS NOT NULL)),
    CONSTRAINT operation_returned_check CHECK ((status = 'RETURNED') = (return_reason IS NOT NULL)),
    CONSTRAINT operation_payment_file_check
        CHECK (payment_file_id IS NULL OR (type = 'TRANSFER' AND creditor_iban IS NOT NULL AND end_to_end_id IS NOT NULL)),
    CONSTRAINT operation_creditor_bic_external CHECK (creditor_bic IS NULL OR creditor_iban IS NOT NULL)
);

CREATE INDEX operation_unit_queue_idx ON operation (unit_code, received_at, id)
    WHERE status IN ('RECEIVED', 'PENDING_APPROVAL');
CREATE INDEX operation_scheduled_idx ON operation (value_date) WHERE status = 'SCHEDULED';
CREATE INDEX operation_debit_idx ON operation (debit_account_id, id);
CREATE INDEX operation_credit_idx ON operation (credit_account_id, id);
-- The reversal links are null on almost every operation (docs/performance.md "Index decisions"): uniqueness only
-- matters among the links that are set, so partial unique indexes keep the rule (an operation is reversed at most
-- once, by one reversal) for the rows that have a link, and write nothing for the others. No query looks an
-- operation up by these columns.
CREATE UNIQUE INDEX operation_reversal_of_uq ON operation (reversal_of) WHERE reversal_of IS NOT NULL;
CREATE UNIQUE INDEX operation_reversed_by_uq ON operation (reversed_by) WHERE reversed_by IS NOT NULL;
-- the day's transfers to other banks of one account, found without reading its other operations
CREATE INDEX operation_external_debit_idx ON operation (debit_account_id, received_at)
    WHERE type = 'TRANSFER' AND creditor_iban IS NOT NULL;

-- Allocated 50 at a time by the service, so that history rows are inserted in batches.
CREATE SEQUENCE operation_history_seq INCREMENT 50;

CREATE TABLE operation_history (
    id           bigint       PRIMARY KEY,
    operation_id uuid         NOT NULL REFERENCES operation (id),
    at           timestamptz  NOT NULL,
    actor        varchar(255) NOT NULL,
    from_status  varchar(16),
    to_status    varchar(16)  NOT NULL,
    reason       varchar(500)
);
CREATE INDEX operation_history_operation_idx ON operation_history (operation_id, id);

-- Money reserved on an account: the debit of an operation not executed yet, or a deposited cheque until it clears.
CREATE TABLE hold (
    id           uuid          PRIMARY KEY,
    account_id   uuid          NOT NULL REFERENCES account (id),
    operation_id uuid          NOT NULL REFERENCES operation (id),
    amount       numeric(18,3) NOT NULL CHECK (amount > 0),
    created_at   timestamptz   NOT NULL,
    released_at  timestamptz
);
-- at most one active hold per operation
CREATE UNIQUE INDEX hold_active_operation_uq ON hold (operation_id) WHERE released_at IS NULL;
CREATE INDEX hold_account_idx ON hold (account_id) WHERE released_at IS NULL;

CREATE TABLE ledger_entry (
    id            uuid          PRIMARY KEY,
    operation_id  uuid          NOT NULL REFERENCES operation (id),
    account_id    uuid          NOT NULL,
    currency      varchar(3)    NOT NULL,
    -- signed: debits negative, credits positive
    amount        numeric(18,3) NOT NULL CHECK (amount <> 0),
    balance_after numeric(20,3) NOT NULL,
    -- the entry's place among its account's entries (account.entry_count)
    account_seq   bigint        NOT NULL,
    posted_at     timestamptz   NOT NULL,
    value_date    date          NOT NULL,
    label         varchar(140),
    -- an entry is in its account's currency
    FOREIGN KEY (account_id, currency) REFERENCES account (id, currency),
    UNIQUE (account_id, account_seq)
);
CREATE INDEX ledger_entry_operation_idx ON ledger_entry (operation_id);
CREATE INDEX ledger_entry_posted_idx ON ledger_entry (account_id, posted_at) INCLUDE (amount);

-- The ledger is append-only: a correction is a new operation (reversal, bounce), never an edit. An UPDATE or DELETE of
-- an entry is refused row by row, and TRUNCATE, which fires no row trigger, by a statement trigger: emptying the ledger
-- takes dropping the table, which the service's runtime role cannot do (docs/security.md "Security").
CREATE FUNCTION ledger_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();
CREATE TRIGGER ledger_entry_never_truncated BEFORE TRUNCATE ON ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_is_append_only();

-- Double entry: at commit, the entries of each operation sum to zero in each currency.
CREATE FUNCTION ledger_entries_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM ledger_entry WHERE operation_id = NEW.operation_id
               GROUP BY currency HAVING sum(amount) <> 0) THEN
        RAISE EXCEPTION 'entries of operation % do not sum to zero', NEW.operation_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_entries_sum_to_zero AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entries_balance();

-- BOOKING, WRITTEN ONCE (docs/performance.md "The write path")
--
-- Every path that moves money (submission, validation, approval, the scheduler, reversal, cheque clearing and bounce,
-- the clearing's postings) books through these functions, in one call each: locks, checks, balances, entries and
-- holds. Which entries an operation posts stays in plain Java (Postings); these functions only book them.
--
-- Lock order: customer accounts by id, then internal accounts by id. Every path locks in that order, so two
-- bookings never wait on each other in a cycle, and an internal account (shared by a whole unit) is held for the
-- shortest time.

-- Why an account cannot take a move of net signed amount now, or null: a frozen or closed account takes
-- nothing, and a debit may not take the available balance (booked minus held) below -overdraft_limit
-- (internal accounts have no limit). The check constraint on account enforces the same floor again.
-- A correction (a supervisor's reversal) is the exception: a frozen account takes it, so a mistake can always be
-- undone; the floor and closed accounts still hold.
CREATE FUNCTION account_refusal(a account, net numeric, correction boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN a.status = 'FROZEN' AND NOT correction THEN 'ACCOUNT_FROZEN'
        WHEN a.status = 'CLOSED' THEN 'ACCOUNT_CLOSED'
        WHEN net < 0 AND a.overdraft_limit IS NOT NULL
             AND a.ledger_balance - a.held_amount + net + a.overdraft_limit < 0 THEN 'INSUFFICIENT_FUNDS'
    END
$$;

-- Locks the accounts (in the order above) and returns the first refusal among the net moves, in the order the
-- moves are given, with the account refusing; no row when every account can take its move.
CREATE FUNCTION ledger_check(p_accounts uuid[], p_amounts numeric[], p_correction boolean DEFAULT false)
    RETURNS TABLE (refusal text, account_id uuid) LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM account WHERE id = ANY (p_accounts) ORDER BY type = 'INTERNAL', id FOR UPDATE;
    RETURN QUERY
        SELECT account_refusal(a, m.net, p_correction), a.id
        FROM (SELECT move.account, sum(move.amount) AS net, min(move.position) AS position
              FROM unnest(p_accounts, p_amounts) WITH ORDINALITY AS move (account, amount, position)
              GROUP BY move.account) m
        JOIN account a ON a.id = m.account
        WHERE account_refusal(a, m.net, p_correction) IS NOT NULL
        ORDER BY m.position
        LIMIT 1;
END $$;

-- Books entries on accounts the caller has locked: balances, statement positions and entries move together. The
-- entries are dated now, after the locks were taken: on each account, entries by time are entries by position, so
-- a balance as of any instant (GET /accounts/{id}/balance?at=) is one the account really had.
CREATE FUNCTION ledger_post(p_operation uuid, p_entry_ids uuid[], p_accounts uuid[], p_amounts numeric[],
                            p_value_date date, p_label text) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    v_balance  numeric;
    v_seq      bigint;
    v_currency varchar(3);
    v_posted   timestamptz := clock_timestamp();
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_accounts, 1), 0) LOOP
        UPDATE account SET ledger_balance = ledger_balance + p_amounts[i], entry_count = entry_count + 1
        WHERE id = p_accounts[i]
        RETURNING ledger_balance, entry_count, currency INTO v_balance, v_seq, v_currency;
        INSERT INTO ledger_entry (id, operation_id, account_id, currency, amount, balance_after, account_seq, posted_at,
                                  value_date, label)
        VALUES (p_entry_ids[i], p_operation, p_accounts[i], v_currency, p_amounts[i], v_balance, v_seq, v_posted,
                p_value_date, p_label);
    END LOOP;
END $$;

-- Reserves an amount on an account the caller has locked.
CREATE FUNCTION ledger_hold(p_hold uuid, p_operation uuid, p_account uuid, p_amount numeric, p_at timestamptz)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO hold (id, account_id, operation_id, amount, created_at) VALUES (p_hold, p_account, p_operation, p_amount, p_at);
    UPDATE account SET held_amount = held_amount + p_amount WHERE id = p_account;
$$;

-- Releases the operation's active hold, if any (rejection, cancellation, clearing, and before an execution).
CREATE FUNCTION ledger_release(p_operation uuid, p_at timestamptz) RETURNS void LANGUAGE sql AS $$
    WITH released AS (
        UPDATE hold SET released_at = p_at WHERE operation_id = p_operation AND released_at IS NULL
        RETURNING account_id, amount)
    UPDATE account a SET held_amount = a.held_amount - r.amount FROM released r WHERE a.id = r.account_id;
$$;

-- Executes an operation already recorded: locks its accounts (and the one holding its hold), releases the hold of
-- p_release_hold_of (the operation itself, or the original of a reversal), checks the moves as p_check says (FULL;
-- CORRECTION for a reversal, see account_refusal; NONE for a bounced cheque, which takes back what its hold still
-- covers), books the entries and, for a deposited cheque,
-- holds the credit until it clears. Returns the refusal and the refusing account, or no row when booked; a
-- refusal books nothing (the caller rejects the operation, or rolls back).
CREATE FUNCTION ledger_book(p_operation uuid, p_release_hold_of uuid, p_check text, p_entry_ids uuid[],
                            p_accounts uuid[], p_amounts numeric[], p_posted_at timestamptz, p_value_date date,
                            p_label text, p_credit_hold uuid, p_credit_hold_account uuid, p_credit_hold_amount numeric)
    RETURNS TABLE (refusal text, account_id uuid) LANGUAGE plpgsql AS $$
DECLARE
    v_locked uuid[] := p_accounts || ARRAY(SELECT h.account_id FROM hold h
                                           WHERE h.operation_id = p_release_hold_of AND h.released_at IS NULL);
BEGIN
    PERFORM 1 FROM account WHERE id = ANY (v_locked) ORDER BY type = 'INTERNAL', id FOR UPDATE;
    PERFORM ledger_release(p_release_hold_of, p_posted_at);
    IF p_check <> 'NONE' THEN
        RETURN QUERY SELECT c.refusal, c.account_id FROM ledger_check(p_accounts, p_amounts, p_check = 'CORRECTION') c;
        IF FOUND THEN
            RETURN;
        END IF;
    END IF;
    PERFORM ledger_post(p_operation, p_entry_ids, p_accounts, p_amounts, p_value_date, p_label);
    IF p_credit_hold IS NOT NULL THEN
        PERFORM ledger_hold(p_credit_hold, p_operation, p_credit_hold_account, p_credit_hold_amount, p_posted_at);
    END IF;
END $$;

-- THE DAILY TOTAL OF TRANSFERS TO OTHER BANKS PER DEBIT ACCOUNT
--
-- A transfer to another bank (a TRANSFER with a creditor IBAN) that would take the transfers to other banks debited
-- from its account in one business day above a total (backoffice.limits.external-transfers-per-day) does not execute
-- straight through and waits for four eyes (requires_approval: an agent validates, a supervisor approves), however the
-- amount is split. Counted: every such transfer received that business day on the account, executed or waiting (held
-- or scheduled), whatever became of it since (returned or reversed ones too, so a round trip never lowers the total),
-- except those rejected or cancelled before they moved money.
--
-- The total is read in operation_submit_batch after the debit account is locked (FOR UPDATE, in ledger_check's
-- order), and every submission debiting that account takes the same lock, so two concurrent submissions read each
-- other's transfer: the second waits for the first to commit, and READ COMMITTED gives each statement of the function
-- a new snapshot. When the total would be exceeded the function writes nothing and answers NEEDS_APPROVAL; the service
-- builds the operation again as waiting for approval (its history, answer and events differ) and submits it once more,
-- and an operation already requiring approval is not counted again: the decision only ever moves towards four eyes.

-- What the transfers to other banks debited from p_account and received in [p_since, p_until) total, as counted above.
CREATE FUNCTION external_transfers_total(p_account uuid, p_since timestamptz, p_until timestamptz) RETURNS numeric
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(o.amount), 0) FROM operation o
    WHERE o.debit_account_id = p_account AND o.type = 'TRANSFER' AND o.creditor_iban IS NOT NULL
      AND o.received_at >= p_since AND o.received_at < p_until
      AND o.status NOT IN ('REJECTED', 'CANCELLED')
$$;

-- SUBMISSIONS, ALONE OR IN BATCHES (docs/performance.md "Group commit and batches")
--
-- POST /operations and POST /operation-batches: the service validates each request and builds every row in Java (the
-- operation, its history, the entries a straight-through execution posts, the events, the stored answer, the audit
-- record), then one call of operation_submit_batch, in one transaction, takes the idempotency locks, locks and checks
-- the accounts, and writes it all; a refusal writes nothing, a replay only its audit record. Its cost is per statement
-- and per row, so it books many submissions in one call with the same rules, the same rows and the same outcomes per
-- item, set-based:
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
-- refusal and account, NEEDS_APPROVAL with nothing written, NOT_BOOKED).
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

        -- the day's total of transfers to other banks (external_transfers_total), read once per account
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
