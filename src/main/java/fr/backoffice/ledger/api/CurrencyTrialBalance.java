package fr.backoffice.ledger.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One currency of the {@link TrialBalance}. */
@Schema(name = "CurrencyTrialBalance")
public record CurrencyTrialBalance(
        @Schema(pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        @Schema(pattern = Limits.AMOUNT, maxLength = 64, examples = "152340.00", description = "Sum of all debit entries, as a positive amount") String totalDebits,
        @Schema(pattern = Limits.AMOUNT, maxLength = 64, examples = "152340.00", description = "Sum of all credit entries") String totalCredits,
        @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = 64, examples = "0.00", description = "Sum of all account balances, internal ones included: always 0") String sumOfBalances,
        boolean balanced) {
}
