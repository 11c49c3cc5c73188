package fr.backoffice.statement.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One business day of an account: what camt.053 carries, and the JSON answer. */
@Schema(name = "Statement", description = "One business day of an account (ISO 20022 camt.053.001.08 `Stmt`)")
public record StatementView(
        @Schema(maxLength = 35, examples = "20261130FR7612548000010000000000146",
                description = "`Stmt/Id`: the day (YYYYMMDD) and the IBAN; the same for every read of that day") String id,
        @Schema(maxLength = 35, pattern = "^[0-9a-f]{32}$", examples = "019ad8a1c2e47d3a9f0b1c2d3e4f5a6b",
                description = "`GrpHdr/MsgId`: new on every read") String messageId,
        @Schema(description = "`CreDtTm`: when this statement was produced") Instant createdAt,
        @Schema(format = "uuid") String accountId,
        @Schema(pattern = Limits.IBAN, maxLength = Limits.IBAN_LENGTH, examples = "FR7612548000010000000000146") String iban,
        @Schema(pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        @Schema(maxLength = 140, examples = "Camille Martin", description = "`Acct/Ownr/Nm`: the account's holder") String ownerName,
        @Schema(description = "The business day, in the bank's time zone") LocalDate date,
        @Schema(description = "False for today: a statement so far, up to `createdAt`; true for a day that has ended")
        boolean complete,
        @Schema(description = "`FrToDt/FrDtTm`: entries posted at or after this instant (the start of the day)") Instant from,
        @Schema(description = "`FrToDt/ToDtTm`: and up to and including this instant (the closing balance's `at`)") Instant to,
        StatementBalance openingBalance,
        StatementBalance closingBalance,
        StatementSummary summary,
        StatementAuthorizations authorizations,
        @Schema(maxItems = StatementView.MAX_ENTRIES, description = "The day's entries in posting order") List<StatementEntry> entries) {

    /** A statement holds at most this many entries (a busier day is refused: read {@code /entries} by page). */
    public static final int MAX_ENTRIES = 10_000;
}
