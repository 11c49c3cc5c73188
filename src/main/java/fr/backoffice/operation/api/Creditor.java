package fr.backoffice.operation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The beneficiary of an external transfer, in {@link NewOperation} and {@link OperationView}. */
// Nullable schemas rather than nullable properties: OpenAPI 3.0 ignores "nullable" beside a $ref.
@Schema(name = "Creditor", nullable = true, description = "The beneficiary of an external (SEPA) transfer, whose account is not held here")
public record Creditor(
        @NotBlank @Size(max = 70) @Schema(required = true, maxLength = 70, examples = "Dupont SARL") String name,
        @NotBlank @Size(max = 42) @Schema(required = true, maxLength = 42, examples = "DE89370400440532013000") String iban) {
}
