package fr.backoffice.filing.service;

import fr.backoffice.common.time.TimeSource;
import fr.backoffice.common.config.BackOfficeConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.Persistence;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.http.ETags;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.declarant.Declarant;
import fr.backoffice.declarant.DeclarationDates;
import fr.backoffice.declarant.repository.DeclarantRepository;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.filing.AcknowledgementOutcome;
import fr.backoffice.filing.CanonicalJson;
import fr.backoffice.filing.Filing;
import fr.backoffice.filing.FilingAction;
import fr.backoffice.filing.FilingCalendar;
import fr.backoffice.filing.FilingContent;
import fr.backoffice.filing.FilingDocument;
import fr.backoffice.filing.FilingHistoryEntry;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.FilingType;
import fr.backoffice.filing.Period;
import fr.backoffice.filing.annual.AnnualAccountsChecks;
import fr.backoffice.filing.annual.AnnualAccountsContent;
import fr.backoffice.filing.check.CheckReport;
import fr.backoffice.filing.check.CheckResult;
import fr.backoffice.filing.check.FilingChecks;
import fr.backoffice.filing.gateway.AdministrationGateway;
import fr.backoffice.filing.gateway.Deposit;
import fr.backoffice.filing.repository.FilingDocumentRepository;
import fr.backoffice.filing.repository.FilingHistoryRepository;
import fr.backoffice.filing.repository.FilingRepository;
import fr.backoffice.filing.rest.FilingDtos.AcknowledgementView;
import fr.backoffice.filing.rest.FilingDtos.FilingView;
import fr.backoffice.filing.rest.FilingDtos.HistoryView;
import fr.backoffice.filing.rest.FilingDtos.NewAcknowledgement;
import fr.backoffice.filing.rest.FilingDtos.NewFiling;
import fr.backoffice.filing.rest.FilingDtos.SubmissionView;
import fr.backoffice.filing.vat.PreviousReturn;
import fr.backoffice.filing.vat.VatComputation;
import fr.backoffice.filing.vat.VatComputed;
import fr.backoffice.filing.vat.VatReturnChecks;
import fr.backoffice.filing.vat.VatReturnContent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The lifecycle of filings (README "Filings in one minute"). Every change runs in one transaction with the filing's row locked,
 * records who did it in the history, and either completes or leaves nothing behind.
 */
@ApplicationScoped
public class FilingService {

    @Inject
    FilingRepository filings;

    @Inject
    TimeSource time;

    @Inject
    FilingHistoryRepository history;

    @Inject
    FilingDocumentRepository documents;

    @Inject
    DeclarantRepository declarants;

    @Inject
    FilingContents contents;

    @Inject
    AdministrationGateway gateway;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Inject
    Events events;

    /** The day a declaration "is" in: the administration's time zone decides when a period is over or a filing late. */
    @Inject
    BackOfficeConfig config;

    // ---- creation

    @Audited
    @WithTransaction
    public Uni<Reply> create(String idempotencyKey, NewFiling request) {
        return idempotency.once(caller.id(), idempotencyKey, "POST /filings", request, () -> insert(request)
                .flatMap(filing -> view(filing).map(view -> Reply.created(view, "/filings/" + filing.id, filing.version))));
    }

