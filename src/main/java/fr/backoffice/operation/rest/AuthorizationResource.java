package fr.backoffice.operation.rest;

import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.http.QueryParams;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.openapi.Examples;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import fr.backoffice.operation.AuthorizationStatus;
import fr.backoffice.operation.api.AuthorizationView;
import fr.backoffice.operation.api.NewAuthorization;
import fr.backoffice.operation.api.NewCapture;
import fr.backoffice.operation.repository.AuthorizationRepository;
import fr.backoffice.operation.service.AuthorizationCaptures;
import fr.backoffice.operation.service.Authorizations;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Authorizations: reserve, capture, void (docs/operations-and-ledger.md "Authorizations"). */
@Path("/authorizations")
@Tag(name = "Authorizations")
@Produces(MediaType.APPLICATION_JSON)
public class AuthorizationResource {

    private static final String AUTHORIZATION_ID = "019ac9d3-4c21-7d22-9c33-4d5e6f708193";
    private static final String ACTION_409 = "`INVALID_TRANSITION`: the authorization is no longer AUTHORIZED (the "
            + "detail names its status: CAPTURED, VOIDED or EXPIRED; a capture, a void and the expiry racing: one wins, "
            + "the others get this); `AUTHORIZATION_EXPIRED`: its `expiresAt` has passed (the service releases it); "
            + "`IDEMPOTENCY_REQUEST_IN_FLIGHT`";

    @Inject
    Authorizations authorizations;

