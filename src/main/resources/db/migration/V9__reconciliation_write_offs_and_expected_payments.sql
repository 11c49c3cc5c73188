-- Reconciliation, continued (docs/reconciliation.md "Writing off"): a difference of the queue written off through an
-- operation, RECONCILIATION_WRITE_OFF, between the reconciled internal account and its unit's reconciliation suspense
-- account (account purpose RECONCILIATION_SUSPENSE, created on first use like every internal account).

-- 1. OPERATIONS: the new type (24 characters, the column's width), born executed and never acted on.
ALTER TABLE operation DROP CONSTRAINT operation_type_check,
    ADD CONSTRAINT operation_type_check CHECK (type IN ('TRANSFER', 'CHEQUE_DEPOSIT', 'CASH_DEPOSIT', 'CASH_WITHDRAWAL',
                                                        'FEE', 'REVERSAL', 'INCOMING_TRANSFER', 'CLEARING_SETTLEMENT',
                                                        'RECONCILIATION_WRITE_OFF'));

-- 2. A write-off is a match of its own: the line and the write-off's entry on the reconciled account, or the entry the
-- bank never reported and the write-off's entry that takes it back; neither is queued again.
ALTER TABLE reconciliation_match DROP CONSTRAINT reconciliation_match_rule_check,
    ADD CONSTRAINT reconciliation_match_rule_check CHECK (rule IN ('END_TO_END_ID', 'TRANSACTION_ID', 'MESSAGE_ID',
                                                                  'PAYMENT_FILE', 'AMOUNT_DATE_COUNTERPARTY', 'MANUAL',
                                                                  'WRITE_OFF'));

-- 3. The item written off keeps the operation that booked it.
ALTER TABLE reconciliation_exception ADD COLUMN operation_id uuid REFERENCES operation (id);
ALTER TABLE reconciliation_exception DROP CONSTRAINT reconciliation_exception_resolution_check,
    ADD CONSTRAINT reconciliation_exception_resolution_check
        CHECK (resolution IN ('MANUAL_MATCH', 'BANK_ERROR', 'AUTO_MATCHED', 'WRITE_OFF')),
    ADD CONSTRAINT reconciliation_exception_write_off_check CHECK ((resolution = 'WRITE_OFF') = (operation_id IS NOT NULL));

-- 4. EXPECTED PAYMENTS (docs/reconciliation.md "Expected payments"): what a customer account expects to receive, an
-- exact amount (min_amount = max_amount) or a range, in a window of value dates, with an optional reference and
-- counterparty. OPEN until a credit of the account matches it (MATCHED, with the operation, which no other expected
-- payment may take) or its window has passed (OVERDUE).
CREATE TABLE expected_payment (
    id                uuid          PRIMARY KEY,
    account_id        uuid          NOT NULL REFERENCES account (id),
    currency          varchar(3)    NOT NULL,
    min_amount        numeric(18,3) NOT NULL CHECK (min_amount > 0),
    max_amount        numeric(18,3) NOT NULL,
    reference         varchar(140),
    counterparty_name varchar(140),
    counterparty_iban varchar(34),
    window_from       date          NOT NULL,
    window_to         date          NOT NULL,
    status            varchar(8)    NOT NULL CHECK (status IN ('OPEN', 'MATCHED', 'OVERDUE')),
    operation_id      uuid          UNIQUE REFERENCES operation (id),
    matched_at        timestamptz,
    created_at        timestamptz   NOT NULL,
    created_by        varchar(255)  NOT NULL,
    version           bigint        NOT NULL DEFAULT 0,
    CHECK (max_amount >= min_amount),
    CHECK (window_to >= window_from),
    CHECK ((status = 'MATCHED') = (operation_id IS NOT NULL AND matched_at IS NOT NULL))
);
CREATE INDEX expected_payment_open_idx ON expected_payment (id) WHERE status = 'OPEN';
CREATE INDEX expected_payment_account_idx ON expected_payment (account_id, id);
