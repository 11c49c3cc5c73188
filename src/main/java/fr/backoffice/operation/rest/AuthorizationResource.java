package fr.backoffice.operation.rest;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.error.Problem;
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

    private final Authorizations authorizations;

    private final AuthorizationCaptures captures;

    public AuthorizationResource(Authorizations authorizations, AuthorizationCaptures captures) {
        this.authorizations = authorizations;
        this.captures = captures;
    }

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
                    @Header(name = "ETag", description = "The authorization's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
                    @Header(name = "Idempotent-Replayed", description = "`true` on a replayed answer", schema = @Schema(type = SchemaType.STRING, enumeration = "true", maxLength = 4))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthorizationView.class),
                    examples = @ExampleObject(name = "partly captured", value = AuthorizationExamples.AUTHORIZATION)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED` (amount, currency, sides, `expiresAt` not in "
            + "the future or too far ahead, missing or invalid `Idempotency-Key`), `INVALID_IBAN`, `INVALID_BIC`, malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED"), @ExampleObject(name = "INVALID_IBAN", ref = "INVALID_IBAN"), @ExampleObject(name = "INVALID_BIC", ref = "INVALID_BIC")}))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN")))
    @APIResponse(responseCode = "409", description = "`IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")))
    @APIResponse(responseCode = "422", description = "`UNKNOWN_ACCOUNT`, `INTERNAL_ACCOUNT`, `CURRENCY_MISMATCH`, "
            + "`SAME_ACCOUNT`, `ACCOUNT_FROZEN`, `ACCOUNT_CLOSED`, `INSUFFICIENT_FUNDS` (nothing held), "
            + "`CREDITOR_HELD_HERE`, `NOT_SEPA`, `CREDITOR_BANK_UNKNOWN`, `AMOUNT_ABOVE_STRAIGHT_THROUGH`, "
            + "`IDEMPOTENCY_KEY_REUSED`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "UNKNOWN_ACCOUNT", ref = "UNKNOWN_ACCOUNT"), @ExampleObject(name = "INTERNAL_ACCOUNT", ref = "INTERNAL_ACCOUNT"), @ExampleObject(name = "CURRENCY_MISMATCH", ref = "CURRENCY_MISMATCH"), @ExampleObject(name = "SAME_ACCOUNT", ref = "SAME_ACCOUNT"), @ExampleObject(name = "ACCOUNT_FROZEN", ref = "ACCOUNT_FROZEN"), @ExampleObject(name = "ACCOUNT_CLOSED", ref = "ACCOUNT_CLOSED"), @ExampleObject(name = "INSUFFICIENT_FUNDS", ref = "INSUFFICIENT_FUNDS"), @ExampleObject(name = "CREDITOR_HELD_HERE", ref = "CREDITOR_HELD_HERE"), @ExampleObject(name = "NOT_SEPA", ref = "NOT_SEPA"), @ExampleObject(name = "CREDITOR_BANK_UNKNOWN", ref = "CREDITOR_BANK_UNKNOWN"), @ExampleObject(name = "AMOUNT_ABOVE_STRAIGHT_THROUGH", ref = "AMOUNT_ABOVE_STRAIGHT_THROUGH"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
    public Uni<Response> create(@Valid @NotNull NewAuthorization request,
                                @Parameter(required = true, description = Examples.IDEMPOTENCY_KEY_REQUIRED, example = "3f1c9a6e-authorization-7",
                                        schema = @Schema(type = SchemaType.STRING, pattern = Limits.IDEMPOTENCY_KEY, maxLength = Limits.IDEMPOTENCY_KEY_LENGTH))
                                @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, true);
        return authorizations.create(key, request).map(Reply::toResponse);
    }

    @GET
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listAuthorizations", summary = "List authorizations, oldest first",
            description = "Agents and supervisors see those of their own unit only.")
    @APIResponse(responseCode = "200", description = "A page of authorizations")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: a filter or paging parameter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<Page<AuthorizationView>> list(
            @Parameter(description = "Those reserving on this debit account", schema = @Schema(type = SchemaType.STRING, maxLength = 36)) @QueryParam("accountId") String accountId,
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
            headers = @Header(name = "ETag", description = "The authorization's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthorizationView.class),
                    examples = @ExampleObject(name = "partly captured", value = AuthorizationExamples.AUTHORIZATION)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such authorization, or not in the caller's unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<Response> get(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = AUTHORIZATION_ID) @PathParam("id") String id) {
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
                    @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
                    @Header(name = "Idempotent-Replayed", description = "`true` on a replayed answer", schema = @Schema(type = SchemaType.STRING, enumeration = "true", maxLength = 4))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthorizationView.class),
                    examples = @ExampleObject(name = "partly captured", value = AuthorizationExamples.AUTHORIZATION)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: amount, `Idempotency-Key`; malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN")))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such authorization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = ACTION_409,
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "AUTHORIZATION_EXPIRED", ref = "AUTHORIZATION_EXPIRED"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "422", description = "`CAPTURE_EXCEEDS_AUTHORIZATION`: the captures would book more "
            + "than `captureLimit`; `TOO_MANY_CAPTURES`; `ACCOUNT_FROZEN`, `ACCOUNT_CLOSED`, `INSUFFICIENT_FUNDS` "
            + "(an over-capture the account cannot afford); `CAPTURE_NEEDS_APPROVAL`: a transfer to another bank over "
            + "the day's four-eyes total; `IDEMPOTENCY_KEY_REUSED`. Nothing is booked.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "CAPTURE_EXCEEDS_AUTHORIZATION", ref = "CAPTURE_EXCEEDS_AUTHORIZATION"), @ExampleObject(name = "TOO_MANY_CAPTURES", ref = "TOO_MANY_CAPTURES"), @ExampleObject(name = "ACCOUNT_FROZEN", ref = "ACCOUNT_FROZEN"), @ExampleObject(name = "ACCOUNT_CLOSED", ref = "ACCOUNT_CLOSED"), @ExampleObject(name = "INSUFFICIENT_FUNDS", ref = "INSUFFICIENT_FUNDS"), @ExampleObject(name = "CAPTURE_NEEDS_APPROVAL", ref = "CAPTURE_NEEDS_APPROVAL"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
    public Uni<Response> capture(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = AUTHORIZATION_ID) @PathParam("id") String id,
                                 @Valid @NotNull NewCapture request,
                                 @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
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
                    @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
                    @Header(name = "Idempotent-Replayed", description = "`true` on a replayed answer", schema = @Schema(type = SchemaType.STRING, enumeration = "true", maxLength = 4))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthorizationView.class),
                    examples = @ExampleObject(name = "partly captured", value = AuthorizationExamples.AUTHORIZATION)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: `Idempotency-Key`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN")))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such authorization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = ACTION_409,
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "AUTHORIZATION_EXPIRED", ref = "AUTHORIZATION_EXPIRED"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    public Uni<Response> voidIt(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = AUTHORIZATION_ID) @PathParam("id") String id,
                                @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, false);
        return authorizations.voidIt(id, key).map(Reply::toResponse);
    }
}
