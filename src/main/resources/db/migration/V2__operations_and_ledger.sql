-- Operations, holds and the double-entry ledger (docs/operations-and-ledger.md "Operations and the ledger").

-- Entries name their account and its currency together, so an entry can never be in another currency.
ALTER TABLE account ADD CONSTRAINT account_id_currency_uq UNIQUE (id, currency);
-- Numbers the entries of each account in posting order (statement order, running balance).
ALTER TABLE account ADD COLUMN entry_count bigint NOT NULL DEFAULT 0 CHECK (entry_count >= 0);

CREATE TABLE operation (
    id                       uuid          PRIMARY KEY,
    type                     varchar(16)   NOT NULL CHECK (type IN ('TRANSFER', 'CHEQUE_DEPOSIT', 'CASH_DEPOSIT',
                                                                      'CASH_WITHDRAWAL', 'FEE', 'REVERSAL')),
    status                   varchar(16)   NOT NULL CHECK (status IN ('RECEIVED', 'PENDING_APPROVAL', 'SCHEDULED',
                                                                      'EXECUTED', 'REJECTED', 'CANCELLED', 'REVERSED',
                                                                      'CLEARED', 'BOUNCED')),
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
    reversal_of              uuid          UNIQUE REFERENCES operation (id),
    reversed_by              uuid          UNIQUE REFERENCES operation (id),
    version                  bigint        NOT NULL DEFAULT 0,
    CHECK (debit_account_id IS NULL OR credit_account_id IS NULL OR debit_account_id <> credit_account_id),
    CHECK ((type = 'REVERSAL') = (reversal_of IS NOT NULL)),
    CHECK ((type = 'CHEQUE_DEPOSIT') = (cheque_number IS NOT NULL)),
    CHECK ((status IN ('EXECUTED', 'REVERSED', 'CLEARED', 'BOUNCED')) = (executed_at IS NOT NULL)),
    CHECK ((status = 'REVERSED') = (reversed_by IS NOT NULL)),
    -- four eyes: whoever validated or submitted does not approve
    CHECK (approved_by IS NULL OR (approved_by <> submitted_by AND approved_by <> validated_by))
);

CREATE INDEX operation_unit_queue_idx ON operation (unit_code, received_at, id)
    WHERE status IN ('RECEIVED', 'PENDING_APPROVAL');
CREATE INDEX operation_scheduled_idx ON operation (value_date) WHERE status = 'SCHEDULED';
CREATE INDEX operation_debit_idx ON operation (debit_account_id, id);
CREATE INDEX operation_credit_idx ON operation (credit_account_id, id);

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
    account_seq   bigint        NOT NULL,
    posted_at     timestamptz   NOT NULL,
    value_date    date          NOT NULL,
    label         varchar(140),
    FOREIGN KEY (account_id, currency) REFERENCES account (id, currency),
    UNIQUE (account_id, account_seq)
);
CREATE INDEX ledger_entry_operation_idx ON ledger_entry (operation_id);
CREATE INDEX ledger_entry_posted_idx ON ledger_entry (account_id, posted_at) INCLUDE (amount);

-- The ledger is append-only: a correction is a new operation (reversal, bounce), never an edit.
CREATE FUNCTION ledger_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();

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
