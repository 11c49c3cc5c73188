package fr.backoffice.ledger.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** An account's ledger balance as of an instant. */
@Schema(name = "Balance", description = "An account's ledger balance as of an instant")
public record BalanceView(@Schema(format = "uuid") String accountId, Instant at,
                          @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1250.00") String ledgerBalance,
                          @Schema(pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency) {
}
