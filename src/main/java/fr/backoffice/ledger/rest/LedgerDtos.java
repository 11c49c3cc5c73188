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

    @Schema(name = "LedgerDifference", description = "Something the ledger stores that its entries do not support")
    public record Difference(
            @Schema(enumeration = {"ACCOUNT_BALANCE", "ACCOUNT_ENTRY_COUNT", "ACCOUNT_HELD_AMOUNT", "OPERATION_ENTRIES",
                    "OPERATION_ACCOUNT_MOVE"}, description = """
                    `ACCOUNT_BALANCE`: the stored ledger balance is not the sum of the account's entries; \
                    `ACCOUNT_ENTRY_COUNT`: the stored statement position is not the number of entries; \
                    `ACCOUNT_HELD_AMOUNT`: the held amount is not the sum of the active holds; \
                    `OPERATION_ENTRIES`: the operation's credits do not add up to its amount (none before execution, \
                    twice the amount for a bounced cheque); `OPERATION_ACCOUNT_MOVE`: an account the operation names \
                    did not move by its amount.""", examples = "ACCOUNT_BALANCE") String kind,
            @Schema(description = "The account id, the operation id, or `operationId/accountId`",
                    examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String subject,
            @Schema(description = "What the entries say", examples = "1250.000") String expected,
            @Schema(description = "What is stored", examples = "1350.000") String actual) {
    }

    @Schema(name = "LedgerVerification", description = "The ledger recomputed from its append-only entries")
    public record LedgerReport(
            Instant at,
            @Schema(description = "True when nothing differs") boolean verified,
            @Schema(description = "How many differences were found", examples = "0") int differences,
            @Schema(description = "The first 100 differences, by kind then subject") List<Difference> listed) {
    }
}
