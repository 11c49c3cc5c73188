package fr.backoffice.clearing.api;

import fr.backoffice.common.http.MultiLine;
import fr.backoffice.common.openapi.Limits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The clearing system's answer to a payment file, as the clearing desk records it by hand (the fallback for its status report). */
@Schema(name = "PaymentFileAcknowledgement")
public record Acknowledgement(
        @NotNull @Schema(required = true, enumeration = {"ACCEPTED", "REJECTED"}, implementation = String.class) Outcome outcome,
        @MultiLine @Size(max = Limits.REASON_LENGTH) @Schema(nullable = true, maxLength = Limits.REASON_LENGTH,
                examples = "File rejected by STET: duplicate message id",
                description = "Why the file was rejected: required with REJECTED. Free text; may span several lines "
                        + "(tab, CR and LF allowed, no other control character)") String reason) {

    public enum Outcome {
        ACCEPTED,
        REJECTED
    }
}
