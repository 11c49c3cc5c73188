package fr.backoffice.operation.rest;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.error.Problem;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import fr.backoffice.operation.api.OperationView;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The answers every action on an operation shares. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@APIResponse(responseCode = "200", description = "The operation as it now stands",
        headers = {
                @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
                @Header(name = "Idempotent-Replayed", description = "`true` when this is the stored answer to an earlier "
                        + "request with the same Idempotency-Key", schema = @Schema(type = SchemaType.STRING, enumeration = "true", maxLength = 4))},
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OperationView.class)))
@APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role, or an operation not of the caller's unit (for a caller confined to a unit, also one that does not exist); "
        + "`FOUR_EYES_VIOLATION`: the submitter validating, or the submitter or validator approving (people are "
        + "told apart by their token's `sub`, never by a display name)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN"), @ExampleObject(name = "FOUR_EYES_VIOLATION", ref = "FOUR_EYES_VIOLATION")}))
@APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such operation (to a caller who reaches every unit)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
@APIResponse(responseCode = "409", description = "`INVALID_TRANSITION`: not allowed from the current status; "
        + "`ALREADY_CLAIMED`: assigned to someone else; `SENT_TO_CLEARING`: reversing an external transfer already in a "
        + "payment file; `CONCURRENT_UPDATE`; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
        content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "ALREADY_CLAIMED", ref = "ALREADY_CLAIMED"), @ExampleObject(name = "SENT_TO_CLEARING", ref = "SENT_TO_CLEARING"), @ExampleObject(name = "CONCURRENT_UPDATE", ref = "CONCURRENT_UPDATE"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
@APIResponse(responseCode = "422", description = "`ACCOUNT_FROZEN`, `ACCOUNT_CLOSED`, `INSUFFICIENT_FUNDS`: a reversal the accounts do not allow; "
        + "`IDEMPOTENCY_KEY_REUSED`: the Idempotency-Key was used for another request",
        content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "ACCOUNT_FROZEN", ref = "ACCOUNT_FROZEN"), @ExampleObject(name = "ACCOUNT_CLOSED", ref = "ACCOUNT_CLOSED"), @ExampleObject(name = "INSUFFICIENT_FUNDS", ref = "INSUFFICIENT_FUNDS"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
@interface ActionResponses {
}
