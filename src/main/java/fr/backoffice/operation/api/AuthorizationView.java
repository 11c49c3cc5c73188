package fr.backoffice.operation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.openapi.Limits;
import fr.backoffice.operation.Authorization;
import fr.backoffice.operation.AuthorizationStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An authorization as the API shows it, in answers, stored idempotent answers and {@code authorization.*} events. */
@Schema(name = "Authorization")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthorizationView(
        @Schema(required = true, format = "uuid") String id,
        @Schema(required = true) AuthorizationStatus status,
        @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "120.00") String amount,
        @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "80.00",
                description = "What its captures booked so far") String capturedAmount,
        @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "40.00",
                description = "What is still reserved on the debit account (counted in its `heldAmount`); 0 once "
                        + "CAPTURED, VOIDED or EXPIRED") String remainingAmount,
        @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "120.00",
                description = "The most its captures may book together: `amount`, plus the over-capture tolerance "
                        + "in force when it was created") String captureLimit,
        @Schema(required = true, pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        @Schema(required = true, format = "uuid") String debitAccountId,
        @Schema(format = "uuid", description = "Absent when the creditor is at another bank") String creditAccountId,
        Creditor creditor,
        @Schema(maxLength = 140) String label,
        @Schema(required = true, pattern = Limits.UNIT_CODE, maxLength = 6, examples = "PAR-01") String unit,
        @Schema(required = true, maxLength = Limits.ACTOR_LENGTH, description = "The front-office application that created it") String clientId,
        @Schema(required = true) Instant expiresAt,
        @Schema(required = true) Instant createdAt,
        @Schema(implementation = String.class, format = "date-time", description = "When it was captured in full, voided or expired") Instant closedAt,
        @Schema(required = true, maxItems = Authorization.MAX_CAPTURES, description = "Its captures, oldest first")
        List<CaptureView> captures,
        @Schema(required = true, minimum = "0") long version) {

    @Schema(name = "AuthorizationCapture")
    public record CaptureView(
            @Schema(required = true, format = "uuid", description = "The executed TRANSFER that booked it (`GET /operations/{id}`)") String operationId,
            @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "80.00") String amount,
            @Schema(required = true) Instant capturedAt) {
    }

    public static AuthorizationView of(Authorization a) {
        return new AuthorizationView(a.id.toString(), a.status, Money.format(a.amount, a.currency),
                Money.format(a.capturedAmount, a.currency), Money.format(a.remaining(), a.currency),
                Money.format(a.captureLimit, a.currency), a.currency, a.debitAccountId.toString(), str(a.creditAccountId),
                a.creditorIban == null ? null : new Creditor(a.creditorName, a.creditorIban, a.creditorBic), a.label, a.unit,
                a.clientId, a.expiresAt, a.createdAt, a.closedAt,
                a.captures.stream().map(c -> new CaptureView(c.operationId().toString(), Money.format(c.amount(), a.currency),
                        c.capturedAt())).toList(), a.version);
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }
}
