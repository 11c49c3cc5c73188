package fr.backoffice.account.rest;

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
                @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "Idempotent-Replayed", description = "`true` when this is the stored answer to an earlier "
                        + "request with the same Idempotency-Key", schema = @Schema(type = SchemaType.STRING))},
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)))
@APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role, or an account not of the caller's unit (for a caller confined to a unit, also one that does not exist)")
@APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such account (to a caller who reaches every unit)")
@APIResponse(responseCode = "409", description = "`INVALID_TRANSITION`: not allowed from the account's status; "
        + "`IDEMPOTENCY_REQUEST_IN_FLIGHT`")
@APIResponse(responseCode = "412", description = "`PRECONDITION_FAILED`: an `If-Match` header names an older version")
@APIResponse(responseCode = "422", description = "`ACCOUNT_NOT_EMPTY` (close): the balance or the held amount is not zero; "
        + "`UNSETTLED_EXTERNAL_TRANSFER` (close): the account sent a transfer to another bank that the clearing system "
        + "has not settled yet (waiting for a payment file, or in one not yet accepted), which may still come back; "
        + "`IDEMPOTENCY_KEY_REUSED`: the Idempotency-Key was used for another request")
@interface StatusActionResponses {
}