    @Inject
    AuthorizationCaptures captures;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FRONT_OFFICE)
    @Operation(operationId = "createAuthorization", summary = "Reserve an amount on an account, to capture later (front-office)",
            description = """
                    The amount is held on the debit account at once: its available balance drops, its ledger balance \
                    does not, and nothing is booked until a capture. Refused like a transfer's submission when the \
                    account cannot afford it (its available balance may not go below minus its overdraft limit), is \
                    frozen or closed. The captures execute at once, so the amount (with the over-capture tolerance) \
                    may not exceed the straight-through threshold (1000.00 by default). Expires at `expiresAt` \
                    (default 7 days, at most 30 days ahead): the service then releases what was not captured.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewAuthorization.class), examples = {
            @ExampleObject(name = "to an account of ours", value = AuthorizationExamples.NEW_AUTHORIZATION),
            @ExampleObject(name = "to another bank (SEPA)", value = AuthorizationExamples.NEW_EXTERNAL_AUTHORIZATION)}))
    @APIResponse(responseCode = "201", description = "Reserved; `Location` names the authorization. A replay of the "
            + "first answer carries `Idempotent-Replayed: true`.",
            headers = {
                    @Header(name = "ETag", description = "The authorization's version", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Idempotent-Replayed", description = "`true` on a replayed answer", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthorizationView.class),
                    examples = @ExampleObject(name = "partly captured", value = AuthorizationExamples.AUTHORIZATION)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED` (amount, currency, sides, `expiresAt` not in "
            + "the future or too far ahead, missing or invalid `Idempotency-Key`), `INVALID_IBAN`, `INVALID_BIC`, malformed body")
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role")
    @APIResponse(responseCode = "409", description = "`IDEMPOTENCY_REQUEST_IN_FLIGHT`")
    @APIResponse(responseCode = "422", description = "`UNKNOWN_ACCOUNT`, `INTERNAL_ACCOUNT`, `CURRENCY_MISMATCH`, "
            + "`SAME_ACCOUNT`, `ACCOUNT_FROZEN`, `ACCOUNT_CLOSED`, `INSUFFICIENT_FUNDS` (nothing held), "
            + "`CREDITOR_HELD_HERE`, `NOT_SEPA`, `CREDITOR_BANK_UNKNOWN`, `AMOUNT_ABOVE_STRAIGHT_THROUGH`, "
            + "`IDEMPOTENCY_KEY_REUSED`")
    public Uni<Response> create(@Valid @NotNull NewAuthorization request,
                                @Parameter(required = true, description = Examples.IDEMPOTENCY_KEY_REQUIRED,
                                        example = "3f1c9a6e-authorization-7")
                                @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, true);
        return authorizations.create(key, request).map(Reply::toResponse);
    }

    @GET
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listAuthorizations", summary = "List authorizations, oldest first",
            description = "Agents and supervisors see those of their own unit only.")
    @APIResponse(responseCode = "200", description = "A page of authorizations")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: a filter or paging parameter is invalid")
    public Uni<Page<AuthorizationView>> list(
            @Parameter(description = "Those reserving on this debit account") @QueryParam("accountId") String accountId,
            @Parameter(schema = @Schema(implementation = AuthorizationStatus.class)) @QueryParam("status") String status,
            @BeanParam PageRequest page) {
        UUID account = accountId == null ? null
                : Ids.parse(accountId).orElseThrow(() -> ApiException.invalidField("accountId", "is not an account id"));
        return authorizations.list(new AuthorizationRepository.Filter(account,
                QueryParams.enumValue("status", status, AuthorizationStatus.class), null), page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getAuthorization", summary = "Read an authorization with its captures",
            description = "Agents and supervisors read those of their own unit only.")
    @APIResponse(responseCode = "200", description = "The authorization",
            headers = @Header(name = "ETag", description = "The authorization's version", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthorizationView.class),
                    examples = @ExampleObject(name = "partly captured", value = AuthorizationExamples.AUTHORIZATION)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such authorization, or not in the caller's unit")
    public Uni<Response> get(@Parameter(example = AUTHORIZATION_ID) @PathParam("id") String id) {
        return authorizations.get(id).map(view -> Reply.ok(view, view.version()).toResponse());
    }

    @POST
    @Path("/{id}/capture")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FRONT_OFFICE)
    @Operation(operationId = "captureAuthorization", summary = "Book all or part of an authorization (front-office)",
            description = """
                    Books `amount` as an executed TRANSFER between the authorization's sides (`GET /operations/{id}` \
                    with the id last added to `captures`) and releases as much of the reservation. Several partial \
                    captures may follow one another; the one that reaches the amount makes it CAPTURED. The captures \
                    together may book up to `captureLimit` (the amount plus the over-capture tolerance, 0 % by \
                    default): beyond, 422 and nothing is booked.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewCapture.class),
            examples = @ExampleObject(name = "partial capture", value = AuthorizationExamples.NEW_CAPTURE)))
    @APIResponse(responseCode = "200", description = "The authorization as it now stands",
            headers = {
                    @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Idempotent-Replayed", description = "`true` on a replayed answer", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthorizationView.class),
                    examples = @ExampleObject(name = "partly captured", value = AuthorizationExamples.AUTHORIZATION)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: amount, `Idempotency-Key`; malformed body")
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role")
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such authorization")
    @APIResponse(responseCode = "409", description = ACTION_409)
    @APIResponse(responseCode = "422", description = "`CAPTURE_EXCEEDS_AUTHORIZATION`: the captures would book more "
            + "than `captureLimit`; `TOO_MANY_CAPTURES`; `ACCOUNT_FROZEN`, `ACCOUNT_CLOSED`, `INSUFFICIENT_FUNDS` "
            + "(an over-capture the account cannot afford); `CAPTURE_NEEDS_APPROVAL`: a transfer to another bank over "
            + "the day's four-eyes total; `IDEMPOTENCY_KEY_REUSED`. Nothing is booked.")
    public Uni<Response> capture(@Parameter(example = AUTHORIZATION_ID) @PathParam("id") String id,
                                 @Valid @NotNull NewCapture request,
                                 @Parameter(description = Examples.IDEMPOTENCY_KEY_OPTIONAL) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, false);
        return captures.capture(id, key, request).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/void")
    @RolesAllowed(Roles.FRONT_OFFICE)
    @Operation(operationId = "voidAuthorization", summary = "Release what remains of an authorization (front-office)",
            description = "What was not captured is released at once (status VOIDED); the captures stay booked.")
    @APIResponse(responseCode = "200", description = "The authorization as it now stands",
            headers = {
                    @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Idempotent-Replayed", description = "`true` on a replayed answer", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthorizationView.class),
                    examples = @ExampleObject(name = "partly captured", value = AuthorizationExamples.AUTHORIZATION)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: `Idempotency-Key`")
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role")
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such authorization")
    @APIResponse(responseCode = "409", description = ACTION_409)
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`")
    public Uni<Response> voidIt(@Parameter(example = AUTHORIZATION_ID) @PathParam("id") String id,
                                @Parameter(description = Examples.IDEMPOTENCY_KEY_OPTIONAL) @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, false);
        return authorizations.voidIt(id, key).map(Reply::toResponse);
    }
}
