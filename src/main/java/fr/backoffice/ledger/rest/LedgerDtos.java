package fr.backoffice.ledger.rest;

import fr.backoffice.common.money.Money;
import fr.backoffice.ledger.LedgerEntry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public final class LedgerDtos {

    private LedgerDtos() {
    }

    @Schema(name = "Entry", description = "A statement line")
    public record EntryView(
            String id,
            String operationId,
            @Schema(examples = "-250.00", description = "Signed: debits negative, credits positive") String amount,
            @Schema(examples = "1000.00", description = "The account's ledger balance after this entry") String balanceAfter,
            Instant postedAt,
            LocalDate valueDate,
            @Schema(nullable = true, examples = "Rent November") String label) {

        public static EntryView of(LedgerEntry entry) {
            return new EntryView(entry.id.toString(), entry.operationId.toString(), Money.format(entry.amount, entry.currency),
                    Money.format(entry.balanceAfter, entry.currency), entry.postedAt, entry.valueDate, entry.label);
        }
    }

    @Schema(name = "Balance", description = "An account's ledger balance as of an instant")
    public record BalanceView(String accountId, Instant at, @Schema(examples = "1250.00") String ledgerBalance,
                              @Schema(examples = "EUR") String currency) {
    }

    @Schema(name = "CurrencyTrialBalance")
    public record CurrencyTrialBalance(
            @Schema(examples = "EUR") String currency,
            @Schema(examples = "152340.00", description = "Sum of all debit entries, as a positive amount") String totalDebits,
            @Schema(examples = "152340.00", description = "Sum of all credit entries") String totalCredits,
            @Schema(examples = "0.00", description = "Sum of all account balances, internal ones included: always 0") String sumOfBalances,
            boolean balanced) {
    }

    @Schema(name = "TrialBalance")
    public record TrialBalance(Instant at, boolean balanced, List<CurrencyTrialBalance> currencies) {
    }
}
