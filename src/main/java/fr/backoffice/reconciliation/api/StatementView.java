package fr.backoffice.reconciliation.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A statement as loaded, with each line's state. */
@Schema(name = "ReconciliationStatement")
public record StatementView(
        @Schema(format = "uuid", maxLength = 36) String id,
        @Schema(format = "uuid", maxLength = 36) String accountId,
        @Schema(enumeration = {"camt.053.001.08", "camt.054.001.08"}) String messageType,
        @Schema(maxLength = 35) String messageId,
        @Schema(maxLength = 35, description = "`Stmt/Id` or `Ntfctn/Id`") String statementId,
        @Schema(nullable = true, minimum = "0", maximum = "999999999999999999", description = "`ElctrncSeqNb`") Long sequenceNumber,
        @Schema(pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        Balance openingBalance,
        Balance closingBalance,
        Instant loadedAt,
        @Schema(maxLength = Limits.ACTOR_LENGTH) String loadedBy,
        @Schema(minimum = "0", maximum = "20000") int lines,
        @Schema(minimum = "0", maximum = "20000") int matched,
        @Schema(minimum = "0", maximum = "20000") int unmatched,
        @Schema(maxItems = 20000) List<StatementLineView> items,
        @Schema(maxItems = 1000000, description = "Entries of ours this statement found unreported (booked by us up to its "
                + "end, matched by no line): each is an exception of kind LEDGER_ENTRY") List<UUID> unreportedEntryIds) {

    @Schema(name = "ReconciliationBalance", nullable = true, description = "`Bal` OPBD or CLBD, camt.053 only (null for a camt.054): signed as the bank writes it: CRDT positive (our money at the bank)")
    public record Balance(
            @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "15000.00") String amount,
            LocalDate date) {
    }
}
