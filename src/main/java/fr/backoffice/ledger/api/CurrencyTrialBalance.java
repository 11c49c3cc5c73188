package fr.backoffice.ledger.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One currency of the {@link TrialBalance}. */
@Schema(name = "CurrencyTrialBalance")
public record CurrencyTrialBalance(
        @Schema(examples = "EUR") String currency,
        @Schema(examples = "152340.00", description = "Sum of all debit entries, as a positive amount") String totalDebits,
        @Schema(examples = "152340.00", description = "Sum of all credit entries") String totalCredits,
        @Schema(examples = "0.00", description = "Sum of all account balances, internal ones included: always 0") String sumOfBalances,
        boolean balanced) {
}
