package fr.backoffice.operation.rest;

import fr.backoffice.common.http.MultiLine;
import fr.backoffice.operation.ReasonCode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies only {@link OperationResource} reads; what services, events and stored answers use is in {@code operation.api}. */
public final class OperationDtos {

    /** Reasons and comments are written by a person, possibly in several lines (docs/api.md "Calling the API"). */
    static final String LINES = "Free text; may span several lines (tab, CR and LF allowed, no other control character)";

    private OperationDtos() {
    }

    @Schema(name = "Rejection")
    public record Rejection(
            @NotNull @Schema(required = true) ReasonCode reasonCode,
            @MultiLine @Size(max = 500) @Schema(maxLength = 500, examples = "Signature does not match the specimen",
                    description = LINES) String comment) {
    }

    @Schema(name = "ActionReason")
    public record ActionReason(
            @MultiLine @NotBlank @Size(max = 500) @Schema(required = true, maxLength = 500, examples = "Booked on the wrong account",
                    description = LINES) String reason) {
    }
}
