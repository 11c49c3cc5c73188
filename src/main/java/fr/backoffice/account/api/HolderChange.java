package fr.backoffice.account.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The holder's new name in an {@link AccountChange}. */
@Schema(name = "HolderChange")
public record HolderChange(
        @NotBlank @Size(max = 140) @Schema(required = true, maxLength = 140, examples = "Camille Martin-Durand") String name) {
}
