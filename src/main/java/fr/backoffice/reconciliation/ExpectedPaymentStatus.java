package fr.backoffice.reconciliation;

/** Where an expected payment stands (docs/reconciliation.md "Expected payments"). */
public enum ExpectedPaymentStatus {
    /** Registered; no credit of the account matched it yet, and its window has not passed. */
    OPEN,
    /** A credit of the account matched it: its operation is named. */
    MATCHED,
    /** Its window passed without a matching credit. */
    OVERDUE
}
