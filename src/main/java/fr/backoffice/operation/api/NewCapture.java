package fr.backoffice.operation.api;

import fr.backoffice.common.openapi.Limits;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /authorizations/{id}/capture}. */
@Schema(name = "NewCapture", description = "How much of the authorization to book now, in its currency")
public record NewCapture(
        @NotNull @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "80.00") String amount) {
}
