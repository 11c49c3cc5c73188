package fr.backoffice.account.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A customer account's holder. */
@Schema(name = "Holder")
public record Holder(
        @NotBlank @Size(max = 140) @Schema(required = true, maxLength = 140, examples = "Camille Martin") String name,
        @NotBlank @Size(max = 64) @Schema(required = true, maxLength = 64, examples = "C-000123",
                description = "The customer's id in the bank's customer system") String customerId) {
}
