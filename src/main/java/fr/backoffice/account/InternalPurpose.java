package fr.backoffice.account;

/** The bank's own accounts that postings need, one per unit and currency, created on first use. */
public enum InternalPurpose {
    CASH("Cash"),
    CHEQUES_IN_CLEARING("Cheques in clearing"),
    OUTGOING_TRANSFERS("Outgoing transfers"),
    /** What the unit is owed by or owes to the clearing system: settled files, credits and returns from other banks. */
    CLEARING_SETTLEMENT("Clearing settlement"),
    FEE_INCOME("Fee income"),
    VAT_COLLECTED("VAT collected"),
    /**
     * Money the bank holds for a customer it can no longer credit (docs/clearing-and-statements.md
     * "Clearing and statements"): a transfer the clearing gave back whose debtor account was closed since. It stays
     * there until the bank pays it out to the customer by other means; no endpoint moves it.
     */
    SUSPENSE("Suspense"),
    /**
     * The differences the reconciliation desk wrote off (docs/reconciliation.md "Writing off"): a line of the
     * settlement bank's statement the ledger does not have, or an entry of ours the bank never reported, moved here
     * from the reconciled account by a RECONCILIATION_WRITE_OFF operation. Kept apart from SUSPENSE, which holds
     * customers' money, so its balance is the unexplained differences alone.
     */
    RECONCILIATION_SUSPENSE("Reconciliation suspense");

    private final String label;

    InternalPurpose(String label) {
        this.label = label;
    }

    public String holderName(String unit, String currency) {
        return label + " " + unit + " " + currency;
    }
}
