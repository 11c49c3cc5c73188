package fr.backoffice.operation.api;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.operation.OperationType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/**
 * One operation of a batch: the fields of {@link NewOperation} and the operation's own idempotency key, in the same
 * namespace as the {@code Idempotency-Key} of {@code POST /operations}.
 */
@Schema(name = "BatchOperation", description = "The fields of `NewOperation`, and `key`, the operation's own idempotency key: "
        + "the same key sent again (in another batch, or to `POST /operations` with the same fields) is the same operation.")
public record BatchOperation(
        @NotNull @Schema(required = true, minLength = 1, maxLength = 255, pattern = "^[\\x21-\\x7E]{1,255}$",
                examples = "invoice-2026-1142") String key,
        @NotNull @Schema(required = true) OperationType type,
        @NotNull @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "250.00") String amount,
        @NotNull @Schema(required = true, pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        @Schema(format = "uuid", maxLength = 36) String debitAccountId,
        @Schema(format = "uuid", maxLength = 36) String creditAccountId,
        @Valid Creditor creditor,
        @Valid Cheque cheque,
        @Schema(pattern = "^[0-9]{1,2}(\\.[0-9]{1,2})?$", maxLength = 5) String vatRate,
        @Size(max = 35) @Schema(maxLength = 35) String reference,
        @Size(max = 140) @Schema(maxLength = 140) String label,
        LocalDate requestedExecutionDate) {

    /** The schema's bound; the configured bound (backoffice.submissions.batch-max-operations) is checked at intake. */
    public static final int MAX_OPERATIONS = 5000;

    /** The operation as {@code POST /operations} would take it. */
    public NewOperation operation() {
        return new NewOperation(type, amount, currency, debitAccountId, creditAccountId, creditor, cheque, vatRate,
                reference, label, requestedExecutionDate);
    }
}
