package fr.backoffice.statement.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An ISO 20022 bank transaction code (ISO external code list, structured form: domain, family, sub-family). */
@Schema(name = "BankTransactionCode", description = "ISO 20022 bank transaction code: `BkTxCd/Domn` in camt.053")
public record BankTransactionCode(
        @Schema(pattern = "^[A-Z]{4}$", maxLength = 4, examples = "PMNT", description = "`Domn/Cd`: PMNT payments, ACMT account management") String domain,
        @Schema(pattern = "^[A-Z]{4}$", maxLength = 4, examples = "ICDT", description = "`Fmly/Cd`") String family,
        @Schema(pattern = "^[A-Z]{4}$", maxLength = 4, examples = "ESCT", description = "`Fmly/SubFmlyCd`") String subFamily) {
}
