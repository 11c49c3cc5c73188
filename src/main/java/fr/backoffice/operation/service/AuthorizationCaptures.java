package fr.backoffice.operation.service;

import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.ledger.Posting;
import fr.backoffice.operation.Authorization;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.api.Creditor;
import fr.backoffice.operation.api.NewCapture;
import fr.backoffice.operation.api.NewOperation;
import fr.backoffice.operation.repository.AuthorizationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /authorizations/{id}/capture} (docs/operations-and-ledger.md "Authorizations"): each capture is an
 * executed TRANSFER between the authorization's sides, booked by the path every submission takes
 * ({@code operation_submit_batch}, through {@link SubmissionBatch}, with its checks, history, events and entries),
 * in the transaction that locks the authorization, checks the capture against it, releases its hold and holds again
 * what remains. So a capture and a void or the expiry of the same authorization never both win, and the debit
 * account's available balance never drops below its floor: the booking checks it after the release, under the same
 * account lock.
 */
@ApplicationScoped
public class AuthorizationCaptures {

    /** The outcome of a booking that would take the day's transfers to other banks over their four-eyes total. */
    private static final String NEEDS_APPROVAL = "NEEDS_APPROVAL";

    private final Authorizations authorizations;

    private final AuthorizationRepository repository;

    private final AuthorizationWrites writes;

    private final OperationIntake intake;

    private final OperationSubmission submission;

    private final Idempotency idempotency;

    private final TimeSource time;

    private final SubmissionRules rules;

    private final Pool pool;

    public AuthorizationCaptures(Authorizations authorizations, AuthorizationRepository repository,
            AuthorizationWrites writes, OperationIntake intake, OperationSubmission submission, Idempotency idempotency,
            TimeSource time, SubmissionRules rules, Pool pool) {
        this.authorizations = authorizations;
        this.repository = repository;
        this.writes = writes;
        this.intake = intake;
        this.submission = submission;
        this.idempotency = idempotency;
        this.time = time;
        this.rules = rules;
        this.pool = pool;
    }

    /** What one capture books: the operation, its entries, its amount. */
    private record Planned(Operation op, List<Posting> postings, BigDecimal amount) {
    }

    public Uni<Reply> capture(String id, String key, NewCapture request) {
        UUID authorizationId = authorizations.actionable(id);
        String fingerprint = key == null ? null
                : idempotency.fingerprint("POST /authorizations/" + id + "/capture", request);
        // the sides never change: read without a lock to plan the transfer, then checked again under the lock
        return repository.find(pool, authorizationId)
                .invoke(a -> authorizations.requireActionable(a, id))
                .flatMap(a -> planned(a, request))
                .flatMap(planned -> writes.once(key, fingerprint, sql -> repository.lock(sql, authorizationId)
                                .flatMap(a -> captured(sql, a, planned)))
                        .invoke(reply -> {
                            if (!reply.replayed()) {
                                // once committed: the metrics of a booked submission (docs/deployment.md "Metrics")
                                submission.counted(planned.op(), planned.postings().size());
                            }
                        }));
    }

    /** The transfer of this capture, checked as POST /operations checks one, and its entries. */
    private Uni<Planned> planned(Authorization a, NewCapture request) {
        BigDecimal amount = Money.amount("amount", request.amount(), Currency.getInstance(a.currency));
        Operation op = intake.received(new NewOperation(OperationType.TRANSFER, Money.format(amount, a.currency),
                a.currency, a.debitAccountId.toString(), a.creditAccountId == null ? null : a.creditAccountId.toString(),
                a.creditorIban == null ? null : new Creditor(a.creditorName, a.creditorIban, a.creditorBic),
                null, null, null, a.label, null));
        return submission.executedNow(op).map(postings -> new Planned(op, postings, amount));
    }

    private Uni<Reply> captured(SqlConnection sql, Authorization a, Planned planned) {
        Instant now = time.now();
        BigDecimal rest = a.capture(planned.op().id, planned.amount(), now);
        Authorization.Capture capture = a.captures.get(a.captures.size() - 1);
        return repository.lockAccounts(sql, a.debitAccountId, planned.postings().stream().map(Posting::accountId).distinct().toList())
                .flatMap(ignored -> repository.release(sql, a.id, now))
                .flatMap(ignored -> rest.signum() > 0
                        ? repository.holdRest(sql, a, Ids.newId(), rest, now)
                        : Uni.createFrom().voidItem())
                .flatMap(ignored -> booked(sql, planned))
                .flatMap(ignored -> repository.update(sql, a))
                .flatMap(ignored -> repository.insertCapture(sql, a.id, capture))
                .flatMap(ignored -> writes.published(sql, EventType.AUTHORIZATION_CAPTURED, a, now))
                .map(view -> Reply.ok(view, a.version));
    }

    /** Books the transfer, executed, in this transaction; any refusal rolls the whole capture back. */
    private Uni<Void> booked(SqlConnection sql, Planned planned) {
        Operation op = planned.op();
        OperationSubmission.Prepared prepared = submission.prepare(op, planned.postings(), null, null, null, op.submittedBy);
        return SubmissionBatch.book(sql, List.of(prepared.submission()), rules, true)
                .map(outcomes -> {
                    SubmissionBatch.Outcome outcome = outcomes.get(0);
                    if (!"DONE".equals(outcome.outcome())) {
                        throw notBooked(outcome, op);
                    }
                    return null;
                });
    }

    /** Why the booking refused the capture's transfer (with atomic booking, nothing was written). */
    private static RuntimeException notBooked(SubmissionBatch.Outcome outcome, Operation op) {
        return switch (outcome.outcome()) {
            case "REFUSED" -> OperationSubmission.refusal(outcome, op);
            case NEEDS_APPROVAL -> new ApiException(ProblemCode.CAPTURE_NEEDS_APPROVAL,
                    "This capture needs four eyes (" + SubmissionRules.reviewReason(outcome.limitId())
                            + "); nothing was booked. Submit it as an operation.");
            default -> new IllegalStateException("Capture booking answered " + outcome.outcome());
        };
    }
}
