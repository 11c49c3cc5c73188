package fr.backoffice.reconciliation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.backoffice.common.openapi.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code POST /expected-payments} (docs/reconciliation.md "Expected payments"). */
@Schema(name = "NewExpectedPayment", description = "Either `amount` (exact) or `range` (`min` to `max`, both included).")
public record NewExpectedPayment(
        @NotNull @Schema(required = true, format = "uuid", maxLength = 36, description = "The customer account that expects it")
        String accountId,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1250.00", description = "The exact amount")
        String amount,
        @Valid @Schema(description = "An amount between `min` and `max`, both included") AmountRange range,
        @NotNull @Schema(required = true, pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        @Size(max = 140) @Schema(maxLength = 140, description = "Found in the credit's EndToEndId, reference or label (case aside)")
        String reference,
        @Valid @Schema(description = "Who pays: the debtor of a SEPA credit, the debited account of an internal transfer")
        ExpectedCounterparty counterparty,
        @NotNull @Schema(required = true, description = "First value date of the window") LocalDate from,
        @NotNull @Schema(required = true, description = "Last value date of the window; past it, OVERDUE") LocalDate to) {

    /** An amount range, both ends included. */
    @Schema(name = "ExpectedAmountRange")
    public record AmountRange(
            @NotNull @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1000.00") String min,
            @NotNull @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1300.00") String max) {
    }

    /** Who is expected to pay: a name (case aside), an IBAN, or both. */
    @Schema(name = "ExpectedCounterparty")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExpectedCounterparty(
            @Size(max = 140) @Schema(maxLength = 140, examples = "Acme GmbH") String name,
            @Size(max = 34) @Schema(maxLength = 34, examples = "DE89370400440532013000") String iban) {
    }
}
