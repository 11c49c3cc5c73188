package fr.backoffice.statement;

import fr.backoffice.operation.OperationType;
import fr.backoffice.statement.api.BankTransactionCode;

/**
 * Which ISO 20022 bank transaction code (external code list, domain / family / sub-family) an entry shows, from the
 * type of the operation that posted it and the entry's direction. Plain Java: one case per operation type, so that a
 * new type does not compile until it is given its code.
 */
public final class BankTransactionCodes {

    /** Payments, issued credit transfer, SEPA credit transfer. */
    public static final BankTransactionCode SEPA_TRANSFER_ISSUED = code("PMNT", "ICDT", "ESCT");
    /** Payments, received credit transfer, SEPA credit transfer. */
    public static final BankTransactionCode SEPA_TRANSFER_RECEIVED = code("PMNT", "RCDT", "ESCT");
    /** Payments, counter transactions, cash deposit. */
    public static final BankTransactionCode CASH_DEPOSIT = code("PMNT", "CNTR", "CDPT");
    /** Payments, counter transactions, cash withdrawal. */
    public static final BankTransactionCode CASH_WITHDRAWAL = code("PMNT", "CNTR", "CWDL");
    /** Payments, received cheques, cheque deposited (for collection). */
    public static final BankTransactionCode CHEQUE_DEPOSIT = code("PMNT", "RCHQ", "CCHQ");
    /** Payments, received cheques, unpaid cheque: a deposited cheque that bounced. */
    public static final BankTransactionCode CHEQUE_UNPAID = code("PMNT", "RCHQ", "UPCQ");
    /** Account management, miscellaneous debit operations, charges. */
    public static final BankTransactionCode FEE = code("ACMT", "MDOP", "CHRG");
    /** Account management, miscellaneous credit operations, adjustments: a reversal that credits the account. */
    public static final BankTransactionCode ADJUSTMENT_CREDIT = code("ACMT", "MCOP", "ADJT");
    /** Account management, miscellaneous debit operations, adjustments: a reversal that debits the account. */
    public static final BankTransactionCode ADJUSTMENT_DEBIT = code("ACMT", "MDOP", "ADJT");

    private BankTransactionCodes() {
    }

    /**
     * The code of an entry of an operation of this type.
     *
     * @param externalTransfer the operation is a transfer to another bank (a creditor IBAN, no credit account)
     * @param credit           the entry credits the account (a positive amount)
     */
    public static BankTransactionCode of(OperationType type, boolean externalTransfer, boolean credit) {
        return switch (type) {
            // an internal transfer is issued by the debited account and received by the credited one; the other
            // side of an external one is the unit's outgoing transfers account, for which it is still issued
            case TRANSFER -> externalTransfer || !credit ? SEPA_TRANSFER_ISSUED : SEPA_TRANSFER_RECEIVED;
            // its debit on the customer's account is the cheque bouncing
            case CHEQUE_DEPOSIT -> credit ? CHEQUE_DEPOSIT : CHEQUE_UNPAID;
            case CASH_DEPOSIT -> CASH_DEPOSIT;
            case CASH_WITHDRAWAL -> CASH_WITHDRAWAL;
            case FEE -> FEE;
            case REVERSAL -> credit ? ADJUSTMENT_CREDIT : ADJUSTMENT_DEBIT;
            case INCOMING_TRANSFER -> SEPA_TRANSFER_RECEIVED;
            // only on the bank's own accounts: outgoing transfers debited, clearing settlement credited
            case CLEARING_SETTLEMENT -> credit ? code("ACMT", "MCOP", "OTHR") : code("ACMT", "MDOP", "OTHR");
            // only on the bank's own accounts: a reconciled account and its suspense account, adjusted
            case RECONCILIATION_WRITE_OFF -> credit ? ADJUSTMENT_CREDIT : ADJUSTMENT_DEBIT;
        };
    }

    private static BankTransactionCode code(String domain, String family, String subFamily) {
        return new BankTransactionCode(domain, family, subFamily);
    }
}
