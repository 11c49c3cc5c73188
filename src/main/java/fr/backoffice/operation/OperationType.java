package fr.backoffice.operation;

public enum OperationType {
    TRANSFER,
    CHEQUE_DEPOSIT,
    CASH_DEPOSIT,
    CASH_WITHDRAWAL,
    FEE,
    /** Created by reversing another operation, already executed; never submitted. */
    REVERSAL
}
