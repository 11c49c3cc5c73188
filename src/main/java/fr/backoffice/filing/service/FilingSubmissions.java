package fr.backoffice.filing.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.backoffice.audit.Audited;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.http.ETags;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.declarant.Declarant;
import fr.backoffice.declarant.service.DeclarantService;
import fr.backoffice.filing.AcknowledgementOutcome;
import fr.backoffice.filing.CanonicalJson;
import fr.backoffice.filing.Filing;
import fr.backoffice.filing.FilingAction;
import fr.backoffice.filing.FilingDocument;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.api.NewAcknowledgement;
import fr.backoffice.filing.gateway.AdministrationGateway;
import fr.backoffice.filing.gateway.Deposit;
import fr.backoffice.filing.repository.FilingDocumentRepository;
import fr.backoffice.filing.repository.FilingRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * A draft's way out: validated when every check passes, submitted by a supervisor who neither prepared nor
 * validated it (the document frozen and handed to the administration gateway), then acknowledged. Each step runs
 * in one transaction with the filing's row locked, and is recorded in its history.
 */
@ApplicationScoped
public class FilingSubmissions {

    private final FilingRepository filings;

    private final FilingDocumentRepository documents;

    private final DeclarantService declarants;

    private final FilingContents contents;

    private final FilingEvaluation evaluation;

    private final FilingJournal journal;

    private final AdministrationGateway gateway;

    private final Idempotency idempotency;

    private final Caller caller;

    private final TimeSource time;

    public FilingSubmissions(FilingRepository filings, FilingDocumentRepository documents, DeclarantService declarants,
                             FilingContents contents, FilingEvaluation evaluation, FilingJournal journal,
                             AdministrationGateway gateway, Idempotency idempotency, Caller caller, TimeSource time) {
        this.filings = filings;
        this.documents = documents;
        this.declarants = declarants;
        this.contents = contents;
        this.evaluation = evaluation;
        this.journal = journal;
        this.gateway = gateway;
        this.idempotency = idempotency;
        this.caller = caller;
        this.time = time;
    }

    @Audited
    @WithTransaction
    public Uni<Reply> validate(String id, String ifMatch, String idempotencyKey) {
        return transition(id, Map.of(), ifMatch, idempotencyKey, this::validated);
    }

    @Audited
    @WithTransaction
    public Uni<Reply> submit(String id, String ifMatch, String idempotencyKey) {
        return transition(id, Map.of(), ifMatch, idempotencyKey, this::submitted);
    }

    @Audited
    @WithTransaction
    public Uni<Reply> acknowledge(String id, String ifMatch, String idempotencyKey, NewAcknowledgement request) {
        if (request.outcome() == AcknowledgementOutcome.REJECTED && (request.reason() == null || request.reason().isBlank())) {
            throw ApiException.invalidField("reason", "is required when the outcome is REJECTED");
        }
        return transition(id, request, ifMatch, idempotencyKey, filing -> acknowledged(filing, request));
    }

    /**
     * A {@code POST /filings/{id}/...} action, once per idempotency key: the filing locked, {@code If-Match} checked when
     * given, the step applied, and the filing answered with its new version.
     */
    private Uni<Reply> transition(String id, Object request, String ifMatch, String idempotencyKey,
                                  Function<Filing, Uni<Filing>> step) {
        return idempotency.once(idempotencyKey, request,
                () -> filings.lock(id)
                        .invoke(filing -> ETags.checkMatch(ifMatch, filing.version))
                        .flatMap(step::apply)
                        .flatMap(journal::ok));
    }

    /** Every check is run again on the stored content; VALIDATED when all pass. */
    private Uni<Filing> validated(Filing filing) {
        filing.checkValidatable();
        return evaluation.ofStored(filing)
                .map(FilingEvaluation.Evaluated::passed)
                .flatMap(passed -> validated(filing, passed));
    }

    private Uni<Filing> validated(Filing filing, Filing.Evaluation passed) {
        Instant at = time.now();
        FilingStatus from = filing.validate(passed, caller.id(), at);
        return journal.record(filing, FilingAction.VALIDATED, from, filing.status, at);
    }

    /** A validated filing, submitted by someone who neither prepared nor validated it, has its document deposited. */
    private Uni<Filing> submitted(Filing filing) {
        filing.checkSubmittable();
        return journal.history(filing)
                .invoke(history -> filing.checkSubmitter(caller.id(), history))
                .flatMap(history -> amended(filing))
                .flatMap(original -> deposit(filing, original));
    }

    private Uni<Filing> amended(Filing filing) {
        return filing.amends == null ? Uni.createFrom().nullItem() : filings.findById(filing.amends);
    }

    private Uni<Filing> deposit(Filing filing, Filing original) {
        return declarants.find(filing.declarantId).flatMap(declarant -> deposit(filing, declarant, original));
    }

    /** Freezes the document, hands it to the gateway, and records the submission, all in the caller's transaction. */
    private Uni<Filing> deposit(Filing filing, Declarant declarant, Filing original) {
        Instant at = time.now();
        String submitter = caller.id();
        byte[] document = CanonicalJson.bytes(document(filing, declarant, original, submitter, at));
        String digest = CanonicalJson.sha256(document);
        return gateway.deposit(new Deposit(filing.id, filing.type, declarant.siren, document, digest, at))
                .map(reference -> filing.submit(submitter, at, digest, reference))
                .call(from -> documents.persist(FilingDocument.of(filing.id, document, digest, at)))
                .flatMap(from -> journal.record(filing, FilingAction.SUBMITTED, from, filing.status, at));
    }

    private Uni<Filing> acknowledged(Filing filing, NewAcknowledgement request) {
        Instant at = time.now();
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        FilingStatus from = filing.acknowledge(request.outcome(), request.administrationReference().strip(), reason,
                caller.id(), at);
        FilingAction action = request.outcome() == AcknowledgementOutcome.ACCEPTED ? FilingAction.ACCEPTED : FilingAction.REJECTED;
        return journal.record(filing, action, from, filing.status, at);
    }

    /**
     * What is deposited: the declarant, the period, the content and the service's computation as validated,
     * the filing an amendment corrects, and who prepared, validated and submitted it. Canonical JSON of this
     * tree is the frozen document.
     */
    private JsonNode document(Filing filing, Declarant declarant, Filing original, String submitter, Instant at) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode document = nodes.objectNode();
        document.put("format", "backoffice-filing/1");
        document.put("filingId", filing.id.toString());
        document.put("type", filing.type.name());
        ObjectNode who = document.putObject("declarant");
        who.put("name", declarant.name);
        who.put("siren", declarant.siren);
        who.put("vatNumber", declarant.vatNumber);
        ObjectNode period = document.putObject("period");
        period.put("start", filing.periodStart.toString());
        period.put("end", filing.periodEnd.toString());
        document.put("dueDate", filing.dueDate.toString());
        document.set("content", contents.tree(filing.content));
        document.set("computed", contents.tree(filing.computed));
        if (original != null) {
            ObjectNode amends = document.putObject("amends");
            amends.put("filingId", original.id.toString());
            amends.put("depositReference", original.depositReference);
        }
        document.put("preparedBy", filing.preparedBy);
        document.put("validatedBy", filing.validatedBy);
        document.put("validatedAt", filing.validatedAt.toString());
        document.put("submittedBy", submitter);
        document.put("submittedAt", at.toString());
        return document;
    }
}
