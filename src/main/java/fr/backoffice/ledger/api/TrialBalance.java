package fr.backoffice.ledger.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Debits, credits and the sum of balances, per currency. */
@Schema(name = "TrialBalance")
public record TrialBalance(Instant at, boolean balanced,
                           // one per ISO 4217 currency an account can be held in: fewer than 300 exist
                           @Schema(maxItems = 300) List<CurrencyTrialBalance> currencies) {
}
