package fr.backoffice.filing.api;

import fr.backoffice.common.http.MultiLine;
import fr.backoffice.filing.AcknowledgementOutcome;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /filings/{id}/acknowledgement}; also what an idempotent replay of it compares. */
@Schema(name = "FilingAcknowledgementRequest")
public record NewAcknowledgement(
        @NotNull @Schema(required = true) AcknowledgementOutcome outcome,
        @NotBlank @Size(max = 100) @Schema(required = true, maxLength = 100, examples = "DGFIP-2026-11-000123456",
                description = "The administration's reference for the deposit") String administrationReference,
        @MultiLine @Size(max = 1000) @Schema(maxLength = 1000, examples = "Net VAT due does not match the payment received",
                description = "Required when the outcome is REJECTED. Free text; may span several lines (tab, CR and LF "
                        + "allowed, no other control character)") String reason) {
}
