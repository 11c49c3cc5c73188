package fr.backoffice.filing.api;

import fr.backoffice.filing.Filing;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "FilingSubmission", description = "Set when the filing is submitted")
public record SubmissionView(
        @Schema(required = true) Instant submittedAt,
        @Schema(required = true, pattern = Limits.SHA256_HEX, maxLength = 64,
                examples = "3f1a9c0b2d4e6f8a1c3e5a7b9d0f2e4c6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f", description = "Lower-case hex SHA-256 of `GET /filings/{id}/document`")
        String digest,
        @Schema(required = true, maxLength = 64, examples = "DEP-2026-00000042", description = "The reference the administration gateway gave the deposit")
        String depositReference) {

    /** The submission of the filing, or null before it is submitted. */
    public static SubmissionView of(Filing filing) {
        return filing.submittedAt == null ? null
                : new SubmissionView(filing.submittedAt, filing.digest, filing.depositReference);
    }
}
