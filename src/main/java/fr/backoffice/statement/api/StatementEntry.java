package fr.backoffice.statement.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** One ledger entry of the day: {@code Ntry} in camt.053. */
@Schema(name = "StatementEntry", description = "One entry posted that day (`Ntry`, status `BOOK`)")
public record StatementEntry(
        @Schema(format = "uuid", description = "The ledger entry; `NtryRef` in camt.053 (without dashes)") String entryId,
        @Schema(format = "uuid") String operationId,
        @Schema(maxLength = 32, pattern = "^[A-Z_]+$", examples = "TRANSFER", description = "The operation's type") String operationType,
        @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "-250.00",
                description = "Signed: debits negative, credits positive (`Amt` is unsigned in camt.053, with `CdtDbtInd`)")
        String amount,
        @Schema(enumeration = {"CRDT", "DBIT"}, maxLength = 4, examples = "DBIT") String creditDebit,
        @Schema(description = "The day it was posted (`BookgDt/Dt`), the statement's day") LocalDate bookingDate,
        @Schema(description = "The day it is valued (`ValDt/Dt`)") LocalDate valueDate,
        BankTransactionCode bankTransactionCode,
        @Schema(maxLength = 35, examples = "INV-2026-1142",
                description = "`Refs/EndToEndId`: the one the transfer was sent or received with "
                        + "(the operation's `endToEndId`), else the operation's reference, else its id without dashes") String endToEndId,
        @Schema(maxLength = 35, pattern = "^[0-9a-f]{32}$", examples = "019ac9d27a107c418b2f3c4d5e6f7a81",
                description = "`Refs/TxId`: the operation's id without dashes") String transactionId,
        @Schema(nullable = true, maxLength = 140, examples = "Rent November", description = "`RmtInf/Ustrd`") String label,
        @Schema(description = "Absent (null) when the entry has none: cash, fees") Counterparty counterparty) {
}
