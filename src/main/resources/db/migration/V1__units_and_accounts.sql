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
    CHECK ((type = 'INTERNAL') = (overdraft_limit IS NULL)),
    CHECK (type <> 'SAVINGS' OR overdraft_limit = 0),
    CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL)),
    CHECK (status <> 'CLOSED' OR (ledger_balance = 0 AND held_amount = 0)),
    -- the overdraft rule itself, as a last line of defence under concurrency
    CHECK (overdraft_limit IS NULL OR ledger_balance - held_amount >= -overdraft_limit)
);

CREATE INDEX account_unit_idx ON account (unit_code, id);
CREATE INDEX account_customer_idx ON account (customer_id, id);
-- one internal account per purpose, unit and currency, created on demand
CREATE UNIQUE INDEX account_internal_purpose_uq ON account (unit_code, currency, purpose) WHERE purpose IS NOT NULL;

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