    private Uni<Filing> insert(NewFiling request) {
        DeclarationDates.check("periodStart", request.periodStart());
        DeclarationDates.check("periodEnd", request.periodEnd());
        FilingContent content = contents.parse(request.type(), request.content());
        UUID declarantId = Ids.parse(request.declarantId()).orElseThrow(() -> unknownDeclarant(request.declarantId()));
        return declarants.findById(declarantId).flatMap(declarant -> {
            if (declarant == null) {
                throw unknownDeclarant(request.declarantId());
            }
            FilingCalendar.periodError(request.type(), declarant.vatRegime, declarant.fiscalYearEndDay(),
                    request.periodStart(), request.periodEnd()).ifPresent(error -> {
                        throw new ApiException(422, "INVALID_PERIOD", error, List.of(new FieldError("periodStart", error)));
                    });
            Period period = new Period(request.periodStart(), request.periodEnd());
            if (!FilingCalendar.isLiable(declarant.liableFrom, period)) {
                throw ApiException.unprocessable("NOT_LIABLE", "The declarant is liable from " + declarant.liableFrom
                        + "; the period " + period + " ends before that.");
            }
            return filings.live(declarantId, request.type(), period.start(), period.end()).flatMap(existing -> {
                if (existing != null) {
                    throw filingExists(existing.id);
                }
                return evaluate(request.type(), declarantId, period, content);
            }).flatMap(evaluated -> {
                Filing filing = new Filing();
                filing.id = Ids.newId();
                filing.type = request.type();
                filing.declarantId = declarantId;
                filing.periodStart = period.start();
                filing.periodEnd = period.end();
                filing.status = FilingStatus.DRAFT;
                filing.replaceContent(evaluated.evaluation());
                filing.preparedBy = caller.id();
                filing.createdAt = time.now();
                return filings.persist(filing)
                        .flatMap(saved -> record(filing, FilingAction.CREATED, null, FilingStatus.DRAFT, filing.createdAt));
            });
        }).onFailure(Persistence::isUniqueViolation).transform(duplicate -> filingExists(null));
    }

    // ---- editing a draft

    @Audited
    @WithTransaction
    public Uni<Reply> replaceContent(String id, String ifMatch, JsonNode body) {
        return lock(id).flatMap(filing -> {
            ETags.requireMatch(ifMatch, filing.version);
            filing.checkEditable();
            FilingContent content = contents.parse(filing.type, body);
            return evaluate(filing.type, filing.declarantId, filing.period(), content).flatMap(evaluated -> {
                filing.replaceContent(evaluated.evaluation());
                return record(filing, FilingAction.CONTENT_REPLACED, FilingStatus.DRAFT, FilingStatus.DRAFT, time.now());
            });
        }).flatMap(this::ok);
    }

    // ---- transitions

    @Audited
    @WithTransaction
    public Uni<Reply> validate(String id, String ifMatch, String idempotencyKey) {
        return idempotency.once(caller.id(), idempotencyKey, "POST /filings/" + id + "/validate", Map.of(),
                () -> lock(id).flatMap(filing -> {
                    ETags.checkMatch(ifMatch, filing.version);
                    filing.checkValidatable();
                    FilingContent content = contents.stored(filing.type, filing.content);
                    return evaluate(filing.type, filing.declarantId, filing.period(), content).flatMap(evaluated -> {
                        if (!evaluated.report().passed()) {
                            throw checksFailed(evaluated.report());
                        }
                        Instant at = time.now();
                        FilingStatus from = filing.validate(evaluated.evaluation(), caller.id(), at);
                        return record(filing, FilingAction.VALIDATED, from, filing.status, at);
                    });
                }).flatMap(this::ok));
    }

    @Audited
    @WithTransaction
    public Uni<Reply> submit(String id, String ifMatch, String idempotencyKey) {
        return idempotency.once(caller.id(), idempotencyKey, "POST /filings/" + id + "/submit", Map.of(),
                () -> lock(id).flatMap(filing -> {
                    ETags.checkMatch(ifMatch, filing.version);
                    filing.checkSubmittable();
                    return history.of(filing.id).flatMap(entries -> {
                        checkFourEyes(filing, entries);
                        return declarants.findById(filing.declarantId);
                    }).flatMap(declarant -> amended(filing).flatMap(original -> deposit(filing, declarant, original)));
                }).flatMap(this::ok));
    }

