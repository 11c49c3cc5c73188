package fr.backoffice.account.rest;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.error.Problem;
import fr.backoffice.account.Account;
import fr.backoffice.account.AccountStatus;
import fr.backoffice.account.AccountType;
import fr.backoffice.account.repository.AccountRepository;
import fr.backoffice.account.api.AccountChange;
import fr.backoffice.account.api.AccountLimitView;
import fr.backoffice.account.api.LimitChange;
import fr.backoffice.account.service.AccountLimits;
import fr.backoffice.account.api.AccountView;
import fr.backoffice.account.api.NewAccount;
import fr.backoffice.account.rest.AccountDtos.Reason;
import fr.backoffice.account.rest.AccountDtos.RequiredReason;
import fr.backoffice.account.service.AccountOpening;
import fr.backoffice.account.service.AccountService;
import fr.backoffice.common.http.QueryParams;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.openapi.Examples;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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


@Path("/accounts")
@Tag(name = "Accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private static final String ACCOUNT_ID = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70";
    private static final String LIMITS_EXAMPLE = """
            { "items": [ { "id": "EXTERNAL_TRANSFERS_PER_DAY", "scope": "ACCOUNT", "kind": "AMOUNT", "window": "DAY",
              "operationTypes": ["EXTERNAL_TRANSFER"], "limit": "10000.00", "used": "2500.00", "remaining": "7500.00",
              "onExceed": "REVIEW", "defaultLimit": "10000.00", "overridden": false, "pendingLimit": null, "pendingBy": null } ] }""";

    private final AccountService accounts;

    private final AccountOpening opening;

    private final AccountLimits limits;

    public AccountResource(AccountService accounts, AccountOpening opening, AccountLimits limits) {
        this.accounts = accounts;
        this.opening = opening;
        this.limits = limits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.ADMIN})
    @Operation(operationId = "openAccount", summary = "Open an account (front-office, admin; INTERNAL accounts: admin only)",
            description = "The IBAN is generated (French, `FR76`, bank code, the unit's branch code, account number, RIB key) "
                    + "unless one is given, in which case it is validated and must be unique. No opening grants a credit "
                    + "line: the overdraft limit is at most the bank's default (0.00 unless the bank sets another; a "
                    + "CURRENT account opens with it when none is given), whoever opens; a supervisor raises it on the open "
                    + "account with `PATCH /accounts/{id}`.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewAccount.class), examples = @ExampleObject(name = "current account", value = Examples.NEW_ACCOUNT)))
    @APIResponse(responseCode = "201", description = "Opened; `Location` names the account",
            headers = @Header(name = "ETag", description = "The account's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class),
                    examples = @ExampleObject(name = "account", value = Examples.ACCOUNT)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED` (bad currency, amount...), `INVALID_IBAN`, malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED"), @ExampleObject(name = "INVALID_IBAN", ref = "INVALID_IBAN")}))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role, or INTERNAL requested by a non-admin; "
            + "`OVERDRAFT_NEEDS_SUPERVISOR`: an overdraft limit above the bank's default, which only a supervisor grants, "
            + "on the open account (`PATCH /accounts/{id}` with `overdraftLimit`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN"), @ExampleObject(name = "OVERDRAFT_NEEDS_SUPERVISOR", ref = "OVERDRAFT_NEEDS_SUPERVISOR")}))
    @APIResponse(responseCode = "409", description = "`IBAN_EXISTS`; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "IBAN_EXISTS", ref = "IBAN_EXISTS"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "422", description = "`UNKNOWN_UNIT`; `OVERDRAFT_NOT_ALLOWED` (SAVINGS with a limit, INTERNAL with any); `IDEMPOTENCY_KEY_REUSED`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "UNKNOWN_UNIT", ref = "UNKNOWN_UNIT"), @ExampleObject(name = "OVERDRAFT_NOT_ALLOWED", ref = "OVERDRAFT_NOT_ALLOWED"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
    public Uni<Response> open(@Valid @NotNull NewAccount request,
                              @Parameter(ref = "Idempotency-Key")
                              @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return opening.open(Idempotency.checkKey(idempotencyKey, false), request).map(Reply::toResponse);
    }

    @GET
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listAccounts", summary = "List accounts, oldest first",
            description = "Agents and supervisors see only the accounts of their own unit.")
    @APIResponse(responseCode = "200", description = "A page of accounts")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: a filter or paging parameter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<Page<AccountView>> list(
            @Parameter(schema = @Schema(type = SchemaType.STRING, implementation = AccountStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Limits.UNIT_CODE, maxLength = 6), example = "PAR-01") @QueryParam("unit") String unit,
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 64), example = "C-000123") @QueryParam("customerId") String customerId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, implementation = AccountType.class)) @QueryParam("type") String type,
            @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Limits.CURRENCY, maxLength = 3), example = "EUR") @QueryParam("currency") String currency,
            @BeanParam PageRequest page) {
        AccountRepository.Filter filter = new AccountRepository.Filter(
                QueryParams.enumValue("status", status, AccountStatus.class), unit, customerId,
                QueryParams.enumValue("type", type, AccountType.class),
                currency == null ? null : Money.currency("currency", currency).getCurrencyCode());
        return accounts.list(filter, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getAccount", summary = "Read an account, with its balances and ETag")
    @APIResponse(responseCode = "200", description = "The account",
            headers = @Header(name = "ETag", description = "The account's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class),
                    examples = @ExampleObject(name = "account", value = Examples.ACCOUNT)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such account, or not in the caller's unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<Response> get(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("id") String id) {
        return accounts.get(id).map(AccountResource::ok);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(operationId = "updateAccount", summary = "Change the holder's name (agent, supervisor) or the overdraft limit (supervisor)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AccountChange.class), examples = @ExampleObject(name = "change", value = Examples.ACCOUNT_PATCH)))
    @APIResponse(responseCode = "200", description = "The changed account",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role (an agent changing the overdraft limit), or an account not of the caller's unit (for a caller confined to a unit, also one that does not exist)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN")))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`CONCURRENT_UPDATE`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "CONCURRENT_UPDATE", ref = "CONCURRENT_UPDATE")))
    @APIResponse(responseCode = "412", description = "`PRECONDITION_FAILED`: `If-Match` names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_FAILED", ref = "PRECONDITION_FAILED")))
    @APIResponse(responseCode = "422", description = "`ACCOUNT_CLOSED`; `OVERDRAFT_NOT_ALLOWED`; `OVERDRAFT_IN_USE`: the account already uses more overdraft than the new limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "ACCOUNT_CLOSED", ref = "ACCOUNT_CLOSED"), @ExampleObject(name = "OVERDRAFT_NOT_ALLOWED", ref = "OVERDRAFT_NOT_ALLOWED"), @ExampleObject(name = "OVERDRAFT_IN_USE", ref = "OVERDRAFT_IN_USE")}))
    @APIResponse(responseCode = "428", description = "`PRECONDITION_REQUIRED`: no `If-Match` header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_REQUIRED", ref = "PRECONDITION_REQUIRED")))
    public Uni<Response> update(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("id") String id,
                                @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Valid @NotNull AccountChange change) {
        return accounts.change(id, ifMatch, change).map(AccountResource::ok);
    }

    @GET
    @Path("/{id}/limits")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listAccountLimits", summary = "The account's limits, with what the current window used and what remains",
            description = "Each limit of the account and of its customer (scope CUSTOMER: every account of its "
                    + "`customerId`), the default of the account's type or a supervisor's override; `used` counts the "
                    + "debits of its kinds received in the current calendar day or month in the bank's time zone, "
                    + "executed or waiting, except rejected and cancelled ones. None for an internal account.")
    @APIResponse(responseCode = "200", description = "The limits",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountLimitView.Page.class),
                    examples = @ExampleObject(name = "limits", value = LIMITS_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such account, or not in the caller's unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<AccountLimitView.Page> limits(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("id") String id) {
        return limits.list(id);
    }

    @GET
    @Path("/{id}/limits/{limitId}")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getAccountLimit", summary = "One limit of the account, with its ETag")
    @APIResponse(responseCode = "200", description = "The limit",
            headers = @Header(name = "ETag", description = "The limit's version (its override's)", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountLimitView.class)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such account or limit, or an account not in the caller's unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<Response> limit(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("id") String id,
                               @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 64), example = "EXTERNAL_TRANSFERS_PER_DAY") @PathParam("limitId") String limitId) {
        return limits.get(id, limitId).map(Reply::toResponse);
    }

    @PUT
    @Path("/{id}/limits/{limitId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(operationId = "setAccountLimit", summary = "Override a limit of the account or of its customer (supervisor; four eyes to raise)",
            description = "A value at most the one in force applies at once (`200`, event `account.limit-changed`). A higher "
                    + "one waits (`202`, `pendingLimit`, event `account.limit-raise-requested`) until another supervisor sends "
                    + "the same value with the new ETag; the supervisor who asked confirming it is `403 FOUR_EYES_VIOLATION`. "
                    + "A CUSTOMER limit is set for every account of the account's customer.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LimitChange.class), examples = @ExampleObject(name = "raise", value = "{ \"limit\": \"20000.00\" }")))
    @APIResponse(responseCode = "200", description = "The limit in force",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountLimitView.class)))
    @APIResponse(responseCode = "202", description = "A raise, waiting for another supervisor",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountLimitView.class)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: not an amount of the account's currency, or not a whole number for a COUNT limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: not a supervisor, or an account not of the caller's unit; "
            + "`FOUR_EYES_VIOLATION`: confirming one's own raise",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN"), @ExampleObject(name = "FOUR_EYES_VIOLATION", ref = "FOUR_EYES_VIOLATION")}))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "412", description = "`PRECONDITION_FAILED`: `If-Match` names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_FAILED", ref = "PRECONDITION_FAILED")))
    @APIResponse(responseCode = "428", description = "`PRECONDITION_REQUIRED`: no `If-Match` header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_REQUIRED", ref = "PRECONDITION_REQUIRED")))
    public Uni<Response> setLimit(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("id") String id,
                                  @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 64), example = "EXTERNAL_TRANSFERS_PER_DAY") @PathParam("limitId") String limitId,
                                  @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @Valid @NotNull LimitChange change) {
        return limits.set(id, limitId, ifMatch, change).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/freeze")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(operationId = "freezeAccount", summary = "Freeze an active account: no new debit or credit (agent, supervisor)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RequiredReason.class), examples = @ExampleObject(name = "freeze", value = Examples.FREEZE)))
    @StatusActionResponses
    public Uni<Response> freeze(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("id") String id,
                                @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                                @Valid @NotNull RequiredReason body) {
        return accounts.freeze(id, ifMatch, Idempotency.checkKey(idempotencyKey, false), body.reason()).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/unfreeze")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(operationId = "unfreezeAccount", summary = "Unfreeze a frozen account (supervisor)")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Reason.class),
            examples = @ExampleObject(name = "unfreeze", value = "{ \"reason\": \"Customer identity confirmed\" }")))
    @StatusActionResponses
    public Uni<Response> unfreeze(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("id") String id,
                                  @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                                  @Valid Reason body) {
        return accounts.unfreeze(id, ifMatch, Idempotency.checkKey(idempotencyKey, false), body == null ? null : body.reason()).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(operationId = "closeAccount", summary = "Close an active account whose balance and holds are zero (agent, supervisor)")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Reason.class),
            examples = @ExampleObject(name = "close", value = "{ \"reason\": \"Customer request\" }")))
    @StatusActionResponses
    public Uni<Response> close(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("id") String id,
                               @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                               @Valid Reason body) {
        return accounts.close(id, ifMatch, Idempotency.checkKey(idempotencyKey, false), body == null ? null : body.reason()).map(Reply::toResponse);
    }

    private static Response ok(Account account) {
        return Reply.ok(AccountView.of(account), account.version).toResponse();
    }

}
