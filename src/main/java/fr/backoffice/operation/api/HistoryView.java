package fr.backoffice.operation.api;

import fr.backoffice.operation.OperationHistoryEntry;
import fr.backoffice.operation.OperationStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One status change in {@link OperationView#history()}. */
@Schema(name = "OperationHistoryEntry")
public record HistoryView(Instant at, @Schema(examples = "agent-042") String actor,
                          @Schema(nullable = true, implementation = String.class, enumeration = {"RECEIVED", "PENDING_APPROVAL",
                                  "SCHEDULED", "EXECUTED", "REJECTED", "CANCELLED", "REVERSED", "CLEARED", "BOUNCED"},
                                  description = "Null on the first entry") OperationStatus from,
                          OperationStatus to,
                          @Schema(nullable = true) String reason) {

    public static HistoryView of(OperationHistoryEntry entry) {
        return new HistoryView(entry.at, entry.actor, entry.from, entry.to, entry.reason);
    }
}
