package fr.backoffice.ledger.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Debits, credits and the sum of balances, per currency. */
@Schema(name = "TrialBalance")
public record TrialBalance(Instant at, boolean balanced, List<CurrencyTrialBalance> currencies) {
}
