package fr.backoffice.operation.api;

import fr.backoffice.common.openapi.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** The body of {@code POST /authorizations}; also what an idempotent retry is compared with. */
@Schema(name = "NewAuthorization", description = """
        Reserves `amount` on `debitAccountId` for a transfer to `creditAccountId` (an account of ours) or to \
        `creditor` (another bank, SEPA): exactly one of the two. Its captures are transfers between the same sides.""")
public record NewAuthorization(
        @NotNull @Schema(required = true, format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String debitAccountId,
        @NotNull @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "120.00") String amount,
        @NotNull @Schema(required = true, pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        @Schema(format = "uuid", examples = "019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81") String creditAccountId,
        @Valid Creditor creditor,
        @Size(max = 140) @Schema(maxLength = 140, examples = "Hotel Lutetia, booking 4471") String label,
        @Schema(nullable = true, implementation = String.class, format = "date-time",
                description = "When the service voids it if not captured by then (EXPIRED); in the future, at most "
                        + "`backoffice.authorizations.max-expiry` ahead (30 days by default); absent, "
                        + "`backoffice.authorizations.default-expiry` from now (7 days by default)")
        Instant expiresAt) {
}
