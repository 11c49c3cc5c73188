package fr.backoffice.filing;

/** The declarations this service prepares. */
public enum FilingType {
    /** Monthly or quarterly VAT return (French CA3 style). */
    VAT_RETURN,
    /** The annual accounts of a fiscal year. */
    ANNUAL_ACCOUNTS
}
