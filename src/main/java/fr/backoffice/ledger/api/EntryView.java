package fr.backoffice.ledger.api;

import fr.backoffice.common.money.Money;
import fr.backoffice.ledger.LedgerEntry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/** A line of an account statement. */
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
