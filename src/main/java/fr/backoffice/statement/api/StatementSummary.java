package fr.backoffice.statement.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The day's totals: {@code TxsSummry} in camt.053. */
@Schema(name = "StatementSummary", description = "The day's totals (`TxsSummry`)")
public record StatementSummary(
        @Schema(minimum = "0", maximum = "10000", format = "int32", examples = "3") int numberOfEntries,
        @Schema(minimum = "0", maximum = "10000", format = "int32", examples = "1") int numberOfCredits,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1000.00") String sumOfCredits,
        @Schema(minimum = "0", maximum = "10000", format = "int32", examples = "2") int numberOfDebits,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "262.00", description = "Unsigned")
        String sumOfDebits,
        @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "738.00",
                description = "Credits minus debits: closing minus opening balance") String net) {
}
