package fr.backoffice.account.api;

import fr.backoffice.common.openapi.Limits;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /accounts/{id}/limits/{limitId}} (docs/operations-and-ledger.md "Limits and decisions"). */
@Schema(name = "LimitChange", description = "The value a supervisor sets for one limit of the account (or of its "
        + "customer, for a CUSTOMER limit). Lowering applies at once; a raise waits until another supervisor sends the "
        + "same value.")
public record LimitChange(
        @NotNull @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "20000.00",
                description = "An amount in the account's currency (AMOUNT), or a whole number (COUNT)") String limit) {
}
