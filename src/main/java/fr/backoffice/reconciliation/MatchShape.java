package fr.backoffice.reconciliation;

/** How many lines and entries a match joins. */
public enum MatchShape {
    ONE_TO_ONE,
    /** One statement line, several entries (a batch of incoming credits booked in one line). */
    ONE_TO_MANY,
    /** Several statement lines, one entry (the transactions of a payment file against its settlement). */
    MANY_TO_ONE
}
