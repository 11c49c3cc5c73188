package fr.backoffice.reconciliation;

/** How an item of the reconciliation queue was resolved (docs/reconciliation.md "The exceptions queue"). */
public enum Resolution {
    /** A person matched it to given entries (a line) or lines (an entry). */
    MANUAL_MATCH,
    /** The bank's error: a line the bank will correct; nothing is posted. */
    BANK_ERROR,
    /** A later statement's line matched the entry automatically. */
    AUTO_MATCHED
}
