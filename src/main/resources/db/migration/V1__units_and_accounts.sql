-- Production units, accounts and idempotency keys (docs/api.md "Calling the API").
-- Money is numeric, never floating point; the database enforces what it can.

CREATE SEQUENCE unit_branch_code_seq START 1 MAXVALUE 99999 NO CYCLE;

CREATE TABLE unit (
    code        varchar(6)   PRIMARY KEY CHECK (code ~ '^[A-Z]{3}-[0-9]{2}$'),
    name        varchar(100) NOT NULL CHECK (length(btrim(name)) > 0),
    region      varchar(100) NOT NULL CHECK (length(btrim(region)) > 0),
    -- the 5-digit branch code of the unit's generated IBANs, assigned once and never reused
    branch_code varchar(5)   NOT NULL UNIQUE CHECK (branch_code ~ '^[0-9]{5}$'),
    created_at  timestamptz  NOT NULL
);

-- National account numbers of generated French IBANs (11 digits).
CREATE SEQUENCE account_number_seq START 1 MAXVALUE 99999999999 NO CYCLE;

CREATE TABLE account (
    id              uuid          PRIMARY KEY,
    iban            varchar(34)   NOT NULL UNIQUE CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    holder_name     varchar(140)  NOT NULL CHECK (length(btrim(holder_name)) > 0),
    customer_id     varchar(64)   NOT NULL CHECK (length(btrim(customer_id)) > 0),
    type            varchar(16)   NOT NULL CHECK (type IN ('CURRENT', 'SAVINGS', 'INTERNAL')),
    -- what a service-managed INTERNAL account is for (cash of a unit, cheques in clearing...)
    purpose         varchar(32)   CHECK (purpose IS NULL OR type = 'INTERNAL'),
    currency        varchar(3)    NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    unit_code       varchar(6)    NOT NULL REFERENCES unit (code),
    status          varchar(16)   NOT NULL CHECK (status IN ('ACTIVE', 'FROZEN', 'CLOSED')),
    -- balances move only through the ledger's functions (V3__operations_and_ledger.sql)
    ledger_balance  numeric(20,3) NOT NULL DEFAULT 0,
    held_amount     numeric(20,3) NOT NULL DEFAULT 0 CHECK (held_amount >= 0),
    -- null means unlimited, which only internal accounts are
    overdraft_limit numeric(18,3) CHECK (overdraft_limit >= 0),
    opened_at       timestamptz   NOT NULL,
    opened_by       varchar(255)  NOT NULL,
    closed_at       timestamptz,
    -- the last freeze, unfreeze or close: who, when and why
    status_changed_at timestamptz,
    status_changed_by varchar(255),
    status_reason     varchar(500),
    version         bigint        NOT NULL DEFAULT 0,
    -- numbers the entries of the account in posting order (statement order, running balance)
    entry_count     bigint        NOT NULL DEFAULT 0 CHECK (entry_count >= 0),
    CHECK ((type = 'INTERNAL') = (overdraft_limit IS NULL)),
    CHECK (type <> 'SAVINGS' OR overdraft_limit = 0),
    CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL)),
    CHECK (status <> 'CLOSED' OR (ledger_balance = 0 AND held_amount = 0)),
    -- the overdraft rule itself, as a last line of defence under concurrency
    CHECK (overdraft_limit IS NULL OR ledger_balance - held_amount >= -overdraft_limit),
    -- ledger entries name their account and its currency together, so an entry can never be in another currency
    CONSTRAINT account_id_currency_uq UNIQUE (id, currency)
);

CREATE INDEX account_unit_idx ON account (unit_code, id);
CREATE INDEX account_customer_idx ON account (customer_id, id);
-- one internal account per purpose, unit and currency, created on demand
CREATE UNIQUE INDEX account_internal_purpose_uq ON account (unit_code, currency, purpose) WHERE purpose IS NOT NULL;

-- Idempotency keys, one protocol for every endpoint: the stored answer of a request is written in the transaction of
-- the effect it describes, so a key never executes twice.
CREATE TABLE idempotency_key (
    client_id           varchar(255) NOT NULL,
    idempotency_key     varchar(255) NOT NULL,
    request_fingerprint varchar(64)  NOT NULL,
    response_status     int          NOT NULL,
    response_body       text         NOT NULL,
    response_location   text,
    created_at          timestamptz  NOT NULL,
    PRIMARY KEY (client_id, idempotency_key)
);

-- What the hourly purge reads (docs/performance.md "Index decisions"): IdempotencyKeyPurge deletes the keys older
-- than the retention. Keys are appended in created_at order, so a BRIN index finds the old block ranges in a few pages
-- and, unlike a B-tree, adds no index entry per key on the write path.
CREATE INDEX idempotency_key_created_brin ON idempotency_key USING brin (created_at);

-- A transaction-scoped lock on one 64-bit hash of (client, key) tells a concurrent duplicate that the first is in
-- flight without making it wait (a lock per key, never a global one); the stored answer, if any, is returned for
-- replay.
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
