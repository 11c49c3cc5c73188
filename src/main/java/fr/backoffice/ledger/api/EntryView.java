package fr.backoffice.ledger.api;

import fr.backoffice.common.money.Money;
import fr.backoffice.ledger.LedgerEntry;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/** A line of an account statement. */
@Schema(name = "Entry", description = "A statement line")
public record EntryView(
        @Schema(format = "uuid") String id,
        @Schema(format = "uuid") String operationId,
        @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "-250.00", description = "Signed: debits negative, credits positive") String amount,
        @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1000.00", description = "The account's ledger balance after this entry") String balanceAfter,
        Instant postedAt,
        LocalDate valueDate,
        @Schema(nullable = true, maxLength = 140, examples = "Rent November") String label) {

    public static EntryView of(LedgerEntry entry) {
        return new EntryView(entry.id.toString(), entry.operationId.toString(), Money.format(entry.amount, entry.currency),
                Money.format(entry.balanceAfter, entry.currency), entry.postedAt, entry.valueDate, entry.label);
    }
}
