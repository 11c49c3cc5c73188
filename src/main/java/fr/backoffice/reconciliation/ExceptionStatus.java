package fr.backoffice.reconciliation;

/** An item of the reconciliation queue: OPEN, CLAIMED by a person, RESOLVED. */
public enum ExceptionStatus {
    OPEN,
    CLAIMED,
    RESOLVED
}
