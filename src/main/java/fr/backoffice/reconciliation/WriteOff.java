package fr.backoffice.reconciliation;

import fr.backoffice.reconciliation.iso20022.CamtStatement;

/**
 * Which way a write-off books (docs/reconciliation.md "Writing off"). The bank's CRDT is money arriving on our account at
 * the bank, a debit entry of ours: a CRDT line the ledger does not have is booked as a debit of the reconciled account
 * (its suspense account credited), a DBIT line as a credit. An entry of ours the bank never reported is taken back: a
 * debit entry (CRDT as the bank sees it) by a credit of the reconciled account, a credit entry by a debit.
 */
public final class WriteOff {

    private WriteOff() {
    }

    /** Whether the write-off of this item debits the reconciled account (and credits the suspense account). */
    public static boolean debitsReconciledAccount(ExceptionKind kind, String creditDebit) {
        boolean credit = CamtStatement.CREDIT.equals(creditDebit);
        return kind == ExceptionKind.STATEMENT_LINE ? credit : !credit;
    }

    /** The operation's label: what was written off, in the words of the queue. */
    public static String label(ExceptionKind kind, String creditDebit, String amount) {
        return kind == ExceptionKind.STATEMENT_LINE
                ? "Reconciliation write-off: the bank's " + creditDebit + " line of " + amount + " the ledger does not have"
                : "Reconciliation write-off: our entry of " + amount + " the bank never reported";
    }
}
