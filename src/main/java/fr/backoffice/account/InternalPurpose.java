package fr.backoffice.account;

/** The bank's own accounts that postings need, one per unit and currency, created on first use. */
public enum InternalPurpose {
    CASH("Cash"),
    CHEQUES_IN_CLEARING("Cheques in clearing"),
    OUTGOING_TRANSFERS("Outgoing transfers"),
    /** What the unit is owed by or owes to the clearing system: settled files, credits and returns from other banks. */
    CLEARING_SETTLEMENT("Clearing settlement"),
    FEE_INCOME("Fee income"),
    VAT_COLLECTED("VAT collected");

    private final String label;

    InternalPurpose(String label) {
        this.label = label;
    }

    public String holderName(String unit, String currency) {
        return label + " " + unit + " " + currency;
    }
}
