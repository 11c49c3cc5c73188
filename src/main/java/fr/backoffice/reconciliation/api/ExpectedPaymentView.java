package fr.backoffice.reconciliation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.backoffice.common.openapi.Limits;
import fr.backoffice.reconciliation.ExpectedPaymentStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/** An expected payment, in answers and in {@code expected-payment.*} events. */
@Schema(name = "ExpectedPayment")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpectedPaymentView(
        @Schema(required = true, format = "uuid", maxLength = 36) String id,
        @Schema(required = true, format = "uuid", maxLength = 36) String accountId,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1250.00", description = "The exact amount (absent for a range)") String amount,
        @Schema(description = "The range (absent for an exact amount)") NewExpectedPayment.AmountRange range,
        @Schema(required = true, pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        @Schema(maxLength = 140) String reference,
        NewExpectedPayment.ExpectedCounterparty counterparty,
        @Schema(required = true) LocalDate from,
        @Schema(required = true) LocalDate to,
        @Schema(required = true) ExpectedPaymentStatus status,
        @Schema(format = "uuid", maxLength = 36, description = "MATCHED: the credit's operation") String operationId,
        @Schema(implementation = String.class, format = "date-time", description = "MATCHED: when") Instant matchedAt,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true, maxLength = Limits.ACTOR_LENGTH, examples = "front-office-1") String createdBy,
        @Schema(required = true, minimum = "0") long version) {
}
