package fr.backoffice.operation;

public enum OperationType {
    TRANSFER,
    CHEQUE_DEPOSIT,
    CASH_DEPOSIT,
    CASH_WITHDRAWAL,
    FEE,
    /** Created by reversing another operation, already executed; never submitted. */
    REVERSAL,
    /** A credit from another bank, imported from the clearing system's pacs.008, already executed; never submitted. */
    INCOMING_TRANSFER,
    /** An accepted payment file's money moved from outgoing transfers to clearing settlement; never submitted. */
    CLEARING_SETTLEMENT,
    /**
     * A difference the reconciliation desk wrote off: the amount moved between a reconciled internal account and its
     * unit's reconciliation suspense account (docs/reconciliation.md "Writing off"); already executed; never submitted.
     */
    RECONCILIATION_WRITE_OFF
}
