-- The write path without a lock that every request takes one at a time (docs/performance.md "Performance").
--
-- 1. EVENT FEED ORDER WITHOUT A GLOBAL LOCK
--
-- V4 numbered events at commit under one advisory lock: commits ran one at a time, group commit was defeated.
-- Now an event's place in the feed is (tx, seq):
--   * tx is the writing transaction's id (pg_current_xact_id()), raised when needed to the tx of the latest event
--     of the same resource (see below), and seq a sequence value taken at insert;
--   * readers return only events whose tx is below the oldest transaction still running
--     (pg_snapshot_xmin(pg_current_snapshot())): every transaction that could still insert an event there has
--     ended, and a transaction that starts later gets a higher id. So a reader paging forward by (tx, seq) never
--     skips an event that commits late nor returns one twice, whatever the number of writers and instances, and
--     no writer waits for another.
-- The trap: transaction ids follow start order, not commit order. If T1 starts, T2 starts, T2 changes account A
-- and commits, then T1 changes A and commits, T1's change is the later one but has the smaller id. Hence the
-- raise: an event's tx is at least the tx of every earlier event of its resource. The earlier event is visible when
-- the later one is inserted because a resource's row is locked (or its version checked) before its event is
-- inserted, and that lock is held until commit: the second writer waits for the first to commit. Raising keeps
-- the no-skip argument: the raised tx is the tx of a committed event, above the writer's own id, and no reader has
-- returned anything at or above the writer's id while it was running.
-- What delays the feed: a transaction that stays open (on any database of the cluster) holds the horizon back
-- until it ends. The service bounds its own with statement_timeout and idle_in_transaction_session_timeout
-- (application.properties); other clients of the same server must be bounded likewise (docs/events-and-audit.md
-- "Event feed").
ALTER TABLE event ADD COLUMN tx xid8;
-- events numbered by V4 keep their order, before every new one
UPDATE event SET tx = '0'::xid8;
ALTER TABLE event ALTER COLUMN tx SET NOT NULL;

DROP TRIGGER event_numbered_at_commit ON event;
DROP FUNCTION event_number_at_commit();

CREATE FUNCTION event_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.tx := greatest(pg_current_xact_id(),
                       (SELECT max(tx) FROM event WHERE resource_type = NEW.resource_type AND resource_id = NEW.resource_id));
    NEW.seq := nextval('event_seq');
    RETURN NEW;
END $$;
CREATE TRIGGER event_positioned BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION event_position();

ALTER TABLE event ALTER COLUMN seq SET NOT NULL;
CREATE INDEX event_feed_idx ON event (tx, seq);
DROP INDEX event_resource_idx;
CREATE INDEX event_resource_idx ON event (resource_type, resource_id, tx);

-- 2. BOOKING, WRITTEN ONCE
--
-- Every path that moves money (straight-through submission, validation, approval, the scheduler, reversal,
-- cheque clearing and bounce) books through these functions, in one call each: locks, checks, balances, entries
-- and holds. Which entries an operation posts stays in plain Java (Postings); these functions only book them.
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

-- 3. IDEMPOTENCY KEYS, ONE PROTOCOL FOR EVERY ENDPOINT
--
-- A transaction-scoped lock on one 64-bit hash of (client, key) tells a concurrent duplicate that the first is in
-- flight without making it wait (a lock per key, never a global one); the stored answer, if any, is returned for
-- replay. The answer is stored in the transaction of the effect it describes, so a key never executes twice.
CREATE FUNCTION idempotency_begin(p_client text, p_key text)
    RETURNS TABLE (in_flight boolean, request_fingerprint text, response_status int, response_location text,
                   response_body text) LANGUAGE plpgsql AS $$
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtextextended(length(p_client) || ':' || p_client || p_key, 0)) THEN
        RETURN QUERY SELECT true, null::text, null::int, null::text, null::text;
        RETURN;
    END IF;
    RETURN QUERY SELECT false, k.request_fingerprint::text, k.response_status, k.response_location::text,
                        k.response_body::text
                 FROM idempotency_key k WHERE k.client_id = p_client AND k.idempotency_key = p_key;
END $$;

-- The audit record of an answered submission (V5__audit_in_the_request_transaction.sql), in its transaction.
CREATE FUNCTION audit_submission(p_audit jsonb) RETURNS void LANGUAGE sql AS $$
    INSERT INTO audit_record (at, actor, roles, action, resource_type, resource_id, outcome, request_id)
        SELECT a.at, a.actor, a.roles, a.action, a.resource_type, a.resource_id, a.outcome, a.request_id
        FROM jsonb_populate_record(null::audit_record, p_audit) a
        WHERE p_audit IS NOT NULL;
$$;

-- 4. A SUBMITTED OPERATION IN ONE CALL
--
-- POST /operations: the service validates the request and builds every row in Java (the operation, its history,
-- the entries a straight-through execution posts, the events, the stored answer, the audit record), then this one
-- call, in one transaction, takes the idempotency lock, locks and checks the accounts, and writes it all; a
-- refusal writes nothing, a replay only its audit record. p_execute: book p_accounts/p_amounts now (straight through); otherwise
-- hold the amount on the debit account until the operation executes.
-- Returns the outcome: DONE, IN_FLIGHT, REPLAY (with the stored answer) or REFUSED (with the refusal and account).
CREATE FUNCTION operation_submit(p_client text, p_key text, p_fingerprint text, p_operation jsonb, p_history jsonb,
                                 p_execute boolean, p_entry_ids uuid[], p_accounts uuid[], p_amounts numeric[],
                                 p_label text, p_hold uuid, p_events jsonb, p_response_status int,
                                 p_response_location text, p_response_body text, p_audit jsonb)
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
