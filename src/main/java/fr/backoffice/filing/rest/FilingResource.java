package fr.backoffice.filing.rest;

import fr.backoffice.filing.Filing;
import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.error.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.http.QueryParams;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.openapi.Examples;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import fr.backoffice.filing.FilingContent;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.FilingType;
import fr.backoffice.filing.api.FilingView;
import fr.backoffice.filing.api.NewAcknowledgement;
import fr.backoffice.filing.api.NewFiling;
import fr.backoffice.filing.repository.FilingRepository;
import fr.backoffice.filing.service.FilingAmendments;
import fr.backoffice.filing.service.FilingDrafts;
import fr.backoffice.filing.service.FilingQueries;
import fr.backoffice.filing.service.FilingSubmissions;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;

@Path("/filings")
@Tag(name = "Filings")
@Produces(MediaType.APPLICATION_JSON)
public class FilingResource {

    private static final String CHECKS_FAILED = "`FILING_CHECKS_FAILED`: one or more checks failed; every failed check is "
            + "listed in `errors`, each with `field` (the content field, or `periodEnd`) and `message` starting with the "
            + "check's code (`BALANCE_SHEET_MISMATCH: ...`). The filing's `checks` shows the same results.";

    private final FilingDrafts drafts;

    private final FilingSubmissions submissions;

    private final FilingAmendments amendments;

    private final FilingQueries queries;

