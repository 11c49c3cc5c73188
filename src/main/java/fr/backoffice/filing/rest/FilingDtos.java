package fr.backoffice.filing.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import fr.backoffice.filing.AcknowledgementOutcome;
import fr.backoffice.filing.FilingAction;
import fr.backoffice.filing.FilingComputed;
import fr.backoffice.filing.FilingContent;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.FilingType;
import fr.backoffice.filing.ObligationStatus;
import fr.backoffice.filing.check.FilingChecks;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public final class FilingDtos {

    private FilingDtos() {
    }

    @Schema(name = "NewFiling")
    public record NewFiling(
            @NotNull @Schema(required = true) FilingType type,
            @NotNull @Schema(required = true, format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String declarantId,
            @NotNull @Schema(required = true, examples = "2026-10-01",
                    description = "First day: of a calendar month (MONTHLY VAT), a calendar quarter (QUARTERLY VAT), "
                            + "or the fiscal year (annual accounts)") LocalDate periodStart,
            @NotNull @Schema(required = true, examples = "2026-10-31", description = "Last day of the same period")
            LocalDate periodEnd,
            @NotNull @Schema(required = true, implementation = FilingContent.class) JsonNode content) {
    }

    @Schema(name = "FilingAcknowledgementRequest")
    public record NewAcknowledgement(
            @NotNull @Schema(required = true) AcknowledgementOutcome outcome,
            @NotBlank @Size(max = 100) @Schema(required = true, maxLength = 100, examples = "DGFIP-2026-11-000123456",
                    description = "The administration's reference for the deposit") String administrationReference,
            @Size(max = 1000) @Schema(maxLength = 1000, examples = "Net VAT due does not match the payment received",
                    description = "Required when the outcome is REJECTED") String reason) {
    }

    @Schema(name = "FilingSubmission", description = "Set when the filing is submitted")
    public record SubmissionView(
            @Schema(required = true) Instant submittedAt,
            @Schema(required = true, examples = "3f1a…", description = "Lower-case hex SHA-256 of `GET /filings/{id}/document`")
            String digest,
            @Schema(required = true, examples = "DEP-2026-00000042", description = "The reference the administration gateway gave the deposit")
            String depositReference) {
    }

    @Schema(name = "FilingAcknowledgement", description = "The administration's answer, once recorded")
    public record AcknowledgementView(
            @Schema(required = true) AcknowledgementOutcome outcome,
            @Schema(required = true, examples = "DGFIP-2026-11-000123456") String administrationReference,
            @Schema(nullable = true, examples = "Net VAT due does not match the payment received") String reason,
            @Schema(required = true) Instant receivedAt,
            @Schema(required = true, examples = "admin-gateway", description = "Who recorded it") String recordedBy) {
    }

    @Schema(name = "FilingHistoryEntry", description = "A transition or a content change: who, when, from which status to which")
    public record HistoryView(
            @Schema(required = true) Instant at,
            @Schema(required = true, examples = "agent-042") String actor,
            @Schema(required = true) FilingAction action,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Absent on creation") FilingStatus from,
            @Schema(required = true) FilingStatus to) {
    }

    @Schema(name = "Filing")
    public record FilingView(
            @Schema(examples = "019ac9d2-7a10-7c41-9a8e-2b1d4c5e6f71") String id,
            FilingType type,
            @Schema(examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String declarantId,
            @Schema(examples = "2026-10-01") LocalDate periodStart,
            @Schema(examples = "2026-10-31") LocalDate periodEnd,
            @Schema(examples = "2026-11-19", description = "VAT: the 19th of the month after the period. Annual accounts: "
                    + "approval date + 1 month, or fiscal year end + 7 months while no approval date is known.") LocalDate dueDate,
            FilingStatus status,
            @Schema(implementation = FilingContent.class,
                    description = "The declared figures, as last set (normalized: rates as configured)") JsonNode content,
            @Schema(implementation = FilingComputed.class) JsonNode computed,
            FilingChecks checks,
            @Schema(examples = "front-app-1", description = "Who created the draft") String preparedBy,
            @Schema(nullable = true, examples = "agent-042") String validatedBy,
            @Schema(nullable = true, examples = "supervisor-007") String submittedBy,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Absent until the filing is submitted")
            SubmissionView submission,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Absent until the administration's answer is recorded")
            AcknowledgementView acknowledgement,
            @Schema(nullable = true, description = "The filing this one corrects") String amends,
            @Schema(nullable = true, description = "The filing that corrects this one") String amendedBy,
            List<HistoryView> history,
            Instant createdAt,
            @Schema(examples = "0") long version) {
    }

    @Schema(name = "Obligation")
    public record ObligationView(
            FilingType type,
            @Schema(examples = "2026-10-01") LocalDate periodStart,
            @Schema(examples = "2026-10-31") LocalDate periodEnd,
            @Schema(examples = "2026-11-19") LocalDate dueDate,
            ObligationStatus status,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "The filing that stands for the obligation: the latest submitted or accepted one, else the "
                    + "latest in progress, else the latest rejected; absent when nothing was filed") String filingId,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "That filing's status; absent when nothing was filed")
            FilingStatus filingStatus) {
    }

    @Schema(name = "Obligations", description = "Every declaration expected over the range (not paginated: the range is at most 10 years)")
    public record ObligationsView(
            @Schema(examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String declarantId,
            @Schema(examples = "2026-01-01") LocalDate from,
            @Schema(examples = "2026-12-31") LocalDate to,
            List<ObligationView> items) {
    }
}
