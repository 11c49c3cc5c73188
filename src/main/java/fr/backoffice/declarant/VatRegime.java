package fr.backoffice.declarant;

/** How often a declarant files VAT returns: every calendar month or every calendar quarter. */
public enum VatRegime {
    MONTHLY,
    QUARTERLY
}
