package fr.backoffice.clearing.rest;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.error.Problem;
import fr.backoffice.clearing.iso20022.IncomingMessages;
import fr.backoffice.clearing.api.Acknowledgement;
import fr.backoffice.clearing.api.IncomingReport;
import fr.backoffice.clearing.api.PaymentFileView;
import fr.backoffice.clearing.api.ReturnReport;
import fr.backoffice.clearing.api.StatusReportOutcome;
import fr.backoffice.clearing.iso20022.IsoXmlReader;
import fr.backoffice.clearing.iso20022.Pacs002;
import fr.backoffice.clearing.iso20022.Pacs004;
import fr.backoffice.clearing.iso20022.Pacs008;
import fr.backoffice.clearing.service.IncomingPayments;
import fr.backoffice.clearing.service.PaymentFiles;
import fr.backoffice.clearing.service.StatusReports;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

import java.util.Base64;
import java.util.HexFormat;

/** The exchanges with the clearing system: payment files out, credits and returns in (ISO 20022). */
@Path("/payment-files")
@Tag(name = "Clearing")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentFileResource {

    private static final String FILE_ID = "019ad0c4-2b7e-7f10-8c3d-5e6f7a8b9c0d";
    private static final String XML = "application/xml";
    /** What IsoXmlReader refuses while reading (docs/clearing-and-statements.md "Clearing and statements"). */
    private static final String READER_LIMITS = "more than " + IsoXmlReader.MAX_ELEMENTS + " elements, elements nested "
            + "deeper than " + IsoXmlReader.MAX_DEPTH + ", more than " + IsoXmlReader.MAX_ATTRIBUTES + " attributes on one "
            + "element (namespace declarations included), a text or attribute value longer than " + IsoXmlReader.MAX_TEXT
            + " characters, or more than " + IsoXmlReader.MAX_TRANSACTIONS + " transactions";

    private final PaymentFiles files;

    private final IncomingPayments incoming;

    private final StatusReports statusReports;

    public PaymentFileResource(PaymentFiles files, IncomingPayments incoming, StatusReports statusReports) {
        this.files = files;
        this.incoming = incoming;
        this.statusReports = statusReports;
    }

    @POST
    @RolesAllowed({Roles.CLEARING, Roles.ADMIN})
    @Operation(operationId = "createPaymentFile", summary = "Close the waiting external transfers into a pacs.008 file (clearing, admin)",
            description = "Every executed external TRANSFER not yet in a file (the oldest 10000 at most; the rest wait for "
                    + "the next file) goes into a new pacs.008.001.08 file, in execution order; each transfer goes into "
                    + "exactly one file, even when two requests close files at the same moment. The transfers get their "
                    + "`paymentFileId` and `endToEndId` and can no longer be reversed (the money has left). The file is "
                    + "settled on the next TARGET2 business day. Whoever closes a file cannot record its outcome (four "
                    + "eyes). Event `payment-file.generated`.")
    @APIResponse(responseCode = "201", description = "The file, GENERATED; `Location` names it",
            headers = @Header(name = "ETag", description = "The file's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentFileView.class),
                    examples = @ExampleObject(name = "generated", value = ClearingExamples.FILE)))
    @APIResponse(responseCode = "409", description = "`IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")))
    @APIResponse(responseCode = "422", description = "`NOTHING_TO_SEND`: no executed external transfer is waiting; "
            + "`CREDITOR_BANK_UNKNOWN`: a waiting transfer submitted before creditor BICs were kept has a bank the BIC "
            + "directory does not list (`errors` names each); `SEPA_RULES_BROKEN`: the file would break a rule of the "
            + "SEPA scheme (`errors` names the element and the operation); `IDEMPOTENCY_KEY_REUSED`. Nothing was written: "
            + "reverse the transfers named, or complete the directory, and close again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "NOTHING_TO_SEND", ref = "NOTHING_TO_SEND"), @ExampleObject(name = "CREDITOR_BANK_UNKNOWN", ref = "CREDITOR_BANK_UNKNOWN"), @ExampleObject(name = "SEPA_RULES_BROKEN", ref = "SEPA_RULES_BROKEN"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
    public Uni<Response> create(@Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return files.close(Idempotency.checkKey(idempotencyKey, false)).map(Reply::toResponse);
    }

    @GET
    @RolesAllowed({Roles.CLEARING, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listPaymentFiles", summary = "List payment files, newest first (clearing, auditor, admin)",
            description = "Files hold every unit's transfers, their customers' names and IBANs: they are the bank's "
                    + "clearing desk's, read by auditors and admins; a unit's agents and supervisors get 403.")
    @APIResponse(responseCode = "200", description = "A page of payment files")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `limit` or `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<Page<PaymentFileView>> list(@BeanParam PageRequest page) {
        return files.list(page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CLEARING, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getPaymentFile", summary = "Read a payment file (clearing, auditor, admin)")
    @APIResponse(responseCode = "200", description = "The file",
            headers = @Header(name = "ETag", description = "The file's version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentFileView.class),
                    examples = @ExampleObject(name = "generated", value = ClearingExamples.FILE)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such payment file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<Response> get(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = FILE_ID) @PathParam("id") String id) {
        return files.get(id).map(Reply::toResponse);
    }

    @GET
    @Path("/{id}/document")
    @Produces(XML)
    @RolesAllowed({Roles.CLEARING, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getPaymentFileDocument", summary = "The pacs.008.001.08 document, byte for byte as generated (clearing, auditor, admin)",
            description = "UTF-8 XML, the same bytes on every read; its SHA-256 is the file's `sha256`, and `Repr-Digest` "
                    + "(RFC 9530) carries it in base64. It names every debtor and creditor of the file, of every unit: "
                    + "only the clearing desk, auditors and admins read it.")
    @APIResponse(responseCode = "200", description = "The pacs.008 document",
            headers = @Header(name = "Repr-Digest", description = "`sha-256=:<base64>:` of the body", schema = @Schema(type = SchemaType.STRING, pattern = Limits.SHA256_DIGEST_FIELD, maxLength = 54)),
            content = @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, maxLength = 50_000_000),
                    examples = @ExampleObject(name = "pacs.008", value = ClearingExamples.PACS_008)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such payment file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<Response> document(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = FILE_ID) @PathParam("id") String id) {
        return files.document(id).map(file -> Response.ok(file.document, XML)
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(file.sha256)) + ":")
                .header("Content-Disposition", "attachment; filename=\"" + file.messageId + ".xml\"")
                .build());
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLEARING, Roles.ADMIN})
    @Operation(operationId = "acknowledgePaymentFile", summary = "Record the clearing system's answer to a file by hand (clearing, admin; not the closer)",
            description = "The manual fallback for when the clearing system's status report (pacs.002, "
                    + "`POST /payment-files/status-reports`) cannot be imported: another person than the one who closed "
                    + "the file records what the clearing system answered (403 `FOUR_EYES_VIOLATION` for the closer). "
                    + "`ACCEPTED`: the file is settled; for each unit with transfers in it, a CLEARING_SETTLEMENT "
                    + "operation moves their total from the unit's outgoing transfers account to its clearing settlement "
                    + "account. `REJECTED` (with `reason`): every transfer of the file is given back to its debtor: a "
                    + "REVERSAL credits the debtor's account from outgoing transfers, and the transfer becomes RETURNED "
                    + "(`returnReason` NARR, the reason in `reasonComment`, event `operation.returned-by-clearing`); a "
                    + "debtor account closed since never blocks the file: that transfer's money goes to its unit's "
                    + "suspense account (`refundedToSuspense`). All in one transaction. Events `payment-file.accepted` / "
                    + "`payment-file.rejected`.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Acknowledgement.class), examples = {
            @ExampleObject(name = "accepted", value = "{\"outcome\":\"ACCEPTED\"}"),
            @ExampleObject(name = "rejected", value = "{\"outcome\":\"REJECTED\",\"reason\":\"File rejected by STET: duplicate message id\"}")}))
    @APIResponse(responseCode = "200", description = "The file, ACCEPTED or REJECTED",
            headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING, pattern = Limits.ETAG, maxLength = Limits.ETAG_LENGTH)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentFileView.class)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: no outcome, or REJECTED without a reason; malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: not the clearing desk or an admin; "
            + "`FOUR_EYES_VIOLATION`: the caller closed this file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN"), @ExampleObject(name = "FOUR_EYES_VIOLATION", ref = "FOUR_EYES_VIOLATION")}))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such payment file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    @APIResponse(responseCode = "409", description = "`INVALID_TRANSITION`: the file was already acknowledged; "
            + "`IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_TRANSITION", ref = "INVALID_TRANSITION"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "412", description = "`PRECONDITION_FAILED`: an `If-Match` header names an older version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "PRECONDITION_FAILED", ref = "PRECONDITION_FAILED")))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    public Uni<Response> acknowledge(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = FILE_ID) @PathParam("id") String id,
                                     @Valid @NotNull Acknowledgement body,
                                     @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                     @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return files.acknowledge(id, ifMatch, Idempotency.checkKey(idempotencyKey, false), body).map(Reply::toResponse);
    }

    @POST
    @Path("/status-reports")
    @Consumes({XML, MediaType.TEXT_XML})
    @RolesAllowed({Roles.CLEARING, Roles.ADMIN})
    @Operation(operationId = "importPaymentStatusReport", summary = "Take in the clearing system's status report on a payment file: a pacs.002.001.10 (clearing, admin; not the closer)",
            description = "The FIToFIPmtStsRpt the SEPA clearing sends about one of our files (EPC SCT inter-PSP "
                    + "guidelines; namespace `urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10`), read without DTDs or "
                    + "entities. `OrgnlGrpInfAndSts/OrgnlMsgId` names the file (our `messageId`); its `GrpSts` says what "
                    + "became of it: `ACCP` or `ACSC`, accepted: for each unit a CLEARING_SETTLEMENT moves its transfers' "
                    + "total from outgoing transfers to clearing settlement (as `acknowledge` ACCEPTED); `RJCT`, rejected: "
                    + "every transfer is given back to its debtor, RETURNED with the report's ISO 20022 reason "
                    + "(`StsRsnInf/Rsn/Cd`, NARR when none) as `returnReason`; `PART`: each transaction the report names "
                    + "in `TxInfAndSts` (by `OrgnlTxId`, our TxId, and/or `OrgnlEndToEndId`) with `TxSts` `RJCT` is given "
                    + "back with its reason, every other transfer of the file is settled. The file becomes ACCEPTED, "
                    + "REJECTED or PARTIALLY_ACCEPTED. A debtor account closed since takes nothing: that money goes to the "
                    + "unit's suspense account (`refundedToSuspense`). All in one transaction; events "
                    + "`payment-file.accepted`, `payment-file.rejected`, `payment-file.partially-accepted` and "
                    + "`operation.returned-by-clearing`. Whoever closed the file cannot post its report (four eyes). A "
                    + "report for a file whose outcome is already recorded (this report again, another, or the manual "
                    + "acknowledgement) posts nothing and answers `applied: false` with the file as it stands. No XSD of "
                    + "pacs.002.001.10 is published with the shared schemas: the service checks what posting relies on.")
    @RequestBody(required = true, content = @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, maxLength = 5_242_880),
            examples = @ExampleObject(name = "pacs.002, one transaction rejected", value = ClearingExamples.PACS_002)))
    @APIResponse(responseCode = "200", description = "What the report did; `applied` false when the file's outcome was already recorded",
            headers = @Header(name = "Idempotent-Replayed", description = "`true` on the stored answer to an earlier "
                    + "request with the same Idempotency-Key", schema = @Schema(type = SchemaType.STRING, enumeration = "true", maxLength = 4)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatusReportOutcome.class),
                    examples = @ExampleObject(name = "partly accepted", value = ClearingExamples.STATUS_REPORT_OUTCOME)))
    @APIResponse(responseCode = "400", description = "`INVALID_MESSAGE`: not well-formed, a DOCTYPE, not a pacs.002.001.10, "
            + "not about a pacs.008, a required element missing (one OrgnlGrpInfAndSts with its OrgnlMsgId and GrpSts; "
            + "each TxInfAndSts named and with a TxSts), a bad status or reason code, a transaction named twice or "
            + "contradicting the group's status; `VALIDATION_FAILED`: a malformed `Idempotency-Key`. Nothing was posted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_MESSAGE", ref = "INVALID_MESSAGE"), @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")}))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: not the clearing desk or an admin; "
            + "`FOUR_EYES_VIOLATION`: the caller closed this file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN"), @ExampleObject(name = "FOUR_EYES_VIOLATION", ref = "FOUR_EYES_VIOLATION")}))
    @APIResponse(responseCode = "409", description = "`IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")))
    @APIResponse(responseCode = "413", description = "`PAYLOAD_TOO_LARGE`: over the message size limit; "
            + "`MESSAGE_LIMIT_EXCEEDED`: " + READER_LIMITS + " (`errors[0].field` names where): nothing was posted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "PAYLOAD_TOO_LARGE", ref = "PAYLOAD_TOO_LARGE"), @ExampleObject(name = "MESSAGE_LIMIT_EXCEEDED", ref = "MESSAGE_LIMIT_EXCEEDED")}))
    @APIResponse(responseCode = "422", description = "`UNKNOWN_PAYMENT_FILE`: `OrgnlMsgId` names none of our files; "
            + "`UNKNOWN_TRANSACTION`: a TxInfAndSts names no transfer of the file, or several (`errors[0].field` is its "
            + "path); `STATUS_NOT_FINAL`: a status that is no outcome (ACTC, PDNG, ACSP...); `IDEMPOTENCY_KEY_REUSED`. "
            + "Nothing was posted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "UNKNOWN_PAYMENT_FILE", ref = "UNKNOWN_PAYMENT_FILE"), @ExampleObject(name = "UNKNOWN_TRANSACTION", ref = "UNKNOWN_TRANSACTION"), @ExampleObject(name = "STATUS_NOT_FINAL", ref = "STATUS_NOT_FINAL"), @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")}))
    public Uni<Response> importStatusReport(byte[] body,
                                            @Parameter(ref = "Idempotency-Key") @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        byte[] message = body == null ? new byte[0] : body;
        String key = Idempotency.checkKey(idempotencyKey, false);
        return IncomingMessages.read(message, Pacs002::read)
                .flatMap(report -> statusReports.apply(report, IncomingMessages.sha256(message), key))
                .map(Reply::toResponse);
    }

    @POST
    @Path("/incoming")
    @Consumes({XML, MediaType.TEXT_XML})
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "importIncomingPayments", summary = "Take in other banks' credits: a pacs.008.001.08 from the clearing system (admin)",
            description = "Each transaction whose creditor IBAN is an open EUR customer account of ours is posted as an "
                    + "executed INCOMING_TRANSFER (from the unit's clearing settlement account to the customer; EndToEndId, "
                    + "debtor name and IBAN kept; event `operation.executed`). The others are not posted and are listed "
                    + "for return with their ISO 20022 reason and TxId. A transaction is identified by the message's MsgId and "
                    + "its TxId (mandatory; the EndToEndId is the payer's reference and may repeat, e.g. NOTPROVIDED): "
                    + "one already taken in posts nothing again, so importing a message twice is safe, even at the same "
                    + "moment, while a TxId repeated inside one message refuses it whole (400). A malformed "
                    + "message, or one that breaks a rule of the schema, is refused whole (400 `INVALID_MESSAGE`, naming "
                    + "the first error's element path). DTDs and entities are refused; at most 5 MiB "
                    + "(`BACKOFFICE_CLEARING_MAX_MESSAGE_SIZE`), and the reader refuses, as soon as it meets it, "
                    + READER_LIMITS + " (413 `MESSAGE_LIMIT_EXCEEDED`): the densest genuine 5 MiB message, about "
                    + "11,000 credits, is within them.")
    @RequestBody(required = true, content = @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, maxLength = 5_242_880),
            examples = @ExampleObject(name = "pacs.008", value = ClearingExamples.INCOMING_PACS_008)))
    @APIResponse(responseCode = "200", description = "What was posted, returned, or already taken in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncomingReport.class),
                    examples = @ExampleObject(name = "report", value = ClearingExamples.INCOMING_REPORT)))
    @APIResponse(responseCode = "400", description = "`INVALID_MESSAGE`: not well-formed, a DOCTYPE, not a pacs.008.001.08, "
            + "a required element missing (TxId included), a TxId repeated in the message, a bad amount or date, "
            + "`NbOfTxs`, `CtrlSum` or `TtlIntrBkSttlmAmt` not agreeing with the transactions: nothing was posted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "INVALID_MESSAGE", ref = "INVALID_MESSAGE")))
    @APIResponse(responseCode = "413", description = "`PAYLOAD_TOO_LARGE`: over the message size limit; "
            + "`MESSAGE_LIMIT_EXCEEDED`: " + READER_LIMITS + " (`errors[0].field` names where): nothing was posted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "PAYLOAD_TOO_LARGE", ref = "PAYLOAD_TOO_LARGE"), @ExampleObject(name = "MESSAGE_LIMIT_EXCEEDED", ref = "MESSAGE_LIMIT_EXCEEDED")}))
    public Uni<IncomingReport> importCredits(byte[] body) {
        return IncomingMessages.read(body, Pacs008::read).flatMap(incoming::credits);
    }

    @POST
    @Path("/returns")
    @Consumes({XML, MediaType.TEXT_XML})
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "importPaymentReturns", summary = "Take in returns of transfers we sent: a pacs.004.001.09 (admin)",
            description = "Each returned transaction is matched to the transfer we sent by its original message id "
                    + "(OrgnlMsgId), EndToEndId and, when given, TxId. Its money is credited back to the debtor's account "
                    + "from the unit's clearing settlement account (a REVERSAL operation), and the transfer becomes "
                    + "RETURNED with the ISO 20022 reason code (`returnReason`), a history line and the event "
                    + "`operation.returned-by-clearing`. A return that matches no settled transfer, or several, or "
                    + "another amount, is listed in `unmatched` and nothing is guessed; a debtor account closed since takes "
                    + "nothing: the money goes to the unit's suspense account (`refundedToSuspense`); a replayed message lists its "
                    + "transfers as ALREADY_RETURNED and posts nothing. The group header's `NbOfTxs`, and `CtrlSum` and "
                    + "`TtlRtrdIntrBkSttlmAmt` when given, must agree with the transactions, or the message is refused "
                    + "whole. Malformed: 400 `INVALID_MESSAGE`, nothing posted. The size and reader limits are those of "
                    + "`/payment-files/incoming`.")
    @RequestBody(required = true, content = @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, maxLength = 5_242_880),
            examples = @ExampleObject(name = "pacs.004", value = ClearingExamples.PACS_004)))
    @APIResponse(responseCode = "200", description = "What was returned, and what matched nothing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnReport.class),
                    examples = @ExampleObject(name = "report", value = ClearingExamples.RETURN_REPORT)))
    @APIResponse(responseCode = "400", description = "`INVALID_MESSAGE`: not well-formed, a DOCTYPE, not a pacs.004.001.09, "
            + "a required element missing, a bad amount or reason code, `NbOfTxs`, `CtrlSum` or `TtlRtrdIntrBkSttlmAmt` "
            + "not agreeing with the transactions: nothing was posted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "INVALID_MESSAGE", ref = "INVALID_MESSAGE")))
    @APIResponse(responseCode = "413", description = "`PAYLOAD_TOO_LARGE`: over the message size limit; "
            + "`MESSAGE_LIMIT_EXCEEDED`: " + READER_LIMITS + " (`errors[0].field` names where): nothing was posted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "PAYLOAD_TOO_LARGE", ref = "PAYLOAD_TOO_LARGE"), @ExampleObject(name = "MESSAGE_LIMIT_EXCEEDED", ref = "MESSAGE_LIMIT_EXCEEDED")}))
    public Uni<ReturnReport> importReturns(byte[] body) {
        return IncomingMessages.read(body, Pacs004::read).flatMap(incoming::returns);
    }

}
