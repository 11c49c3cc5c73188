package fr.backoffice.filing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import fr.backoffice.filing.Filing;
import fr.backoffice.filing.FilingComputed;
import fr.backoffice.filing.FilingContent;
import fr.backoffice.filing.FilingHistoryEntry;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.FilingType;
import fr.backoffice.filing.check.FilingChecks;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A filing as the endpoints answer it, idempotent replays store it and the {@code filing.*} events carry it. */
// submission and acknowledgement are left out until they exist (NON_NULL)
@Schema(name = "Filing", requiredProperties = {"id", "type", "declarantId", "periodStart", "periodEnd", "dueDate", "status",
        "content", "computed", "checks", "preparedBy", "validatedBy", "submittedBy", "amends", "amendedBy", "history",
        "createdAt", "version"})
public record FilingView(
        @Schema(format = "uuid", examples = "019ac9d2-7a10-7c41-9a8e-2b1d4c5e6f71") String id,
        FilingType type,
        @Schema(format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String declarantId,
        @Schema(examples = "2026-10-01") LocalDate periodStart,
        @Schema(examples = "2026-10-31") LocalDate periodEnd,
        @Schema(examples = "2026-11-19", description = "VAT: the 19th of the month after the period. Annual accounts: "
                + "approval date + 1 month, or fiscal year end + 7 months while no approval date is known.") LocalDate dueDate,
        FilingStatus status,
        @Schema(implementation = FilingContent.class,
                description = "The declared figures, as last set (normalized: rates as configured)") JsonNode content,
        @Schema(implementation = FilingComputed.class) JsonNode computed,
        FilingChecks checks,
        @Schema(maxLength = Limits.ACTOR_LENGTH, examples = "front-app-1", description = "Who created the draft") String preparedBy,
        @Schema(nullable = true, maxLength = Limits.ACTOR_LENGTH, examples = "agent-042") String validatedBy,
        @Schema(nullable = true, maxLength = Limits.ACTOR_LENGTH, examples = "supervisor-007") String submittedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Absent until the filing is submitted")
        SubmissionView submission,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Absent until the administration's answer is recorded")
        AcknowledgementView acknowledgement,
        @Schema(nullable = true, format = "uuid", description = "The filing this one corrects") String amends,
        @Schema(nullable = true, format = "uuid", description = "The filing that corrects this one") String amendedBy,
        @Schema(maxItems = Filing.MAX_HISTORY, description = "The filing's changes, in order. Bounded by its lifecycle: "
                + "created, its content replaced at most " + Filing.MAX_CONTENT_CHANGES + " times as a draft, validated, "
                + "submitted, acknowledged, amended")
        List<HistoryView> history,
        Instant createdAt,
        @Schema(minimum = "0", examples = "0") long version) {

    /** The filing with its stored JSON read back ({@code content}, {@code computed}, {@code checks}) and its history. */
    public static FilingView of(Filing filing, JsonNode content, JsonNode computed, FilingChecks checks,
                                List<FilingHistoryEntry> history) {
        return new FilingView(filing.id.toString(), filing.type, filing.declarantId.toString(), filing.periodStart,
                filing.periodEnd, filing.dueDate, filing.status, content, computed, checks, filing.preparedBy,
                filing.validatedBy, filing.submittedBy, SubmissionView.of(filing), AcknowledgementView.of(filing),
                filing.amends == null ? null : filing.amends.toString(),
                filing.amendedBy == null ? null : filing.amendedBy.toString(),
                history.stream().map(HistoryView::of).toList(), filing.createdAt, filing.version);
    }
}
