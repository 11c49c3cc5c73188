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
