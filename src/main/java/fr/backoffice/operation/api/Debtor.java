package fr.backoffice.operation.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who paid an incoming transfer, as the other bank's pacs.008 names them, in {@link OperationView}. */
// Nullable schema rather than nullable property: OpenAPI 3.0 ignores "nullable" beside a $ref.
@Schema(name = "Debtor", nullable = true, description = "The payer of an INCOMING_TRANSFER, whose account is at another bank")
public record Debtor(
        @Schema(required = true, maxLength = 70, examples = "Martin Durand") String name,
        @Schema(required = true, maxLength = 34, examples = "DE89370400440532013000") String iban) {
}
