package fr.backoffice.reconciliation.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/**
 * One reconciled account on one business day, both sides (docs/reconciliation.md "Daily report"). Every balance and
 * total is written as the bank writes the account: CRDT positive (money of ours at the bank), DBIT negative.
 */
@Schema(name = "ReconciliationReport")
public record ReportView(
        @Schema(format = "uuid", maxLength = 36) String accountId,
        @Schema(maxLength = 34, examples = "FR7612548000010000000000146") String iban,
        @Schema(maxLength = 3, examples = "EUR") String currency,
        @Schema(description = "The business day, in the bank's time zone") LocalDate date,
        @Schema(description = "false for today: the ledger's figures are those of the day so far") boolean complete,
        @Schema(description = "What the settlement bank's camt.053 of that day say") BankSide bank,
        @Schema(description = "What our ledger says of the same account, in the bank's sign") LedgerSide ledger,
        @Schema(description = "The day's statement lines MATCHED to entries of ours") Figure matched,
        @Schema(description = "The day's statement lines UNMATCHED (the ledger has nothing for them)") Figure unmatched,
        @Schema(description = "The day's statement lines PARTIAL (their reference names entries of another amount)") Figure partial,
        @Schema(description = "The account's entries posted that day that no statement line reports (no match took "
                + "them): booked by us, not seen by the bank, or not yet") Figure unreported,
        @Schema(minimum = "0", maximum = "1000000", description = "Items of the exceptions queue not RESOLVED about that "
                + "day: its lines left UNMATCHED or PARTIAL, its entries left unreported") long openExceptions,
        @Schema(nullable = true, pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "-47.00",
                description = "`bank.closing` minus `ledger.closing`; zero when both sides agree; null without a "
                        + "statement that day") String difference) {

    /** The bank's side: the balances of the day's end-of-day statements. */
    @Schema(name = "ReconciliationReportBankSide")
    public record BankSide(
            @Schema(minimum = "0", maximum = "1000", description = "camt.053 loaded for that day (their closing "
                    + "balance's date)") int statements,
            @Schema(nullable = true, pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1000.00",
                    description = "OPBD of the first camt.053 of the day; null without one") String opening,
            @Schema(nullable = true, pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1642.00",
                    description = "CLBD of the last camt.053 of the day; null without one") String closing) {
    }

    /** Our side: the account's balance from its entries, negated to the bank's sign. */
    @Schema(name = "ReconciliationReportLedgerSide")
    public record LedgerSide(
            @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1000.00",
                    description = "The entries posted before the day") String opening,
            @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1689.00",
                    description = "The entries posted up to the end of the day (for today: up to now)") String closing) {
    }

    /** How many, and their net amount. */
    @Schema(name = "ReconciliationReportFigure")
    public record Figure(
            @Schema(minimum = "0", maximum = "1000000") long count,
            @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "-5.00",
                    description = "Net, in the bank's sign: CRDT (money in) positive, DBIT negative") String total) {
    }
}
