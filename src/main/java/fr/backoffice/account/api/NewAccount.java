package fr.backoffice.account.api;

import fr.backoffice.account.AccountType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /accounts}; also what an idempotent retry is compared with. */
@Schema(name = "NewAccount")
public record NewAccount(
        @NotNull @Valid @Schema(required = true) Holder holder,
        @NotNull @Schema(required = true) AccountType type,
        @NotNull @Schema(required = true, pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR", description = "ISO 4217 code") String currency,
        @NotNull @Schema(required = true, pattern = Limits.UNIT_CODE, maxLength = 6, examples = "PAR-01") String unit,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "0.00",
                description = "Decimal string in the account currency; must be 0 for SAVINGS, absent for INTERNAL. "
                        + "At most the bank's default overdraft limit (0.00 unless the bank sets another), which is also "
                        + "what a CURRENT account opens with when absent: a larger credit line is granted by a supervisor "
                        + "on the open account (`PATCH /accounts/{id}`)")
        String overdraftLimit,
        @Size(max = 42) @Schema(maxLength = 42, examples = "FR7630006000011234567890189",
                description = "An existing IBAN to register (validated, unique); generated as a French IBAN when absent")
        String iban) {
}
