package fr.backoffice.reconciliation.rest;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.error.Problem;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.openapi.Examples;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import fr.backoffice.reconciliation.api.ExpectedPaymentView;
import fr.backoffice.reconciliation.api.NewExpectedPayment;
import fr.backoffice.reconciliation.service.ExpectedPaymentBook;
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

/** What customer accounts expect to receive, matched to the credits that arrive (accounts-receivable reconciliation). */
@Path("/expected-payments")
@Tag(name = "Reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ExpectedPaymentResource {

    private static final String EXPECTED_PAYMENT_ID = "019ad8a3-4c5d-7e6f-8a9b-0c1d2e3f4a5b";

    private final ExpectedPaymentBook book;

    public ExpectedPaymentResource(ExpectedPaymentBook book) {
        this.book = book;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.ADMIN})
    @Operation(operationId = "registerExpectedPayment", summary = "Register a payment a customer account expects to receive (front-office, admin)",
            description = "An exact `amount` or a `range`, a window of value dates (`from`, `to`, at most "
                    + "366 days, not past), optionally a `reference` (found in the credit's EndToEndId, reference or label) "
                    + "and a `counterparty` (the payer's name, case aside, and/or IBAN). OPEN until an incoming SEPA credit "
                    + "or an internal transfer to the account fits it, as that credit is booked (MATCHED with its `operationId`, event "
                    + "`expected-payment.matched`), or its window passes (OVERDUE, event `expected-payment.overdue`). A "
                    + "credit matches one expected payment at most, the oldest first. Event `expected-payment.registered`.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewExpectedPayment.class), examples = {
            @ExampleObject(name = "an exact amount", value = ReconciliationExamples.EXPECTED_EXACT),
            @ExampleObject(name = "a range", value = ReconciliationExamples.EXPECTED_RANGE)}))
    @APIResponse(responseCode = "201", description = "Registered, OPEN; `Location` names it",
            headers = @Header(name = "ETag", description = "Its version", schema = @Schema(type = SchemaType.STRING, maxLength = 24)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExpectedPaymentView.class)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: a field missing or malformed, both or neither of "
            + "`amount` and `range`, `range.max` below `range.min`, `to` before `from`, past or too far, a counterparty "
            + "without name or IBAN, an invalid IBAN, no `Idempotency-Key`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "409", description = "`IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")))
    @APIResponse(responseCode = "422", description = "`UNKNOWN_ACCOUNT`: no customer account has this id; `ACCOUNT_CLOSED`; "
            + "`CURRENCY_MISMATCH`: not the account's currency; `IDEMPOTENCY_KEY_REUSED`. Nothing was registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "UNKNOWN_ACCOUNT", ref = "UNKNOWN_ACCOUNT"), @ExampleObject(name = "ACCOUNT_CLOSED", ref = "ACCOUNT_CLOSED"), @ExampleObject(name = "CURRENCY_MISMATCH", ref = "CURRENCY_MISMATCH"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
    public Uni<Response> register(@Valid @NotNull NewExpectedPayment body,
                                  @Parameter(required = true, description = Examples.IDEMPOTENCY_KEY_REQUIRED, example = "expect-invoice-2026-0042",
                                          schema = @Schema(type = SchemaType.STRING, pattern = Limits.IDEMPOTENCY_KEY, maxLength = Limits.IDEMPOTENCY_KEY_LENGTH))
                                  @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return book.register(body, Idempotency.checkKey(idempotencyKey, true)).map(Reply::toResponse);
    }

    @GET
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.RECONCILIATION, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listExpectedPayments", summary = "Expected payments, oldest first (front-office, reconciliation, auditor, admin)")
    @APIResponse(responseCode = "200", description = "A page of expected payments")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `accountId`, `status`, `limit` or `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<Page<ExpectedPaymentView>> list(
            @Parameter(description = "Only this account's", schema = @Schema(type = SchemaType.STRING, format = "uuid", maxLength = 36))
            @QueryParam("accountId") String accountId,
            @Parameter(description = "OPEN, MATCHED or OVERDUE",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"OPEN", "MATCHED", "OVERDUE"})) @QueryParam("status") String status,
            @BeanParam PageRequest page) {
        return book.list(accountId, status, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.RECONCILIATION, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getExpectedPayment", summary = "An expected payment (front-office, reconciliation, auditor, admin)")
    @APIResponse(responseCode = "200", description = "The expected payment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExpectedPaymentView.class)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such expected payment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<ExpectedPaymentView> get(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = EXPECTED_PAYMENT_ID) @PathParam("id") String id) {
        return book.get(id);
    }
}
