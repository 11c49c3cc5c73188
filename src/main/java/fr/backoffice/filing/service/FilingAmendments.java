package fr.backoffice.filing.service;

import fr.backoffice.audit.Audited;
import fr.backoffice.common.Persistence;
import fr.backoffice.common.http.ETags;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.filing.Filing;
import fr.backoffice.filing.FilingAction;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.repository.FilingRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Amendments: an ACCEPTED or REJECTED filing is corrected, once, by a new draft of the same type, declarant and
 * period, its content copied. The original records {@code AMENDED} and names the amendment in {@code amendedBy}.
 */
@ApplicationScoped
public class FilingAmendments {

    private final FilingRepository filings;

    private final FilingEvaluation evaluation;

    private final FilingJournal journal;

    private final Idempotency idempotency;

    private final Caller caller;

    private final TimeSource time;

    public FilingAmendments(FilingRepository filings, FilingEvaluation evaluation, FilingJournal journal,
                            Idempotency idempotency, Caller caller, TimeSource time) {
        this.filings = filings;
        this.evaluation = evaluation;
        this.journal = journal;
        this.idempotency = idempotency;
        this.caller = caller;
        this.time = time;
    }

    @Audited
    @WithTransaction
    public Uni<Reply> amend(String id, String ifMatch, String idempotencyKey) {
        return idempotency.once(idempotencyKey, Map.of(),
                () -> filings.lock(id)
                        .invoke(original -> ETags.checkMatch(ifMatch, original.version))
                        .invoke(Filing::checkAmendable)
                        .flatMap(this::amendment)
                        .onFailure(Persistence::isUniqueViolation).transform(duplicate -> Filing.alreadyAmended(null))
                        .flatMap(journal::created));
    }

    /** The new draft, its content evaluated again today; both it and the original record the change. */
    private Uni<Filing> amendment(Filing original) {
        return evaluation.ofStored(original)
                .map(evaluated -> original.amendWith(evaluated.evaluation(), caller.id(), time.now()))
                .call(filings::persist)
                .call(amendment -> journal.record(original, FilingAction.AMENDED, original.status, original.status,
                        amendment.createdAt))
                .call(amendment -> journal.record(amendment, FilingAction.CREATED, null, FilingStatus.DRAFT,
                        amendment.createdAt));
    }
}
