package fr.backoffice.reconciliation.rest;

import fr.backoffice.common.error.Problem;
import fr.backoffice.clearing.iso20022.IncomingMessages;
import fr.backoffice.clearing.iso20022.IsoXmlReader;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.openapi.Examples;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.reconciliation.api.ExceptionView;
import fr.backoffice.reconciliation.api.ReportView;
import fr.backoffice.reconciliation.api.Resolve;
import fr.backoffice.reconciliation.api.StatementLoaded;
import fr.backoffice.reconciliation.api.StatementView;
import fr.backoffice.reconciliation.iso20022.CamtStatement;
import fr.backoffice.reconciliation.service.DailyReports;
import fr.backoffice.reconciliation.service.ExceptionQueue;
import fr.backoffice.reconciliation.service.StatementImport;
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

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;


/** The settlement bank's statements of our accounts, matched to the ledger, and the queue of what did not match. */
@Path("/reconciliation")
@Tag(name = "Reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private static final String XML = "application/xml";
    private static final String STATEMENT_ID = "019ad8a1-c2e4-7d3a-9f0b-1c2d3e4f5a6b";
    private static final String EXCEPTION_ID = "019ad8a2-0b1c-7d2e-8f3a-4b5c6d7e8f90";
    private static final String ACCOUNT_ID = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70";
    private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    private static final String READER_LIMITS = "more than " + IsoXmlReader.MAX_ELEMENTS + " elements, elements nested "
            + "deeper than " + IsoXmlReader.MAX_DEPTH + ", more than " + IsoXmlReader.MAX_ATTRIBUTES + " attributes on one "
            + "element, a text or attribute value longer than " + IsoXmlReader.MAX_TEXT + " characters, or more than "
            + IsoXmlReader.MAX_TRANSACTIONS + " entries or transactions";

    private final StatementImport statements;

    private final ExceptionQueue queue;

    private final DailyReports reports;

    public ReconciliationResource(StatementImport statements, ExceptionQueue queue, DailyReports reports) {
        this.statements = statements;
        this.queue = queue;
        this.reports = reports;
    }

    @POST
    @Path("/statements")
    @Consumes({XML, MediaType.TEXT_XML})
    @RolesAllowed({Roles.RECONCILIATION, Roles.ADMIN})
    @Operation(operationId = "loadReconciliationStatement", summary = "Load the settlement bank's statement of one of our accounts: a camt.053.001.08 or camt.054.001.08 (reconciliation, admin)",
            description = "A camt.053.001.08 (end of day, with its OPBD and CLBD balances) or a camt.054.001.08 (intraday "
                    + "notification) about a unit's clearing settlement account, named by its IBAN in `Acct/Id/IBAN`; one "
                    + "`Stmt` or `Ntfctn` per message. Read like the clearing's messages (no DTD or entity, at most 5 MiB, "
                    + "the reader's limits). Each booked `Ntry`, or each `TxDtls` of a batched one, becomes a line, which "
                    + "is matched to the account's entries by the rules, in order: EndToEndId, TxId, MsgId of a payment "
                    + "file or incoming message (one-to-many), the transactions of a payment file against its settlement "
                    + "(many-to-one), then amount, value date within `BACKOFFICE_RECONCILIATION_VALUE_DATE_TOLERANCE_DAYS` "
                    + "and counterparty. Every line left UNMATCHED or PARTIAL goes to the exceptions queue, and so does, "
                    + "for a camt.053, every entry of the account booked up to the end of its period that no line matched. "
                    + "The same document again (same MsgId, or same ElctrncSeqNb) is a replay: 200 with the first load's "
                    + "counts, nothing loaded. A camt.053 whose opening balance is not the last one's closing balance is "
                    + "refused naming the gap. All or nothing; event `reconciliation-statement.loaded`.")
    @RequestBody(required = true, content = @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, maxLength = 5_242_880),
            examples = @ExampleObject(name = "camt.053", value = ReconciliationExamples.CAMT_053)))
    @APIResponse(responseCode = "201", description = "Loaded and matched; `Location` names the statement",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementLoaded.class)))
    @APIResponse(responseCode = "200", description = "A replay of a statement already loaded (`replayed` true): nothing was loaded",
            headers = @Header(name = "Idempotent-Replayed", description = "`true` on the stored answer to an earlier "
                    + "request with the same Idempotency-Key", schema = @Schema(type = SchemaType.STRING, enumeration = "true", maxLength = 4)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementLoaded.class)))
    @APIResponse(responseCode = "400", description = "`INVALID_MESSAGE`: not well-formed, a DOCTYPE, neither a camt.053.001.08 "
            + "nor a camt.054.001.08, a required element missing, more than one Stmt or Ntfctn, a bad amount, date or "
            + "indicator, group totals (`TxsSummry`, a batch's `NbOfTxs` and `TtlAmt`, its transactions' amounts) or the "
            + "balances not agreeing with the entries (`errors[0].field` names the element); `VALIDATION_FAILED`: a "
            + "malformed `Idempotency-Key`. Nothing was loaded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_MESSAGE", ref = "INVALID_MESSAGE"), @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")}))
    @APIResponse(responseCode = "409", description = "`STATEMENT_ALREADY_LOADED`: another document was loaded for the "
            + "account with this MsgId or ElctrncSeqNb; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "STATEMENT_ALREADY_LOADED", ref = "STATEMENT_ALREADY_LOADED"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "413", description = "`PAYLOAD_TOO_LARGE`: over the message size limit; "
            + "`MESSAGE_LIMIT_EXCEEDED`: " + READER_LIMITS + " (`errors[0].field` names where): nothing was loaded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "PAYLOAD_TOO_LARGE", ref = "PAYLOAD_TOO_LARGE"), @ExampleObject(name = "MESSAGE_LIMIT_EXCEEDED", ref = "MESSAGE_LIMIT_EXCEEDED")}))
    @APIResponse(responseCode = "422", description = "`UNKNOWN_SETTLEMENT_ACCOUNT`: the IBAN is no clearing settlement "
            + "account of ours; `CURRENCY_MISMATCH`: the statement is in another currency than the account; "
            + "`BALANCE_GAP`: the opening balance does not follow the last statement's closing balance (the detail "
            + "names both, the gap and the missing sequence numbers); `IDEMPOTENCY_KEY_REUSED`. Nothing was loaded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "UNKNOWN_SETTLEMENT_ACCOUNT", ref = "UNKNOWN_SETTLEMENT_ACCOUNT"), @ExampleObject(name = "CURRENCY_MISMATCH", ref = "CURRENCY_MISMATCH"), @ExampleObject(name = "BALANCE_GAP", ref = "BALANCE_GAP"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
    public Uni<Response> load(byte[] body,
                              @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        byte[] message = body == null ? new byte[0] : body;
        String key = Idempotency.checkKey(idempotencyKey, false);
        return IncomingMessages.read(message, CamtStatement::read)
                .flatMap(statement -> statements.load(statement, IncomingMessages.sha256(message), key))
                .map(Reply::toResponse);
    }

    @GET
    @Path("/statements/{id}")
    @RolesAllowed({Roles.RECONCILIATION, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getReconciliationStatement", summary = "A loaded statement with each line's state (reconciliation, auditor, admin)",
            description = "Each line with its amount, direction, dates, references, counterparty and state: MATCHED (with "
                    + "the rule and the entries), PARTIAL (its reference names entries of another amount: `candidateEntryIds`) "
                    + "or UNMATCHED; and the entries of ours it found unreported.")
    @APIResponse(responseCode = "200", description = "The statement",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementView.class)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such statement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<StatementView> get(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = STATEMENT_ID) @PathParam("id") String id) {
        return statements.get(id);
    }

    @GET
    @Path("/exceptions")
    @RolesAllowed({Roles.RECONCILIATION, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listReconciliationExceptions", summary = "The reconciliation queue, oldest first (reconciliation, auditor, admin)",
            description = "Lines of the bank's statements no entry matched (STATEMENT_LINE) and entries of ours no line "
                    + "matched (LEDGER_ENTRY); by default those not RESOLVED.")
    @APIResponse(responseCode = "200", description = "A page of the queue")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `status`, `kind`, `accountId`, `limit` or `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<Page<ExceptionView>> list(
            @Parameter(description = "OPEN, CLAIMED or RESOLVED; without it, those not RESOLVED",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"OPEN", "CLAIMED", "RESOLVED"})) @QueryParam("status") String status,
            @Parameter(description = "Only this account's", schema = @Schema(type = SchemaType.STRING, format = "uuid", maxLength = 36))
            @QueryParam("accountId") String accountId,
            @Parameter(description = "STATEMENT_LINE or LEDGER_ENTRY",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"STATEMENT_LINE", "LEDGER_ENTRY"})) @QueryParam("kind") String kind,
            @BeanParam PageRequest page) {
        return queue.list(status, accountId, kind, page);
    }

    @GET
    @Path("/exceptions/{id}")
    @RolesAllowed({Roles.RECONCILIATION, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getReconciliationException", summary = "An item of the reconciliation queue (reconciliation, auditor, admin)")
    @APIResponse(responseCode = "200", description = "The item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExceptionView.class)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<ExceptionView> getException(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = EXCEPTION_ID) @PathParam("id") String id) {
        return queue.get(id);
    }

    @POST
    @Path("/exceptions/{id}/claim")
    @RolesAllowed({Roles.RECONCILIATION, Roles.ADMIN})
    @Operation(operationId = "claimReconciliationException", summary = "Take an item of the reconciliation queue (reconciliation, admin)",
            description = "The item becomes CLAIMED, the caller its assignee; claiming one's own item again changes nothing. "
                    + "Event `reconciliation-exception.claimed`.")
    @APIResponse(responseCode = "200", description = "The item, CLAIMED",
            headers = @Header(name = "ETag", description = "The item's version", schema = @Schema(type = SchemaType.STRING, maxLength = 24)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExceptionView.class)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`INVALID_TRANSITION`: already RESOLVED; `CLAIMED_BY_ANOTHER`: "
            + "another person holds it; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "CLAIMED_BY_ANOTHER", ref = "CLAIMED_BY_ANOTHER"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    public Uni<Response> claim(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = EXCEPTION_ID) @PathParam("id") String id,
                               @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return queue.claim(id, Idempotency.checkKey(idempotencyKey, false)).map(Reply::toResponse);
    }

    @POST
    @Path("/exceptions/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECONCILIATION, Roles.ADMIN})
    @Operation(operationId = "resolveReconciliationException", summary = "Resolve an item of the reconciliation queue (reconciliation, admin)",
            description = "With a reason. `MANUAL_MATCH`: a line matched by hand to unmatched entries of its account "
                    + "(`entryIds`, on the other side: a CRDT line to debit entries), or an entry to unmatched lines "
                    + "(`lineIds`), adding up to its amount; the match is recorded with the rule MANUAL, and every other "
                    + "item of those lines and entries is resolved with it. `BANK_ERROR`: a line the bank booked in error "
                    + "and will correct (lines only). Neither posts to the ledger. `WRITE_OFF`: the item's amount is booked "
                    + "between the reconciled account and its unit's reconciliation suspense account by a "
                    + "RECONCILIATION_WRITE_OFF operation (executed, with its entries, history and `operation.executed` "
                    + "event; `operationId` in the answer), matched with the rule WRITE_OFF. Below the approval threshold "
                    + "(`BACKOFFICE_APPROVAL_THRESHOLD`) anyone of the desk resolves an item nobody else holds; from it, "
                    + "four eyes: the item is claimed first, and another person than its assignee resolves it. Audited; "
                    + "event `reconciliation-exception.resolved` for each item resolved.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Resolve.class), examples = {
            @ExampleObject(name = "a line matched by hand", value = ReconciliationExamples.MANUAL_MATCH),
            @ExampleObject(name = "an entry matched by hand", value = ReconciliationExamples.MATCH_ENTRY),
            @ExampleObject(name = "the bank's error", value = ReconciliationExamples.BANK_ERROR),
            @ExampleObject(name = "written off", value = ReconciliationExamples.WRITE_OFF)}))
    @APIResponse(responseCode = "200", description = "The item, RESOLVED",
            headers = @Header(name = "ETag", description = "The item's version", schema = @Schema(type = SchemaType.STRING, maxLength = 24)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExceptionView.class)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: no resolution or reason, an unknown resolution, "
            + "no `entryIds` (`lineIds`) for a MANUAL_MATCH, an id given twice or malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: not the reconciliation desk or an admin; "
            + "`FOUR_EYES_VIOLATION`: the caller claimed this item, at or above the approval threshold",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN"), @ExampleObject(name = "FOUR_EYES_VIOLATION", ref = "FOUR_EYES_VIOLATION")}))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such item",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`INVALID_TRANSITION`: already RESOLVED; `CLAIMED_BY_ANOTHER`: another "
            + "person holds it; `CLAIM_REQUIRED`: at or above the approval threshold, claim it first; `ALREADY_MATCHED`: "
            + "the line or entry was matched meanwhile; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "CLAIMED_BY_ANOTHER", ref = "CLAIMED_BY_ANOTHER"), @ExampleObject(name = "CLAIM_REQUIRED", ref = "CLAIM_REQUIRED"), @ExampleObject(name = "ALREADY_MATCHED", ref = "ALREADY_MATCHED"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "422", description = "`UNKNOWN_ENTRY`, `UNKNOWN_LINE`: an id names nothing unmatched of "
            + "the item's account; `AMOUNTS_DISAGREE`: they do not add up to the item's amount, or are on the wrong side; "
            + "`RESOLUTION_NOT_ALLOWED`: BANK_ERROR for an entry of ours; `IDEMPOTENCY_KEY_REUSED`. Nothing was changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "UNKNOWN_ENTRY", ref = "UNKNOWN_ENTRY"), @ExampleObject(name = "UNKNOWN_LINE", ref = "UNKNOWN_LINE"), @ExampleObject(name = "AMOUNTS_DISAGREE", ref = "AMOUNTS_DISAGREE"), @ExampleObject(name = "RESOLUTION_NOT_ALLOWED", ref = "RESOLUTION_NOT_ALLOWED"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
    public Uni<Response> resolve(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = EXCEPTION_ID) @PathParam("id") String id, @Valid @NotNull Resolve body,
                                 @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return queue.resolve(id, body, Idempotency.checkKey(idempotencyKey, false)).map(Reply::toResponse);
    }

    @GET
    @Path("/reports/{accountId}/{date}")
    @RolesAllowed({Roles.RECONCILIATION, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getReconciliationReport", summary = "A reconciled account's day, both sides (reconciliation, auditor, admin)",
            description = "For a unit's clearing settlement account and a business day (in the bank's time zone): the "
                    + "opening (OPBD) and closing (CLBD) balances of the day's camt.053 (null without one), the ledger's "
                    + "balances of the account at the start and end of the day, the day's statement lines MATCHED, "
                    + "UNMATCHED and PARTIAL (count and net), the entries posted that day that no line reports, the "
                    + "items of the queue still open about that day, and the difference bank closing minus ledger "
                    + "closing. Every amount in the bank's sign: CRDT (money of ours at the bank) positive. Today's "
                    + "report is the day so far (`complete: false`).")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class),
                    examples = @ExampleObject(name = "a day with differences", value = ReconciliationExamples.REPORT)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: `date` is not a date (YYYY-MM-DD)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "422", description = "`UNKNOWN_SETTLEMENT_ACCOUNT`: the account is no reconciled account "
            + "(a customer's, or an internal account of another purpose than clearing settlement); "
            + "`STATEMENT_DATE_IN_FUTURE`: the day has not begun in the bank's time zone",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "UNKNOWN_SETTLEMENT_ACCOUNT", ref = "UNKNOWN_SETTLEMENT_ACCOUNT"), @ExampleObject(name = "STATEMENT_DATE_IN_FUTURE", ref = "STATEMENT_DATE_IN_FUTURE")}))
    public Uni<ReportView> report(
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = ACCOUNT_ID) @PathParam("accountId") String accountId,
            @Parameter(description = "The business day, in the bank's time zone", example = "2026-12-07",
                    schema = @Schema(type = SchemaType.STRING, format = "date", pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", maxLength = 10))
            @PathParam("date") String date) {
        return reports.report(accountId, day(date));
    }

    private static LocalDate day(String date) {
        try {
            if (date != null && DATE.matcher(date).matches()) {
                return LocalDate.parse(date);
            }
        } catch (DateTimeParseException malformed) {
            // answered below
        }
        throw ApiException.invalidField("date", "must be a date (2026-12-07)");
    }
}
