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
    BOUNCED
}
