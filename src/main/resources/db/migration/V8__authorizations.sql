-- Authorizations (docs/operations-and-ledger.md "Authorizations"): money a front-office application reserves on a
-- debit account for a named creditor side, then captures (books as executed operations, in one or several parts) or
-- voids, or that expires. What remains to capture is a hold like those of queued operations and deposited cheques:
-- one active row of hold, counted in the account's held_amount, so the available balance (ledger_balance -
-- held_amount) drops at once while the ledger balance does not, and the overdraft floor (account's check constraint,
-- account_refusal) holds for authorizations as for every other hold. Never a ledger entry: only captures book.
--
-- Named payment_authorization: AUTHORIZATION is a reserved word of SQL.
CREATE TABLE payment_authorization (
    id                uuid          PRIMARY KEY,
    -- the front-office application that created it (the token's sub)
    client_id         varchar(255)  NOT NULL,
    unit_code         varchar(6)    NOT NULL REFERENCES unit (code),
    debit_account_id  uuid          NOT NULL REFERENCES account (id),
    credit_account_id uuid          REFERENCES account (id),
    creditor_name     varchar(70),
    creditor_iban     varchar(34),
    creditor_bic      varchar(11),
    currency          varchar(3)    NOT NULL,
    amount            numeric(18,3) NOT NULL CHECK (amount > 0),
    -- the most all captures together may book: amount, plus the over-capture tolerance in force at creation
    capture_limit     numeric(18,3) NOT NULL,
    captured_amount   numeric(18,3) NOT NULL DEFAULT 0 CHECK (captured_amount >= 0),
    status            varchar(16)   NOT NULL CHECK (status IN ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'EXPIRED')),
    label             varchar(140),
    expires_at        timestamptz   NOT NULL,
    created_at        timestamptz   NOT NULL,
    closed_at         timestamptz,
    version           bigint        NOT NULL DEFAULT 0,
    CHECK (capture_limit >= amount),
    CHECK (captured_amount <= capture_limit),
    CHECK ((credit_account_id IS NULL) <> (creditor_iban IS NULL)),
    CHECK ((status = 'AUTHORIZED') = (closed_at IS NULL)),
    CHECK (status <> 'CAPTURED' OR captured_amount >= amount),
    CHECK (expires_at > created_at)
);
-- an account's authorizations, by id (GET /authorizations?accountId=)
CREATE INDEX payment_authorization_account_idx ON payment_authorization (debit_account_id, id);
-- what the expiry job looks for: the open ones, soonest first
CREATE INDEX payment_authorization_open_idx ON payment_authorization (expires_at) WHERE status = 'AUTHORIZED';

-- Each capture and the executed operation that booked it.
CREATE TABLE authorization_capture (
    operation_id     uuid          PRIMARY KEY REFERENCES operation (id),
    authorization_id uuid          NOT NULL REFERENCES payment_authorization (id),
    amount           numeric(18,3) NOT NULL CHECK (amount > 0),
    captured_at      timestamptz   NOT NULL
);
CREATE INDEX authorization_capture_authorization_idx ON authorization_capture (authorization_id, captured_at);

-- A hold is an operation's or an authorization's, never both. A hold's amount never changes: a partial capture
-- releases the authorization's hold and takes a new one for what remains.
ALTER TABLE hold ALTER COLUMN operation_id DROP NOT NULL;
ALTER TABLE hold ADD COLUMN authorization_id uuid REFERENCES payment_authorization (id);
ALTER TABLE hold ADD CONSTRAINT hold_of_one_thing CHECK (num_nonnulls(operation_id, authorization_id) = 1);
CREATE UNIQUE INDEX hold_active_authorization_uq ON hold (authorization_id) WHERE released_at IS NULL;

-- Reserves p_amount on the account for the authorization, under the account's row lock: refused (the refusal is
-- returned, nothing is held) when the account is frozen or closed, or when its available balance would go below
-- -overdraft_limit (account_refusal, the rule of every booking and hold). Null when held.
CREATE FUNCTION authorization_hold(p_authorization uuid, p_hold uuid, p_account uuid, p_amount numeric,
                                   p_at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_account account;
    v_refusal text;
BEGIN
    SELECT * INTO v_account FROM account WHERE id = p_account FOR UPDATE;
    v_refusal := account_refusal(v_account, -p_amount, false);
    IF v_refusal IS NOT NULL THEN
        RETURN v_refusal;
    END IF;
    INSERT INTO hold (id, account_id, authorization_id, amount, created_at)
    VALUES (p_hold, p_account, p_authorization, p_amount, p_at);
    UPDATE account SET held_amount = held_amount + p_amount WHERE id = p_account;
    RETURN NULL;
END $$;

-- Releases the authorization's active hold, if any; returns what it held (0 when none).
CREATE FUNCTION authorization_release(p_authorization uuid, p_at timestamptz) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    v_account uuid;
    v_amount  numeric;
BEGIN
    UPDATE hold SET released_at = p_at WHERE authorization_id = p_authorization AND released_at IS NULL
        RETURNING account_id, amount INTO v_account, v_amount;
    IF v_amount IS NULL THEN
        RETURN 0;
    END IF;
    UPDATE account SET held_amount = held_amount - v_amount WHERE id = v_account;
    RETURN v_amount;
END $$;

-- Holds again, after a partial capture, what remains: the capture released at least this much in the same
-- transaction, under the same lock, so the available balance cannot drop and no floor check is needed.
CREATE FUNCTION authorization_hold_rest(p_authorization uuid, p_hold uuid, p_account uuid, p_amount numeric,
                                        p_at timestamptz) RETURNS void LANGUAGE sql AS $$
    INSERT INTO hold (id, account_id, authorization_id, amount, created_at)
    VALUES (p_hold, p_account, p_authorization, p_amount, p_at);
    UPDATE account SET held_amount = held_amount + p_amount WHERE id = p_account;
$$;
