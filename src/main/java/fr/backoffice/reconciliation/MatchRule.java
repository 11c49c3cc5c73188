package fr.backoffice.reconciliation;

/** Which rule matched a statement line (docs/reconciliation.md "Matching rules"), in the order they are tried. */
public enum MatchRule {
    END_TO_END_ID,
    TRANSACTION_ID,
    MESSAGE_ID,
    PAYMENT_FILE,
    AMOUNT_DATE_COUNTERPARTY,
    /** Matched by a person, resolving an exception. */
    MANUAL,
    /** Written off by a person to the reconciliation suspense account, through an operation. */
    WRITE_OFF
}
