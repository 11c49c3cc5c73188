package fr.backoffice.operation.rest;

import fr.backoffice.operation.ReasonCode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies only {@link OperationResource} reads; what services, events and stored answers use is in {@code operation.api}. */
public final class OperationDtos {

    private OperationDtos() {
    }

    @Schema(name = "Rejection")
    public record Rejection(
            @NotNull @Schema(required = true) ReasonCode reasonCode,
            @Size(max = 500) @Schema(maxLength = 500, examples = "Signature does not match the specimen") String comment) {
    }

    @Schema(name = "ActionReason")
    public record ActionReason(
            @NotBlank @Size(max = 500) @Schema(required = true, maxLength = 500, examples = "Booked on the wrong account") String reason) {
    }
}