    public FilingResource(FilingDrafts drafts, FilingSubmissions submissions, FilingAmendments amendments,
                          FilingQueries queries) {
        this.drafts = drafts;
        this.submissions = submissions;
        this.amendments = amendments;
        this.queries = queries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT})
    @Operation(operationId = "createFiling", summary = "Create a draft VAT return or annual accounts (front-office, agent)",
            description = "The period must be a calendar month (MONTHLY VAT), a calendar quarter (QUARTERLY VAT), or the "
                    + "fiscal year ending on the declarant's `fiscalYearEnd` (annual accounts). `computed` and `checks` are "
                    + "the service's; sending `computed` is refused (unknown property). Only one filing per declarant, type and "
                    + "period may be under way or filed, rejected ones and amendments aside.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewFiling.class), examples = {
            @ExampleObject(name = "VAT return", value = FilingExamples.NEW_VAT_RETURN),
            @ExampleObject(name = "annual accounts", value = FilingExamples.NEW_ANNUAL_ACCOUNTS)}))
    @APIResponse(responseCode = "201", description = "Created as a DRAFT; `Location` names the filing",
            headers = @Header(name = "ETag", description = "The filing's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingView.class),
                    examples = @ExampleObject(name = "draft", value = FilingExamples.FILING)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED` (rate not allowed, negative amount, bad date...), "
            + "`INVALID_JSON` (a decimal where whole euros are expected...), `UNKNOWN_PROPERTY` (e.g. `computed`), malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED"), @ExampleObject(name = "INVALID_JSON", ref = "INVALID_JSON"), @ExampleObject(name = "UNKNOWN_PROPERTY", ref = "UNKNOWN_PROPERTY")}))
    @APIResponse(responseCode = "409", description = "`FILING_EXISTS`: a filing for this declarant, type and period is under way "
            + "or filed; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "FILING_EXISTS", ref = "FILING_EXISTS"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "422", description = "`UNKNOWN_DECLARANT`; `INVALID_PERIOD`: not a period of the declarant's "
            + "regime or fiscal year; `NOT_LIABLE`: the period ends before the declarant's `liableFrom`; `IDEMPOTENCY_KEY_REUSED`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "UNKNOWN_DECLARANT", ref = "UNKNOWN_DECLARANT"), @ExampleObject(name = "INVALID_PERIOD", ref = "INVALID_PERIOD"), @ExampleObject(name = "NOT_LIABLE", ref = "NOT_LIABLE"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
    public Uni<Response> create(@Valid @NotNull NewFiling request,
                                @Parameter(ref = "Idempotency-Key")
                                @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return drafts.create(Idempotency.checkKey(idempotencyKey, false), request).map(Reply::toResponse);
    }

    @GET
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listFilings", summary = "List filings, oldest first",
            description = "`periodFrom` and `periodTo` keep the filings whose period lies within them.")
    @APIResponse(responseCode = "200", description = "A page of filings")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad filter, `limit` or `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<Page<FilingView>> list(
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), description = "Filings of this declarant", example = FilingExamples.DECLARANT_ID) @QueryParam("declarantId") String declarantId,
            @Parameter(description = "Filing type", schema = @Schema(implementation = FilingType.class)) @QueryParam("type") String type,
            @Parameter(description = "Filing status", schema = @Schema(implementation = FilingStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Periods starting on or after this date", example = "2026-01-01",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("periodFrom") String periodFrom,
            @Parameter(description = "Periods ending on or before this date", example = "2026-12-31",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("periodTo") String periodTo,
            @BeanParam PageRequest page) {
        FilingRepository.Filter filter = new FilingRepository.Filter(
                declarantId == null ? null
                        : Ids.parse(declarantId).orElseThrow(() -> ApiException.invalidField("declarantId", "is not a declarant id")),
                QueryParams.enumValue("type", type, FilingType.class), QueryParams.enumValue("status", status, FilingStatus.class),
                dateParam("periodFrom", periodFrom), dateParam("periodTo", periodTo));
        return queries.list(filter, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getFiling", summary = "Read a filing, with its computed figures, last checks, history and ETag")
    @APIResponse(responseCode = "200", description = "The filing",
            headers = @Header(name = "ETag", description = "The filing's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingView.class),
                    examples = @ExampleObject(name = "draft", value = FilingExamples.FILING)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such filing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<Response> get(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = FilingExamples.ID) @PathParam("id") String id) {
        return queries.get(id).map(Reply::toResponse);
    }

    @PUT
    @Path("/{id}/content")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT})
    @Operation(operationId = "replaceFilingContent", summary = "Replace a draft's content (front-office, agent; If-Match)",
            description = "The body is the whole content object of the filing's type. The answer carries the new `computed` "
                    + "figures and `checks`. Only a DRAFT is editable.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FilingContent.class),
            examples = {@ExampleObject(name = "VAT return", value = FilingExamples.VAT_CONTENT),
                    @ExampleObject(name = "annual accounts", value = FilingExamples.ANNUAL_CONTENT)}))
    @APIResponse(responseCode = "200", description = "The draft with its new content",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`, `INVALID_JSON`, `UNKNOWN_PROPERTY` (e.g. `computed`): "
            + "the content is not valid for the filing's type; malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED"), @ExampleObject(name = "INVALID_JSON", ref = "INVALID_JSON"), @ExampleObject(name = "UNKNOWN_PROPERTY", ref = "UNKNOWN_PROPERTY")}))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such filing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`INVALID_TRANSITION`: the filing is no longer a DRAFT; "
            + "`CONTENT_CHANGE_LIMIT_REACHED`: the draft's content was replaced " + Filing.MAX_CONTENT_CHANGES + " times "
            + "already (validate it, or start a new draft); nothing changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "CONTENT_CHANGE_LIMIT_REACHED", ref = "CONTENT_CHANGE_LIMIT_REACHED")}))
    @APIResponse(responseCode = "412", description = "`PRECONDITION_FAILED`: `If-Match` names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_FAILED", ref = "PRECONDITION_FAILED")))
    @APIResponse(responseCode = "428", description = "`PRECONDITION_REQUIRED`: no `If-Match` header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_REQUIRED", ref = "PRECONDITION_REQUIRED")))
    public Uni<Response> replaceContent(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = FilingExamples.ID) @PathParam("id") String id,
                                        @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                        @NotNull JsonNode content) {
        return drafts.replaceContent(id, ifMatch, content).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/validate")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(operationId = "validateFiling", summary = "Run every check on a draft; VALIDATED when all pass (agent, supervisor)")
    @APIResponse(responseCode = "200", description = "VALIDATED, with `validatedBy`",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such filing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`INVALID_TRANSITION`: not a DRAFT; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "412", description = "`PRECONDITION_FAILED`: an `If-Match` header names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_FAILED", ref = "PRECONDITION_FAILED")))
    @APIResponse(responseCode = "422", description = CHECKS_FAILED + " Also `IDEMPOTENCY_KEY_REUSED`.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "FILING_CHECKS_FAILED", ref = "FILING_CHECKS_FAILED"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
    public Uni<Response> validate(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = FilingExamples.ID) @PathParam("id") String id,
                                  @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return submissions.validate(id, ifMatch, Idempotency.checkKey(idempotencyKey, false)).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/submit")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(operationId = "submitFiling", summary = "Submit a validated filing to the administration (supervisor ≠ preparer, ≠ validator)",
            description = "The canonical document (UTF-8 JSON, keys sorted, no whitespace) is frozen, its SHA-256 stored as "
                    + "`submission.digest`, and it is handed to the administration gateway, which answers the "
                    + "`depositReference`, all in one transaction. From now on only the acknowledgement changes the filing.")
    @APIResponse(responseCode = "200", description = "SUBMITTED, with `submission`",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "403", description = "`FOUR_EYES_VIOLATION`: the caller prepared (created or edited) or "
            + "validated the filing; `FORBIDDEN`: not a supervisor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "FOUR_EYES_VIOLATION", ref = "FOUR_EYES_VIOLATION"), @ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN")}))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such filing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`INVALID_TRANSITION`: not VALIDATED; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "412", description = "`PRECONDITION_FAILED`: an `If-Match` header names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_FAILED", ref = "PRECONDITION_FAILED")))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    public Uni<Response> submit(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = FilingExamples.ID) @PathParam("id") String id,
                                @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return submissions.submit(id, ifMatch, Idempotency.checkKey(idempotencyKey, false)).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "acknowledgeFiling", summary = "Record the administration's acknowledgement: ACCEPTED or REJECTED (admin)",
            description = "Called by the administration gateway's service account. Only a SUBMITTED filing is acknowledged; "
                    + "a rejection needs a `reason`.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewAcknowledgement.class), examples = {
            @ExampleObject(name = "accepted", value = FilingExamples.ACK_ACCEPTED),
            @ExampleObject(name = "rejected", value = FilingExamples.ACK_REJECTED)}))
    @APIResponse(responseCode = "200", description = "ACCEPTED or REJECTED, with `acknowledgement`",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: missing outcome or reference, no `reason` for a "
            + "rejection; malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such filing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`INVALID_TRANSITION`: not SUBMITTED (already acknowledged, or not yet "
            + "submitted); `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "412", description = "`PRECONDITION_FAILED`: an `If-Match` header names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_FAILED", ref = "PRECONDITION_FAILED")))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    public Uni<Response> acknowledge(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = FilingExamples.ID) @PathParam("id") String id,
                                     @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                     @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                                     @Valid @NotNull NewAcknowledgement request) {
        return submissions.acknowledge(id, ifMatch, Idempotency.checkKey(idempotencyKey, false), request).map(Reply::toResponse);
    }

    @POST
    @Path("/{id}/amend")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT})
    @Operation(operationId = "amendFiling", summary = "Start a correction of an accepted or rejected filing (front-office, agent)",
            description = "Creates a new DRAFT for the same declarant, type and period, copying the content; it names the "
                    + "original in `amends`, and the original names it in `amendedBy`. A filing is amended once.")
    @APIResponse(responseCode = "201", description = "The new draft; `Location` names it",
            headers = @Header(name = "ETag", description = "The new draft's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FilingView.class)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such filing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`INVALID_TRANSITION`: not ACCEPTED or REJECTED; `ALREADY_AMENDED`: "
            + "the filing already has an amendment; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "ALREADY_AMENDED", ref = "ALREADY_AMENDED"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "412", description = "`PRECONDITION_FAILED`: an `If-Match` header names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_FAILED", ref = "PRECONDITION_FAILED")))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    public Uni<Response> amend(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = FilingExamples.ID) @PathParam("id") String id,
                               @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return amendments.amend(id, ifMatch, Idempotency.checkKey(idempotencyKey, false)).map(Reply::toResponse);
    }

    @GET
    @Path("/{id}/document")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getFilingDocument", summary = "The exact document submitted; its SHA-256 equals `submission.digest`",
            description = "Canonical JSON: UTF-8, object keys sorted, no whitespace, null members omitted. The bytes are "
                    + "served exactly as stored; `Repr-Digest` (RFC 9530) carries the same SHA-256 in base64.")
    @APIResponse(responseCode = "200", description = "The submitted document",
            headers = @Header(name = "Repr-Digest", description = "`sha-256=:<base64>:` of the body", schema = @Schema(type = SchemaType.STRING, pattern = Limits.SHA256_DIGEST_FIELD, maxLength = 54)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "The frozen filing document: format, filingId, type, declarant, period, dueDate, content, "
                            + "computed, amends, preparedBy, validatedBy, validatedAt, submittedBy, submittedAt"),
                    examples = @ExampleObject(name = "document", value = FilingExamples.DOCUMENT)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such filing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`NOT_SUBMITTED`: the filing has not been submitted yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_SUBMITTED", ref = "NOT_SUBMITTED")))
    public Uni<Response> document(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = FilingExamples.ID) @PathParam("id") String id) {
        return queries.document(id).map(document -> Response.ok(document.body(), MediaType.APPLICATION_JSON_TYPE)
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(document.digest())) + ":")
                .build());
    }


    static LocalDate dateParam(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException notADate) {
            throw ApiException.invalidField(name, "must be a date YYYY-MM-DD");
        }
    }
}
