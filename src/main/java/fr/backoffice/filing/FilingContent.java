package fr.backoffice.filing;

import fr.backoffice.filing.annual.AnnualAccountsContent;
import fr.backoffice.filing.vat.VatReturnContent;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The declared figures of a filing: {@code VatReturnContent} or {@code AnnualAccountsContent}, by filing type. */
@Schema(name = "FilingContent", type = SchemaType.OBJECT, anyOf = {VatReturnContent.class, AnnualAccountsContent.class},
        description = "`VatReturnContent` for a `VAT_RETURN`, `AnnualAccountsContent` for `ANNUAL_ACCOUNTS` (the filing's "
                + "`type` decides). Unknown properties, `computed` included, are refused.")
public interface FilingContent {

    /** Whole euros: at most 15 digits, as every amount of the API. */
    long MAX_AMOUNT = 999_999_999_999_999L;
}
