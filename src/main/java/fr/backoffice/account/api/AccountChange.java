package fr.backoffice.account.api;

import jakarta.validation.Valid;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PATCH /accounts/{id}}. */
@Schema(name = "AccountChange", description = "Fields to change; absent fields stay as they are. "
        + "An agent may change the holder's name; a supervisor the name and the overdraft limit.")
public record AccountChange(
        @Valid HolderChange holder,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "800.00") String overdraftLimit) {
}
