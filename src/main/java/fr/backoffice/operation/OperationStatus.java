package fr.backoffice.operation;

public enum OperationStatus {
    RECEIVED,
    PENDING_APPROVAL,
    SCHEDULED,
    EXECUTED,
    REJECTED,
    CANCELLED,
    REVERSED,
    /** A deposited cheque the drawer's bank has paid; only cheque deposits get here. */
    CLEARED,
    /** A deposited cheque that came back unpaid; only cheque deposits get here. */
    BOUNCED,
    /**
     * An executed external transfer whose money came back to the debtor: its payment file was rejected, or the
     * creditor's bank returned it (pacs.004); the ISO 20022 reason is kept.
     */
    RETURNED
}
