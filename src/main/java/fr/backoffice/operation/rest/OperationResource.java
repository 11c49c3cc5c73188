package fr.backoffice.operation.rest;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.error.Problem;
import fr.backoffice.common.Ids;
import fr.backoffice.common.Persistence;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.http.QueryParams;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.openapi.Examples;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.time.TimeParams;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.repository.OperationRepository;
import fr.backoffice.operation.rest.OperationDtos.ActionReason;
import fr.backoffice.operation.api.NewOperation;
import fr.backoffice.operation.api.OperationView;
import fr.backoffice.operation.rest.OperationDtos.Rejection;
import fr.backoffice.operation.service.OperationActions;
import fr.backoffice.operation.service.OperationQueries;
import fr.backoffice.operation.service.OperationSubmission;
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
import java.util.function.Supplier;

@Path("/operations")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class OperationResource {

    private static final String OPERATION_ID = "019ac9d3-0b11-7d22-9c33-4d5e6f708192";
    private static final String ANY_ROLE_SCOPED = "Agents and supervisors act only on operations of their own unit.";

    private final OperationActions actions;

    private final OperationQueries operations;

    private final OperationSubmission submission;

    private final TimeSource time;

    public OperationResource(OperationActions actions, OperationQueries operations, OperationSubmission submission,
            TimeSource time) {
        this.actions = actions;
        this.operations = operations;
        this.submission = submission;
        this.time = time;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT})
    @Operation(operationId = "submitOperation", summary = "Submit an operation (front-office, agent)", description = """
            Records the operation and reserves its amount on the debit account. A TRANSFER or CASH operation of at \
            most the straight-through threshold (1000.00 by default) for today, submitted by a front-office \
            application, executes at once: the answer already says EXECUTED. Everything else waits in the unit's \
            queue for an agent; from the approval threshold (10000.00 by default) a supervisor approves it after \
            validation. What an agent submits always waits, whatever its amount, and another person validates it \
            (`FOUR_EYES_VIOLATION` for the submitter). Transfers to other banks (`creditor`) have a daily total per \
            debit account (10000.00 by default): one that would take the total of the transfers to other banks \
            received that business day (Europe/Paris) on its debit account, executed or waiting, rejected and \
            cancelled ones left out, above it waits for four eyes (`requiresApproval` true: an agent validates, a \
            supervisor approves), however small it is. A request that cannot become a valid operation gets 422 and \
            creates nothing.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewOperation.class), examples = {
            @ExampleObject(name = "internal transfer", value = Examples.NEW_TRANSFER),
            @ExampleObject(name = "external SEPA transfer", value = Examples.NEW_EXTERNAL_TRANSFER),
            @ExampleObject(name = "external SEPA transfer, the creditor's bank given", value = Examples.NEW_EXTERNAL_TRANSFER_WITH_BIC),
            @ExampleObject(name = "cheque deposit", value = Examples.NEW_CHEQUE_DEPOSIT),
            @ExampleObject(name = "fee with VAT", value = Examples.NEW_FEE)}))
    @APIResponse(responseCode = "201", description = "Recorded (or executed); `Location` names the operation. "
            + "A replay of the first answer carries `Idempotent-Replayed: true`.",
            headers = {
                    @Header(name = "ETag", description = "The operation's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
                    @Header(name = "Idempotent-Replayed", description = "`true` on a replayed answer", schema = @Schema(type = SchemaType.STRING, enumeration = "true", maxLength = 4))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OperationView.class),
                    examples = @ExampleObject(name = "executed transfer", value = Examples.OPERATION)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED` (missing or extra fields for the type, amount, "
            + "currency, missing or invalid `Idempotency-Key`), `INVALID_IBAN`, `INVALID_BIC` (`creditor.bic` is not an "
            + "ISO 9362 BIC), malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED"), @ExampleObject(name = "INVALID_IBAN", ref = "INVALID_IBAN"), @ExampleObject(name = "INVALID_BIC", ref = "INVALID_BIC")}))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN")))
    @APIResponse(responseCode = "409", description = "`IDEMPOTENCY_REQUEST_IN_FLIGHT`; `CONCURRENT_UPDATE`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT"), @ExampleObject(name = "CONCURRENT_UPDATE", ref = "CONCURRENT_UPDATE")}))
    @APIResponse(responseCode = "422", description = "`UNKNOWN_ACCOUNT` (no such account, or one of a unit the caller's roles do not reach: the same answer), `INTERNAL_ACCOUNT`, `CURRENCY_MISMATCH`, `SAME_ACCOUNT`, "
            + "`ACCOUNT_FROZEN`, `ACCOUNT_CLOSED`, `INSUFFICIENT_FUNDS`, `LIMIT_EXCEEDED` (a DENY limit of the debit account or its customer, named in `detail`), `CREDITOR_HELD_HERE`, `CHEQUE_EXPIRED`, "
            + "`CHEQUE_POSTDATED`, `EXECUTION_DATE_IN_PAST`, `EXECUTION_DATE_TOO_FAR`, `IDEMPOTENCY_KEY_REUSED`; "
            + "`NOT_SEPA`: a transfer to another bank (`creditor`) goes through SEPA, so it is in EUR, to an IBAN of a "
            + "country the SEPA scheme reaches (the EEA, and AD, AL, CH, GB, GG, GI, IM, JE, MC, MD, ME, MK, SM, VA); "
            + "`CREDITOR_BANK_UNKNOWN`: no `creditor.bic` given, and the BIC directory does not list the bank of the "
            + "creditor's IBAN (give its BIC); `AMOUNT_ABOVE_SEPA_MAXIMUM`: a transfer to another bank carries at most "
            + "999999999.99 EUR",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "UNKNOWN_ACCOUNT", ref = "UNKNOWN_ACCOUNT"), @ExampleObject(name = "INTERNAL_ACCOUNT", ref = "INTERNAL_ACCOUNT"), @ExampleObject(name = "CURRENCY_MISMATCH", ref = "CURRENCY_MISMATCH"), @ExampleObject(name = "SAME_ACCOUNT", ref = "SAME_ACCOUNT"), @ExampleObject(name = "ACCOUNT_FROZEN", ref = "ACCOUNT_FROZEN"), @ExampleObject(name = "ACCOUNT_CLOSED", ref = "ACCOUNT_CLOSED"), @ExampleObject(name = "INSUFFICIENT_FUNDS", ref = "INSUFFICIENT_FUNDS"), @ExampleObject(name = "LIMIT_EXCEEDED", ref = "LIMIT_EXCEEDED"), @ExampleObject(name = "CREDITOR_HELD_HERE", ref = "CREDITOR_HELD_HERE"), @ExampleObject(name = "CHEQUE_EXPIRED", ref = "CHEQUE_EXPIRED"), @ExampleObject(name = "CHEQUE_POSTDATED", ref = "CHEQUE_POSTDATED"), @ExampleObject(name = "EXECUTION_DATE_IN_PAST", ref = "EXECUTION_DATE_IN_PAST"), @ExampleObject(name = "EXECUTION_DATE_TOO_FAR", ref = "EXECUTION_DATE_TOO_FAR"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED"), @ExampleObject(name = "NOT_SEPA", ref = "NOT_SEPA"), @ExampleObject(name = "CREDITOR_BANK_UNKNOWN", ref = "CREDITOR_BANK_UNKNOWN"), @ExampleObject(name = "AMOUNT_ABOVE_SEPA_MAXIMUM", ref = "AMOUNT_ABOVE_SEPA_MAXIMUM")}))
    public Uni<Response> submit(@Valid @NotNull NewOperation request,
                                @Parameter(required = true, description = Examples.IDEMPOTENCY_KEY_REQUIRED, example = "3f1c9a6e-transfer-42",
                                        schema = @Schema(type = SchemaType.STRING, pattern = Limits.IDEMPOTENCY_KEY, maxLength = Limits.IDEMPOTENCY_KEY_LENGTH))
                                @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, true);
        return submission.submit(key, request).map(Reply::toResponse);
    }

    @GET
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listOperations", summary = "List operations, oldest first", description = ANY_ROLE_SCOPED)
    @APIResponse(responseCode = "200", description = "A page of operations")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: a filter or paging parameter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<Page<OperationView>> list(
            @Parameter(schema = @Schema(type = SchemaType.STRING, implementation = OperationStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(type = SchemaType.STRING, implementation = OperationType.class)) @QueryParam("type") String type,
            @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Limits.UNIT_CODE, maxLength = 6), example = "PAR-01") @QueryParam("unit") String unit,
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), description = "Operations debiting or crediting this account") @QueryParam("accountId") String accountId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 35), description = "Received at or after (timestamp, or date in the bank's zone)", example = "2026-11-01")
            @QueryParam("from") String from,
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 35), description = "Received before (timestamp), or up to the end of this date", example = "2026-11-30")
            @QueryParam("to") String to,
            @BeanParam PageRequest page) {
        UUID account = accountId == null ? null
                : Ids.parse(accountId).orElseThrow(() -> ApiException.invalidField("accountId", "is not an account id"));
        OperationRepository.Filter filter = new OperationRepository.Filter(
                QueryParams.enumValue("status", status, OperationStatus.class), QueryParams.enumValue("type", type, OperationType.class), unit, account,
                TimeParams.instant("from", from, time.businessZone()), TimeParams.endOf("to", to, time.businessZone()));
        return operations.list(filter, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getOperation", summary = "Read an operation with its history", description = ANY_ROLE_SCOPED)
    @APIResponse(responseCode = "200", description = "The operation",
            headers = @Header(name = "ETag", description = "The operation's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OperationView.class),
                    examples = @ExampleObject(name = "operation", value = Examples.OPERATION)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such operation, or not in the caller's unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<Response> get(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = OPERATION_ID) @PathParam("id") String id) {
        return operations.get(id).map(OperationResource::ok);
    }

    @POST
    @Path("/{id}/claim")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(operationId = "claimOperation", summary = "Assign a waiting operation to oneself (agent, supervisor)")
    @ActionResponses
    public Uni<Response> claim(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = OPERATION_ID) @PathParam("id") String id,
                          @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, false);
        return retried(() -> actions.claim(id, key)).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/validate")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(operationId = "validateOperation", summary = "Validate a received operation (agent, supervisor, not its submitter)",
            description = "It then waits for approval (from the approval threshold), waits for its date (SCHEDULED), or "
                    + "executes at once; at execution it is REJECTED if an account no longer allows it "
                    + "(`reasonCode` INSUFFICIENT_FUNDS, ACCOUNT_FROZEN, ACCOUNT_CLOSED). A SCHEDULED operation that an "
                    + "account refuses on its date is not rejected: it comes back RECEIVED to the unit's queue with that "
                    + "`reasonCode` (event `operation.returned`), for a person to validate again, reject or cancel.")
    @ActionResponses
    public Uni<Response> validate(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = OPERATION_ID) @PathParam("id") String id,
                             @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, false);
        return retried(() -> actions.validate(id, key)).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(operationId = "approveOperation", summary = "Approve an operation over the threshold (supervisor, neither submitter nor validator)")
    @ActionResponses
    public Uni<Response> approve(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = OPERATION_ID) @PathParam("id") String id,
                            @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, false);
        return retried(() -> actions.approve(id, key)).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(operationId = "rejectOperation", summary = "Reject an operation not executed yet, with a reason code (agent, supervisor)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Rejection.class), examples = @ExampleObject(name = "rejection", value = Examples.REJECTION)))
    @ActionResponses
    public Uni<Response> reject(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = OPERATION_ID) @PathParam("id") String id, @Valid @NotNull Rejection body,
                           @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, false);
        return retried(() -> actions.reject(id, key, body.reasonCode(), body.comment())).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.FRONT_OFFICE)
    @Operation(operationId = "cancelOperation", summary = "Cancel an operation before it executes (front-office)")
    @ActionResponses
    public Uni<Response> cancel(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = OPERATION_ID) @PathParam("id") String id,
                           @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, false);
        return retried(() -> actions.cancel(id, key)).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/reverse")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(operationId = "reverseOperation", summary = "Reverse an executed operation (supervisor)",
            description = "Creates an executed REVERSAL operation posting the mirror entries; the original becomes REVERSED "
                    + "and both link to each other (`reversedBy`, `reversalOf`). A reversal is never reversed. A correction "
                    + "is always possible: an account frozen since the operation takes its reversal (a closed account "
                    + "does not, and the account taken back from must afford it: 422 `ACCOUNT_CLOSED`, "
                    + "`INSUFFICIENT_FUNDS`). An external transfer already in a payment file has left the bank: only the "
                    + "clearing system gives its money back (409 `SENT_TO_CLEARING`; see `/payment-files`).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionReason.class), examples = @ExampleObject(name = "reason", value = Examples.REASON)))
    @ActionResponses
    public Uni<Response> reverse(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = OPERATION_ID) @PathParam("id") String id, @Valid @NotNull ActionReason body,
                            @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, false);
        return retried(() -> actions.reverse(id, key, body.reason())).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/clear")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(operationId = "clearCheque", summary = "Record that a deposited cheque was paid: its hold is released (agent, supervisor)")
    @ActionResponses
    public Uni<Response> clear(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = OPERATION_ID) @PathParam("id") String id,
                          @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, false);
        return retried(() -> actions.clear(id, key)).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/bounce")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(operationId = "bounceCheque", summary = "Record an unpaid cheque: the credit is taken back (agent, supervisor)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionReason.class),
            examples = @ExampleObject(name = "reason", value = "{ \"reason\": \"Insufficient funds on the drawer's account\" }")))
    @ActionResponses
    public Uni<Response> bounce(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = OPERATION_ID) @PathParam("id") String id, @Valid @NotNull ActionReason body,
                           @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkKey(idempotencyKey, false);
        return retried(() -> actions.bounce(id, key, body.reason())).map(Reply::toResponse);
    }

    private static Response ok(OperationView view) {
        return Reply.ok(view, view.version()).toResponse();
    }

    /** Each attempt is a new transaction; see {@link Persistence#retryOnConflict}. */
    private static <T> Uni<T> retried(Supplier<Uni<T>> attempt) {
        return Persistence.retryOnConflict(attempt);
    }

}