    /** Freezes the document, hands it to the gateway, and records the submission, all in the caller's transaction. */
    private Uni<Filing> deposit(Filing filing, Declarant declarant, Filing original) {
        Instant at = time.now();
        String submitter = caller.id();
        byte[] document = CanonicalJson.bytes(document(filing, declarant, original, submitter, at));
        String digest = CanonicalJson.sha256(document);
        return gateway.deposit(new Deposit(filing.id, filing.type, declarant.siren, document, digest, at)).flatMap(reference -> {
            FilingStatus from = filing.submit(submitter, at, digest, reference);
            FilingDocument frozen = new FilingDocument();
            frozen.filingId = filing.id;
            frozen.body = document;
            frozen.digest = digest;
            frozen.createdAt = at;
            return documents.persist(frozen).flatMap(saved -> record(filing, FilingAction.SUBMITTED, from, filing.status, at));
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> acknowledge(String id, String ifMatch, String idempotencyKey, NewAcknowledgement request) {
        if (request.outcome() == AcknowledgementOutcome.REJECTED && (request.reason() == null || request.reason().isBlank())) {
            throw ApiException.invalidField("reason", "is required when the outcome is REJECTED");
        }
        return idempotency.once(caller.id(), idempotencyKey, "POST /filings/" + id + "/acknowledgement", request,
                () -> lock(id).flatMap(filing -> {
                    ETags.checkMatch(ifMatch, filing.version);
                    Instant at = time.now();
                    String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
                    FilingStatus from = filing.acknowledge(request.outcome(), request.administrationReference().strip(),
                            reason, caller.id(), at);
                    return record(filing, request.outcome() == AcknowledgementOutcome.ACCEPTED
                            ? FilingAction.ACCEPTED : FilingAction.REJECTED, from, filing.status, at);
                }).flatMap(this::ok));
    }

    /** A new draft correcting an acknowledged filing: same type, declarant and period, the content copied. */
    @Audited
    @WithTransaction
    public Uni<Reply> amend(String id, String ifMatch, String idempotencyKey) {
        return idempotency.once(caller.id(), idempotencyKey, "POST /filings/" + id + "/amend", Map.of(),
                () -> lock(id).flatMap(original -> {
                    ETags.checkMatch(ifMatch, original.version);
                    original.checkAmendable();
                    FilingContent content = contents.stored(original.type, original.content);
                    return evaluate(original.type, original.declarantId, original.period(), content).flatMap(evaluated -> {
                        Instant at = time.now();
                        Filing amendment = new Filing();
                        amendment.id = Ids.newId();
                        amendment.type = original.type;
                        amendment.declarantId = original.declarantId;
                        amendment.periodStart = original.periodStart;
                        amendment.periodEnd = original.periodEnd;
                        amendment.status = FilingStatus.DRAFT;
                        amendment.replaceContent(evaluated.evaluation());
                        amendment.preparedBy = caller.id();
                        amendment.createdAt = at;
                        amendment.amends = original.id;
                        original.amendedBy(amendment.id);
                        return filings.persist(amendment)
                                .flatMap(saved -> history.persist(FilingHistoryEntry.of(original.id, at, caller.id(),
                                        FilingAction.AMENDED, original.status, original.status)))
                                .flatMap(saved -> filings.flush())
                                .flatMap(flushed -> publish(original, FilingAction.AMENDED))
                                .flatMap(published -> record(amendment, FilingAction.CREATED, null, FilingStatus.DRAFT, at));
                    });
                }).onFailure(Persistence::isUniqueViolation).transform(duplicate -> Filing.alreadyAmended(null))
                        .flatMap(amendment -> view(amendment)
                                .map(view -> Reply.created(view, "/filings/" + amendment.id, amendment.version))));
    }

    // ---- reading

    @WithSession
    public Uni<Reply> get(String id) {
        return find(id).flatMap(this::ok);
    }

    @WithSession
    public Uni<Page<FilingView>> list(FilingRepository.Filter filter, PageRequest page) {
        int limit = page.limit();
        UUID after = page.afterId();
        return filings.page(filter, after, limit + 1).flatMap(rows -> {
            List<Filing> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
            return history.of(shown.stream().map(filing -> filing.id).toList()).map(entries -> {
                Map<UUID, List<FilingHistoryEntry>> byFiling = entries.stream()
                        .collect(Collectors.groupingBy(entry -> entry.filingId));
                return Page.of(rows, limit, filing -> filing.id.toString(),
                        filing -> toView(filing, byFiling.getOrDefault(filing.id, List.of())));
            });
        });
    }

    /** The exact bytes of a submitted document and their lower-case hex SHA-256. */
    public record SubmittedDocument(byte[] body, String digest) {
    }

    /** The exact bytes submitted: 404 for an unknown filing, 409 before submission. */
    @WithSession
    public Uni<SubmittedDocument> document(String id) {
        return find(id).flatMap(filing -> {
            if (filing.submittedAt == null) {
                throw ApiException.conflict("NOT_SUBMITTED",
                        "The filing is " + filing.status + "; its document exists once it is submitted.");
            }
            return documents.findById(filing.id);
        }).map(document -> {
            if (document == null) {
                throw new IllegalStateException("A submitted filing has no document: " + id);
            }
            return new SubmittedDocument(document.body, document.digest);
        });
    }

    // ---- evaluation: computed figures, checks, due date

    /** What the content gives for this filing today: the computation, every check, and the due date. */
    private record Evaluated(Filing.Evaluation evaluation, CheckReport report) {
    }

    private Uni<Evaluated> evaluate(FilingType type, UUID declarantId, Period period, FilingContent content) {
        Instant at = time.now();
        LocalDate today = LocalDate.ofInstant(at, config.filing().timeZone());
        if (type == FilingType.VAT_RETURN) {
            VatReturnContent vat = (VatReturnContent) content;
            return preceding(declarantId, period).map(preceding -> {
                VatComputed computed = VatComputation.compute(vat, preceding.accepted());
                CheckReport report = VatReturnChecks.run(vat, preceding.accepted(), preceding.notAccepted(), period, today);
                return evaluated(vat, computed, report, at, FilingCalendar.vatDueDate(period));
            });
        }
        AnnualAccountsContent annual = (AnnualAccountsContent) content;
        CheckReport report = AnnualAccountsChecks.run(annual, period, today);
        return Uni.createFrom().item(evaluated(annual, AnnualAccountsChecks.compute(annual, period), report, at,
                FilingCalendar.annualAccountsDueDate(period, annual.approvalDay())));
    }

    private Evaluated evaluated(FilingContent content, Object computed, CheckReport report, Instant at, LocalDate dueDate) {
        return new Evaluated(new Filing.Evaluation(contents.write(content), contents.write(computed),
                contents.write(FilingChecks.of(report, at)), dueDate), report);
    }

    /**
     * The credit brought forward comes from the return of the immediately preceding period only, once accepted (the
     * last acknowledged, for an accepted amendment). When that return is not accepted yet, or missing while earlier
     * returns exist, nothing is guessed: the check PREVIOUS_RETURN_NOT_ACCEPTED fails with its status.
     */
    private Uni<Preceding> preceding(UUID declarantId, Period period) {
        return filings.vatReturnsEndingOn(declarantId, period.start().minusDays(1)).flatMap(returns -> {
            for (Filing filing : returns) {
                if (filing.status == FilingStatus.ACCEPTED) {
                    return Uni.createFrom().item(new Preceding(new PreviousReturn(filing.id.toString(),
                            contents.read(filing.computed, VatComputed.class).creditToCarryForward()), null));
                }
            }
            if (!returns.isEmpty()) {
                return Uni.createFrom().item(new Preceding(null, returns.get(0).status.name()));
            }
            return filings.anyVatReturnBefore(declarantId, period.start())
                    .map(earlier -> new Preceding(null, earlier ? VatReturnChecks.MISSING : null));
        });
    }

    /** The preceding period's accepted return, or why there is none to use (null: the declarant's first return). */
    private record Preceding(PreviousReturn accepted, String notAccepted) {
    }

    private static ApiException checksFailed(CheckReport report) {
        List<CheckResult> failures = report.failures();
        List<FieldError> errors = failures.stream()
                .map(failure -> new FieldError(failure.field() == null ? "content" : failure.field(),
                        failure.code() + ": " + failure.message()))
                .toList();
        return new ApiException(422, "FILING_CHECKS_FAILED", failures.size() + " check(s) failed: "
                + failures.stream().map(CheckResult::code).collect(Collectors.joining(", ")) + ".", errors);
    }

    // ---- the submitted document

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

    private Uni<Filing> amended(Filing filing) {
        return filing.amends == null ? Uni.createFrom().nullItem() : filings.findById(filing.amends);
    }

    /** Whoever created or edited the draft, or validated it, cannot submit it (four-eyes, README "Security rules"). */
    private void checkFourEyes(Filing filing, List<FilingHistoryEntry> entries) {
        String me = caller.id();
        if (me.equals(filing.validatedBy)) {
            throw ApiException.forbidden("FOUR_EYES_VIOLATION",
                    "You validated this filing; a supervisor who neither prepared nor validated it must submit it.");
        }
        Set<FilingAction> preparing = Set.of(FilingAction.CREATED, FilingAction.CONTENT_REPLACED);
        boolean prepared = me.equals(filing.preparedBy)
                || entries.stream().anyMatch(entry -> preparing.contains(entry.action) && me.equals(entry.actor));
        if (prepared) {
            throw ApiException.forbidden("FOUR_EYES_VIOLATION",
                    "You prepared this filing; a supervisor who neither prepared nor validated it must submit it.");
        }
    }

    // ---- plumbing

    private Uni<Filing> lock(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Filing " + id));
        return filings.findById(uuid, LockModeType.PESSIMISTIC_WRITE).map(filing -> {
            if (filing == null) {
                throw ApiException.notFound("Filing " + id);
            }
            return filing;
        });
    }

    private Uni<Filing> find(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Filing " + id));
        return filings.findById(uuid).map(filing -> {
            if (filing == null) {
                throw ApiException.notFound("Filing " + id);
            }
            return filing;
        });
    }

    /**
     * Appends the history entry and flushes, so the filing carries its new version; then appends the change's
     * event (one per history entry, i.e. per state change), in the same transaction.
     */
    private Uni<Filing> record(Filing filing, FilingAction action, FilingStatus from, FilingStatus to, Instant at) {
        return history.persist(FilingHistoryEntry.of(filing.id, at, caller.id(), action, from, to))
                .flatMap(entry -> filings.flush())
                .flatMap(flushed -> publish(filing, action));
    }

    /** The event of a recorded (and flushed) change, with the filing's view as the endpoints answer it. */
    private Uni<Filing> publish(Filing filing, FilingAction action) {
        return view(filing)
                .call(view -> events.append(eventType(action), filing.id.toString(), view))
                .replaceWith(filing);
    }

    static EventType eventType(FilingAction action) {
        return switch (action) {
            case CREATED -> EventType.FILING_CREATED;
            case CONTENT_REPLACED -> EventType.FILING_CONTENT_REPLACED;
            case VALIDATED -> EventType.FILING_VALIDATED;
            case SUBMITTED -> EventType.FILING_SUBMITTED;
            case ACCEPTED -> EventType.FILING_ACCEPTED;
            case REJECTED -> EventType.FILING_REJECTED;
            case AMENDED -> EventType.FILING_AMENDED;
        };
    }

    private Uni<Reply> ok(Filing filing) {
        return view(filing).map(view -> Reply.ok(view, filing.version));
    }

    private Uni<FilingView> view(Filing filing) {
        return history.of(filing.id).map(entries -> toView(filing, entries));
    }

    private FilingView toView(Filing filing, List<FilingHistoryEntry> entries) {
        return new FilingView(filing.id.toString(), filing.type, filing.declarantId.toString(), filing.periodStart,
                filing.periodEnd, filing.dueDate, filing.status, contents.tree(filing.content), contents.tree(filing.computed),
                contents.read(filing.checks, FilingChecks.class), filing.preparedBy, filing.validatedBy, filing.submittedBy,
                filing.submittedAt == null ? null
                        : new SubmissionView(filing.submittedAt, filing.digest, filing.depositReference),
                filing.ackOutcome == null ? null
                        : new AcknowledgementView(filing.ackOutcome, filing.ackAdministrationReference, filing.ackReason,
                        filing.ackReceivedAt, filing.ackRecordedBy),
                filing.amends == null ? null : filing.amends.toString(),
                filing.amendedBy == null ? null : filing.amendedBy.toString(),
                entries.stream().map(entry -> new HistoryView(entry.at, entry.actor, entry.action, entry.fromStatus,
                        entry.toStatus)).toList(),
                filing.createdAt, filing.version);
    }

    private static ApiException unknownDeclarant(String id) {
        return ApiException.unprocessable("UNKNOWN_DECLARANT", "Declarant " + id + " does not exist.");
    }

    private static ApiException filingExists(UUID existing) {
        return ApiException.conflict("FILING_EXISTS", "A filing of this type for this declarant and period is already "
                + "under way or filed" + (existing == null ? "" : " (" + existing + ")")
                + "; correct it, or amend it once acknowledged.");
    }

}
