package fr.backoffice.reconciliation.api;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.reconciliation.ExceptionKind;
import fr.backoffice.reconciliation.ExceptionStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An item of the reconciliation queue, in answers and {@code reconciliation-exception.*} events. */
@Schema(name = "ReconciliationException")
public record ExceptionView(
        @Schema(format = "uuid", maxLength = 36) String id,
        ExceptionKind kind,
        @Schema(format = "uuid", maxLength = 36) String accountId,
        @Schema(format = "uuid", maxLength = 36, description = "The statement that left it unmatched") String statementId,
        @Schema(format = "uuid", nullable = true, maxLength = 36, description = "STATEMENT_LINE: the line") String lineId,
        @Schema(format = "uuid", nullable = true, maxLength = 36, description = "LEDGER_ENTRY: the entry") String entryId,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "310.00") String amount,
        @Schema(enumeration = {"CRDT", "DBIT"}, description = "As the bank sees it (a LEDGER_ENTRY's debit entry is CRDT)") String creditDebit,
        LocalDate valueDate,
        ExceptionStatus status,
        @Schema(nullable = true, maxLength = Limits.ACTOR_LENGTH, description = "Who claimed it") String assignee,
        @Schema(nullable = true, enumeration = {"MANUAL_MATCH", "BANK_ERROR", "AUTO_MATCHED", "WRITE_OFF"}) String resolution,
        @Schema(nullable = true, maxLength = Limits.REASON_LENGTH) String reason,
        @Schema(maxItems = 100, description = "MANUAL_MATCH: the entries (of a line) or lines (of an entry) it was matched to") List<UUID> matchedTo,
        Instant createdAt,
        @Schema(nullable = true, implementation = String.class, format = "date-time") Instant resolvedAt,
        @Schema(nullable = true, maxLength = Limits.ACTOR_LENGTH) String resolvedBy,
        @Schema(format = "uuid", nullable = true, maxLength = 36, description = "WRITE_OFF: the RECONCILIATION_WRITE_OFF "
                + "operation that booked it") String operationId,
        @Schema(minimum = "0") long version) {
}
