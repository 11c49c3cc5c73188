package fr.backoffice.filing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.backoffice.filing.FilingAction;
import fr.backoffice.filing.FilingHistoryEntry;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "FilingHistoryEntry", description = "A transition or a content change: who, when, from which status to which")
public record HistoryView(
        @Schema(required = true) Instant at,
        @Schema(required = true, maxLength = Limits.ACTOR_LENGTH, examples = "agent-042") String actor,
        @Schema(required = true) FilingAction action,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Absent on creation") FilingStatus from,
        @Schema(required = true) FilingStatus to) {

    public static HistoryView of(FilingHistoryEntry entry) {
        return new HistoryView(entry.at, entry.actor, entry.action, entry.fromStatus, entry.toStatus);
    }
}
