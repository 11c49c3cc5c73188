package fr.backoffice.account.rest;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.error.Problem;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import fr.backoffice.account.api.AccountView;
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

/** The answers shared by freeze, unfreeze and close. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@APIResponse(responseCode = "200", description = "The account in its new status",
        headers = {
                @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
                @Header(name = "Idempotent-Replayed", description = "`true` when this is the stored answer to an earlier "
                        + "request with the same Idempotency-Key", schema = @Schema(type = SchemaType.STRING, enumeration = "true", maxLength = 4))},
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)))
@APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role, or an account not of the caller's unit (for a caller confined to a unit, also one that does not exist)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN")))
@APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such account (to a caller who reaches every unit)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
@APIResponse(responseCode = "409", description = "`INVALID_TRANSITION`: not allowed from the account's status; "
        + "`IDEMPOTENCY_REQUEST_IN_FLIGHT`",
        content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
@APIResponse(responseCode = "412", description = "`PRECONDITION_FAILED`: an `If-Match` header names an older version",
        content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_FAILED", ref = "PRECONDITION_FAILED")))
@APIResponse(responseCode = "422", description = "`ACCOUNT_NOT_EMPTY` (close): the balance or the held amount is not zero; "
        + "`UNSETTLED_EXTERNAL_TRANSFER` (close): the account sent a transfer to another bank that the clearing system "
        + "has not settled yet (waiting for a payment file, or in one not yet accepted), which may still come back; "
        + "`IDEMPOTENCY_KEY_REUSED`: the Idempotency-Key was used for another request",
        content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "ACCOUNT_NOT_EMPTY", ref = "ACCOUNT_NOT_EMPTY"), @ExampleObject(name = "UNSETTLED_EXTERNAL_TRANSFER", ref = "UNSETTLED_EXTERNAL_TRANSFER"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
@interface StatusActionResponses {
}
