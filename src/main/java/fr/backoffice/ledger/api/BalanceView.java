package fr.backoffice.ledger.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** An account's ledger balance as of an instant. */
@Schema(name = "Balance", description = "An account's ledger balance as of an instant")
public record BalanceView(String accountId, Instant at, @Schema(examples = "1250.00") String ledgerBalance,
                          @Schema(examples = "EUR") String currency) {
}
