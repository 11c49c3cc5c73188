package fr.backoffice.operation.rest;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.error.Problem;
import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.http.RateLimits;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.openapi.Examples;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.operation.api.NewOperationBatch;
import fr.backoffice.operation.api.OperationBatchView;
import fr.backoffice.operation.service.OperationBatches;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
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
import jakarta.ws.rs.core.Context;
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

/** Many operations in one request (docs/operations-and-ledger.md "Operation batches"). */
@Path("/operation-batches")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class OperationBatchResource {

    private static final String BATCH_ID = "019ac9d3-2c41-7d22-9c33-4d5e6f708193";
    private static final String NEW_BATCH = """
            {"mode": "INDEPENDENT", "operations": [
              {"key": "rent-2026-11-A12", "type": "TRANSFER", "amount": "850.00", "currency": "EUR",
               "debitAccountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
               "creditAccountId": "019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81", "label": "Rent November"},
              {"key": "fee-2026-11-A12", "type": "FEE", "amount": "12.00", "currency": "EUR",
               "debitAccountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70", "vatRate": "20"}]}""";
    private static final String DONE_BATCH = """
            {"id": "019ac9d3-2c41-7d22-9c33-4d5e6f708193", "mode": "INDEPENDENT", "status": "DONE",
             "operationCount": 2, "bookedCount": 1, "refusedCount": 1, "createdAt": "2026-11-30T09:15:00Z",
             "completedAt": "2026-11-30T09:15:00.120Z",
             "results": [
               {"key": "rent-2026-11-A12", "status": "CREATED", "operation": """ + Examples.OPERATION + """
            },
               {"key": "fee-2026-11-A12", "status": "REFUSED",
                "problem": {"type": "https://backoffice.example/problems/insufficient-funds",
                            "title": "Insufficient funds", "status": 422, "code": "INSUFFICIENT_FUNDS",
                            "detail": "The available balance of the account in debitAccountId is too low.",
                            "instance": "/operation-batches"}}],
             "nextCursor": null}""";

    private final OperationBatches batches;

    private final RateLimits rateLimits;

    private final Caller caller;

    public OperationBatchResource(OperationBatches batches, RateLimits rateLimits, Caller caller) {
        this.batches = batches;
        this.rateLimits = rateLimits;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FRONT_OFFICE)
    @Operation(operationId = "submitOperationBatch", summary = "Submit many operations at once (front-office)", description = """
            Each operation is read, checked and booked as `POST /operations` would (straight through, or into its \
            unit's queue), with its own idempotency key (`key`, in the namespace of `POST /operations`' \
            `Idempotency-Key`). `ATOMIC`: all are booked or none; the refused one says why, the others are \
            `NOT_BOOKED`; an operation whose key was already used refuses an ATOMIC batch too (`OPERATION_KEY_ALREADY_USED` \
            in its result). `INDEPENDENT`: each is \
            booked or refused on its own. Up to 100 operations (`backoffice.submissions.batch-answer-at-once`) the \
            answer is 200 with a result per operation, in the order sent; a larger batch is checked, answered 202, \
            booked in the background, and announced by an `operation-batch.completed` event: read its results with \
            `GET /operation-batches/{id}`. The batch counts as one write per operation against the rate limit. The \
            batch's `Idempotency-Key` makes the whole request safe to retry: a retry answers the same batch.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewOperationBatch.class),
            examples = @ExampleObject(name = "two operations, each on its own", value = NEW_BATCH)))
    @APIResponse(responseCode = "200", description = "Booked: a result per operation, in the order sent. A replay of a "
            + "batch already done carries `Idempotent-Replayed: true` (and its first page of results).",
            headers = @Header(name = "Idempotent-Replayed", description = "`true` on a replayed answer",
                    schema = @Schema(type = SchemaType.STRING, enumeration = "true", maxLength = 4)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OperationBatchView.class),
                    examples = @ExampleObject(name = "one booked, one refused", value = DONE_BATCH)))
    @APIResponse(responseCode = "202", description = "Accepted, `RUNNING`: poll `Location` (`GET /operation-batches/{id}`) "
            + "or wait for the `operation-batch.completed` event",
            headers = @Header(name = "Location", description = "The batch", schema = @Schema(type = SchemaType.STRING, format = "uri", maxLength = 2048)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OperationBatchView.class)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: no or too many operations, an operation's "
            + "`key` missing, malformed or given twice, a field of an operation malformed, missing or invalid "
            + "`Idempotency-Key`; malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN")))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`: the batch's key was used for another batch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    @APIResponse(responseCode = "503", description = "`SERVICE_UNAVAILABLE`: the database cannot serve now; retry after "
            + "`Retry-After` with the same key",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "SERVICE_UNAVAILABLE", ref = "SERVICE_UNAVAILABLE")))
    public Uni<Response> submit(@Valid @NotNull NewOperationBatch request,
                                @Parameter(required = true, description = Examples.IDEMPOTENCY_KEY_REQUIRED, example = "3f1c9a6e-batch-2026-11-30",
                                        schema = @Schema(type = SchemaType.STRING, pattern = Limits.IDEMPOTENCY_KEY, maxLength = Limits.IDEMPOTENCY_KEY_LENGTH))
                                @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                                @Context RoutingContext context) {
        String key = Idempotency.checkKey(idempotencyKey, true);
        rateLimits.drawWrites(context, caller.id(), request.operations().size());
        return batches.submit(key, request).map(Reply::toResponse);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getOperationBatch", summary = "A batch of operations and a page of its results", description = """
            A front-office application reads the batches it submitted; auditors and admins read every batch. \
            `results` is absent while the batch is `RUNNING`; then a page of them, in the order sent.""")
    @APIResponse(responseCode = "200", description = "The batch",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OperationBatchView.class),
                    examples = @ExampleObject(name = "done", value = DONE_BATCH)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: `limit` or `after` invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN")))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such batch, or one another application submitted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<OperationBatchView> get(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = BATCH_ID) @PathParam("id") String id, @BeanParam PageRequest page) {
        return batches.get(Ids.parse(id).orElseThrow(() -> ApiException.notFound("Operation batch " + id)), page);
    }
}
