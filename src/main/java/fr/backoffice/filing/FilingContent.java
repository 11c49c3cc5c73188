package fr.backoffice.filing;

/** The declared figures of a filing: {@code VatReturnContent} or {@code AnnualAccountsContent}, by filing type. */
public interface FilingContent {

    /** Whole euros: at most 15 digits, as every amount of the API. */
    long MAX_AMOUNT = 999_999_999_999_999L;
}
