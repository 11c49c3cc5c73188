package fr.backoffice.reconciliation;

/** What an item of the reconciliation queue is about. */
public enum ExceptionKind {
    /** A line of the bank's statement that no entry of ours matched (or only partly). */
    STATEMENT_LINE,
    /** An entry of ours, booked within a statement's period, that no line of the bank's matched. */
    LEDGER_ENTRY
}
