package fr.backoffice.operation.api;

import fr.backoffice.operation.OperationHistoryEntry;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One status change in {@link OperationView#history()}. */
@Schema(name = "OperationHistoryEntry")
public record HistoryView(Instant at, @Schema(maxLength = Limits.ACTOR_LENGTH, examples = "agent-042") String actor,
                          @Schema(nullable = true, implementation = String.class, enumeration = {"RECEIVED", "PENDING_APPROVAL",
                                  "SCHEDULED", "EXECUTED", "REJECTED", "CANCELLED", "REVERSED", "CLEARED", "BOUNCED"},
                                  description = "Null on the first entry") OperationStatus from,
                          OperationStatus to,
                          @Schema(nullable = true, maxLength = Limits.REASON_LENGTH) String reason) {

    public static HistoryView of(OperationHistoryEntry entry) {
        return new HistoryView(entry.at, entry.actor, entry.from, entry.to, entry.reason);
    }
}
