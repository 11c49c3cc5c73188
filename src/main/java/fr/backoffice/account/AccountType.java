package fr.backoffice.account;

public enum AccountType {
    CURRENT, SAVINGS,
    /** The bank's own accounts: cash per unit, cheques in clearing, outgoing transfers, clearing settlement, fee income, VAT collected. */
    INTERNAL
}
