package fr.backoffice.reconciliation;

/** How an item of the reconciliation queue was resolved (docs/reconciliation.md "The exceptions queue"). */
public enum Resolution {
    /** A person matched it to given entries (a line) or lines (an entry). */
    MANUAL_MATCH,
    /** The bank's error: a line the bank will correct; nothing is posted. */
    BANK_ERROR,
    /**
     * A person wrote it off to the unit's reconciliation suspense account through a RECONCILIATION_WRITE_OFF operation
     * (docs/reconciliation.md "Writing off").
     */
    WRITE_OFF,
    /** A later statement's line matched the entry automatically. */
    AUTO_MATCHED
}
