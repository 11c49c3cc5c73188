package fr.backoffice.filing.service;

import com.fasterxml.jackson.databind.JsonNode;
import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.Persistence;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.ETags;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.declarant.Declarant;
import fr.backoffice.declarant.DeclarationDates;
import fr.backoffice.declarant.service.DeclarantService;
import fr.backoffice.filing.Filing;
import fr.backoffice.filing.FilingAction;
import fr.backoffice.filing.FilingCalendar;
import fr.backoffice.filing.FilingContent;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.Period;
import fr.backoffice.filing.api.NewFiling;
import fr.backoffice.filing.repository.FilingRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Drafts: creating one for a declarant's period, and replacing its content while it is a DRAFT. Each change runs
 * in one transaction, recorded in the filing's history (docs/filings.md "Filings").
 */
@ApplicationScoped
public class FilingDrafts {

    private final FilingRepository filings;

    private final DeclarantService declarants;

    private final FilingContents contents;

    private final FilingEvaluation evaluation;

    private final FilingJournal journal;

    private final Idempotency idempotency;

    private final Caller caller;

    private final TimeSource time;

    public FilingDrafts(FilingRepository filings, DeclarantService declarants, FilingContents contents,
                        FilingEvaluation evaluation, FilingJournal journal, Idempotency idempotency, Caller caller,
                        TimeSource time) {
        this.filings = filings;
        this.declarants = declarants;
        this.contents = contents;
        this.evaluation = evaluation;
        this.journal = journal;
        this.idempotency = idempotency;
        this.caller = caller;
        this.time = time;
    }

    @Audited
    @WithTransaction
    public Uni<Reply> create(String idempotencyKey, NewFiling request) {
        return idempotency.once(idempotencyKey, request, () -> insert(request)
                .flatMap(journal::created));
    }

    @Audited
    @WithTransaction
    public Uni<Reply> replaceContent(String id, String ifMatch, JsonNode body) {
        return filings.lock(id)
                .invoke(filing -> ETags.requireMatch(ifMatch, filing.version))
                .invoke(Filing::checkEditable)
                .flatMap(filing -> replaceContent(filing, body))
                .flatMap(journal::ok);
    }

    private Uni<Filing> insert(NewFiling request) {
        DeclarationDates.check("periodStart", request.periodStart());
        DeclarationDates.check("periodEnd", request.periodEnd());
        FilingContent content = contents.parse(request.type(), request.content());
        UUID declarantId = Ids.parse(request.declarantId()).orElseThrow(() -> unknownDeclarant(request.declarantId()));
        return declarants.find(declarantId)
                .onItem().ifNull().failWith(() -> unknownDeclarant(request.declarantId()))
                .map(declarant -> periodOf(declarant, request))
                .call(period -> refuseLive(declarantId, request, period))
                .flatMap(period -> draft(request, declarantId, period, content))
                .flatMap(filings::persist)
                .flatMap(filing -> journal.record(filing, FilingAction.CREATED, null, FilingStatus.DRAFT, filing.createdAt))
                .onFailure(Persistence::isUniqueViolation).transform(duplicate -> filingExists(null));
    }

    /**
     * The period of the request when it is one the declarant files for: a month or a quarter as its VAT regime says
     * (422 {@code INVALID_PERIOD} otherwise), the fiscal year for annual accounts, not ending before {@code liableFrom}
     * (422 {@code NOT_LIABLE}).
     */
    private static Period periodOf(Declarant declarant, NewFiling request) {
        FilingCalendar.periodError(request.type(), declarant.vatRegime, declarant.fiscalYearEndDay(),
                request.periodStart(), request.periodEnd()).ifPresent(error -> {
                    throw new ApiException(ProblemCode.INVALID_PERIOD, error, List.of(new FieldError("periodStart", error)));
                });
        Period period = new Period(request.periodStart(), request.periodEnd());
        if (!FilingCalendar.isLiable(declarant.liableFrom, period)) {
            throw new ApiException(ProblemCode.NOT_LIABLE, "The declarant is liable from " + declarant.liableFrom
                    + "; the period " + period + " ends before that.");
        }
        return period;
    }

    /** 409 {@code FILING_EXISTS} when a filing of this type for the declarant and period is under way or filed. */
    private Uni<Filing> refuseLive(UUID declarantId, NewFiling request, Period period) {
        return filings.live(declarantId, request.type(), period.start(), period.end())
                .invoke(existing -> {
                    if (existing != null) {
                        throw filingExists(existing.id);
                    }
                });
    }

    private Uni<Filing> draft(NewFiling request, UUID declarantId, Period period, FilingContent content) {
        return evaluation.of(request.type(), declarantId, period, content)
                .map(evaluated -> Filing.draft(request.type(), declarantId, period, evaluated.evaluation(), caller.id(),
                        time.now()));
    }

    private Uni<Filing> replaceContent(Filing filing, JsonNode body) {
        FilingContent content = contents.parse(filing.type, body);
        return evaluation.of(filing, content)
                .invoke(evaluated -> filing.replaceContent(evaluated.evaluation()))
                .flatMap(evaluated -> journal.record(filing, FilingAction.CONTENT_REPLACED, FilingStatus.DRAFT,
                        FilingStatus.DRAFT, time.now()));
    }

    private static ApiException unknownDeclarant(String id) {
        return new ApiException(ProblemCode.UNKNOWN_DECLARANT, "Declarant " + id + " does not exist.");
    }

    private static ApiException filingExists(UUID existing) {
        return new ApiException(ProblemCode.FILING_EXISTS, "A filing of this type for this declarant and period is already "
                + "under way or filed" + (existing == null ? "" : " (" + existing + ")")
                + "; correct it, or amend it once acknowledged.");
    }
}
