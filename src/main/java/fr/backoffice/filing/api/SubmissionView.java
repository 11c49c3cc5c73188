package fr.backoffice.filing.api;

import fr.backoffice.filing.Filing;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "FilingSubmission", description = "Set when the filing is submitted")
public record SubmissionView(
        @Schema(required = true) Instant submittedAt,
        @Schema(required = true, examples = "3f1a…", description = "Lower-case hex SHA-256 of `GET /filings/{id}/document`")
        String digest,
        @Schema(required = true, examples = "DEP-2026-00000042", description = "The reference the administration gateway gave the deposit")
        String depositReference) {

    /** The submission of the filing, or null before it is submitted. */
    public static SubmissionView of(Filing filing) {
        return filing.submittedAt == null ? null
                : new SubmissionView(filing.submittedAt, filing.digest, filing.depositReference);
    }
}
