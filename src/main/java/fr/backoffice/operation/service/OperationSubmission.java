package fr.backoffice.operation.service;

import fr.backoffice.account.repository.AccountReader.Facts;
import fr.backoffice.account.repository.AccountReader;
import fr.backoffice.audit.service.AuditTrail;
import fr.backoffice.audit.service.RequestAudit;
import fr.backoffice.common.Ids;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.ledger.Posting;
import fr.backoffice.ledger.Refusal;
import fr.backoffice.ledger.service.LedgerMetrics;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationAction;
import fr.backoffice.operation.OperationLifecycle;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.api.NewOperation;
import fr.backoffice.operation.api.OperationView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code POST /operations}, the hot path of the service, with no ORM: the facts of the accounts the request names (to
 * validate it and find its unit; remembered, so usually no read at all, see {@link AccountReader}), then its booking
 * by {@link GroupCommit}, which hands it with the submissions arriving at the same time to one call of the database
 * function {@code operation_submit_batch} (V3__operations_and_ledger.sql): in one transaction, the idempotency
 * locks, the accounts locked and checked, and the operation, its history, its entries or hold, its events, the stored
 * answer and the audit record (V2__events_and_audit.sql) of each. A transfer to another bank that the
 * day's total of its debit account sends to four eyes is answered NEEDS_APPROVAL with nothing written, and submitted
 * once more as waiting for approval. Every row is built here, in Java, from the same rules ({@link OperationIntake})
 * and views as the rest of the service ({@link SubmissionBatch}).
 */
@ApplicationScoped
public class OperationSubmission {

    private static final String REQUEST_LINE = "POST /operations";
    /** The outcome of a submission that must wait for four eyes (nothing written). */
    private static final String NEEDS_APPROVAL = "NEEDS_APPROVAL";
    /** The refusal of a submission over a limit whose excess is DENY (V10__limits.sql). */
    private static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";

    private final GroupCommit groupCommit;

    private final AccountReader accounts;

    private final OperationIntake intake;

    private final Execution execution;

    private final Idempotency idempotency;

    private final RequestAudit requestAudit;

    private final Caller caller;

    private final TimeSource time;

    private final BackOfficeConfig config;

    private final OperationMetrics metrics;

    private final LedgerMetrics ledgerMetrics;

    private final OperationJournal journal;

    public OperationSubmission(GroupCommit groupCommit, AccountReader accounts, OperationIntake intake,
            Execution execution, Idempotency idempotency, RequestAudit requestAudit, Caller caller, TimeSource time,
            BackOfficeConfig config, OperationMetrics metrics, LedgerMetrics ledgerMetrics, OperationJournal journal) {
        this.groupCommit = groupCommit;
        this.accounts = accounts;
        this.intake = intake;
        this.execution = execution;
        this.idempotency = idempotency;
        this.requestAudit = requestAudit;
        this.caller = caller;
        this.time = time;
        this.config = config;
        this.metrics = metrics;
        this.ledgerMetrics = ledgerMetrics;
        this.journal = journal;
    }

    private static final Logger LOG = Logger.getLogger(OperationSubmission.class);

    /** What one attempt of a submission needs besides the operation itself. */
    private record Attempt(String idempotencyKey, String fingerprint, AuditTrail.Entry audit) {
    }

    public Uni<Reply> submit(String idempotencyKey, NewOperation request) {
        Operation op = intake.received(request);
        // built now, while the request is being served; written only with the operation (or a replay)
        AuditTrail.Entry audit = requestAudit.accepted(201, location(op));
        String fingerprint = idempotencyKey == null ? null : idempotency.fingerprint(REQUEST_LINE, request);
        Attempt attempt = new Attempt(idempotencyKey, fingerprint, audit);
        return planned(op).flatMap(postings -> write(op, postings, attempt));
    }

    /**
     * What is checked before booking (the accounts' unit, a creditor that is not ours) and the entries of a
     * straight-through execution, none otherwise.
     */
    Uni<List<Posting>> planned(Operation op) {
        return checked(op).flatMap(ignored -> postingsIfStraightThrough(op));
    }

    /** The checks of {@link #planned} against the accounts the operation names, and its unit; nothing booked. */
    Uni<Void> checked(Operation op) {
        return accountsOf(op)
                .invoke(named -> op.belongTo(intake.owner(op, named)))
                .call(named -> creditorNotHeldHere(op))
                .replaceWithVoid();
    }

    /**
     * The same checks, and the entries of an execution now whatever the amount: an authorization's capture, whose
     * amount was bounded by the straight-through threshold when it was authorized
     * (docs/operations-and-ledger.md "Authorizations").
     */
    Uni<List<Posting>> executedNow(Operation op) {
        return checked(op).flatMap(ignored -> execution.postings(op));
    }

    /** The unit, currency and type of the accounts the request names (not locked: their booking locks them). */
    private Uni<Map<UUID, Facts>> accountsOf(Operation op) {
        return accounts.facts(Stream.of(op.debitAccountId, op.creditAccountId).filter(Objects::nonNull).toList());
    }

    private Uni<Void> creditorNotHeldHere(Operation op) {
        if (op.creditorIban == null) {
            return Uni.createFrom().voidItem();
        }
        return accounts.ibanExists(op.creditorIban).invoke(held -> {
            if (held) {
                throw new ApiException(ProblemCode.CREDITOR_HELD_HERE,
                        "The creditor's IBAN is an account of ours: submit an internal transfer with creditAccountId.");
            }
        }).replaceWithVoid();
    }

    /**
     * Small transfers and cash operations for today, submitted by a front-office application, execute in the
     * submitting request: these are their entries. An agent is a person of the bank, so what an agent submits waits
     * for another person whatever its amount, even when the token is also a front-office application's
     * (docs/operations-and-ledger.md "Operations and the ledger"); the validation that follows is refused to the
     * submitter.
     */
    private Uni<List<Posting>> postingsIfStraightThrough(Operation op) {
        boolean straightThrough = OperationLifecycle.permits(op.type, OperationStatus.RECEIVED, OperationAction.EXECUTE)
                && !caller.is(Roles.AGENT)
                && !op.requiresApproval
                && op.amount.compareTo(config.stpThreshold()) <= 0
                && !op.requestedExecutionDate.isAfter(time.today());
        return straightThrough ? execution.postings(op) : Uni.createFrom().item(List.of());
    }

    private static String location(Operation op) {
        return "/operations/" + op.id;
    }

    /** A submission ready to book, and the answer it gives once booked. */
    record Prepared(SubmissionBatch.Submission submission, OperationView view) {
    }

    /**
     * Builds every row the submission writes, for {@code operation_submit_batch}. The history, the answer and the
     * events come from the same in-memory operation, so nothing is read back.
     */
    Prepared prepare(Operation op, List<Posting> postings, String idempotencyKey, String fingerprint,
                     AuditTrail.Entry audit, String actor) {
        boolean execute = !postings.isEmpty();
        op.receive(actor, execute);
        OperationView view = OperationView.of(op, op.newHistory);
        String body = idempotency.write(view);
        return new Prepared(new SubmissionBatch.Submission(actor, idempotencyKey, fingerprint, op,
                List.copyOf(op.newHistory), postings, postings.stream().map(p -> Ids.newId()).toList(),
                Execution.label(op), execute ? null : Ids.newId(), OperationJournal.eventTypes(op), body, audit,
                BusinessCalendar.dayOf(op.receivedAt, time.businessZone()),
                BusinessCalendar.monthOf(op.receivedAt, time.businessZone())), view);
    }

    /** Books the submission with those arriving at the same time ({@link GroupCommit}) and answers it. */
    private Uni<Reply> write(Operation op, List<Posting> postings, Attempt attempt) {
        Prepared prepared = prepare(op, postings, attempt.idempotencyKey(), attempt.fingerprint(), attempt.audit(),
                op.submittedBy);
        return groupCommit.book(prepared.submission()).flatMap(outcome -> {
            if (NEEDS_APPROVAL.equals(outcome.outcome())) {
                // over a limit whose excess is reviewed (V10__limits.sql): nothing was written; the same
                // operation, now waiting for four eyes, is submitted again
                toReview(op, outcome);
                return write(op, List.of(), attempt);
            }
            Uni<Void> told = outcome.creditWatched() && OperationJournal.isCredit(op) ? arrived(op)
                    : Uni.createFrom().voidItem();
            return told.map(ignored -> outcome(outcome, op, prepared, postings.size(), attempt.fingerprint()));
        });
    }

    /**
     * A straight-through internal transfer, booked and committed by {@code operation_submit_batch}: told to
     * {@link CreditArrivals} in a transaction of its own, before the answer, when the booking found an open expected
     * payment on the credited account ({@code creditWatched}).
     * See docs/reconciliation.md "Expected payments".
     * The transfer is booked whatever happens here: a failure is logged, and what it left undone is caught up later
     * by the expected payments' scheduler.
     */
    private Uni<Void> arrived(Operation op) {
        return Panache.withTransaction(() -> journal.arrived(op))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Credit %s booked; telling it on arrival failed, left to the catch-up", op.id);
                    return null;
                });
    }

    private Reply outcome(SubmissionBatch.Outcome outcome, Operation op, Prepared prepared, int posted, String fingerprint) {
        return switch (outcome.outcome()) {
            case "DONE" -> {
                counted(op, posted);
                // the answer as already written for the events and the stored answer: serialised once
                yield Reply.created(prepared.submission().body(), location(op), op.version);
            }
            case "REFUSED" -> {
                metrics.submitted(op.type, OperationMetrics.Outcome.REFUSED);
                throw refusal(outcome, op);
            }
            case "IN_FLIGHT" -> throw Idempotency.inFlight();
            default -> idempotency.answer(outcome.stored(), fingerprint);
        };
    }

    /** Counts a booked submission in the metrics (docs/deployment.md "Metrics"). */
    void counted(Operation op, int posted) {
        metrics.submitted(op.type, posted > 0 ? OperationMetrics.Outcome.STRAIGHT_THROUGH : OperationMetrics.Outcome.QUEUED);
        metrics.reached(op.type, op.newHistory);
        ledgerMetrics.posted(posted);
    }

    /**
     * A submission over a limit whose excess is REVIEW, or that a velocity rule stops, waits for four eyes, the limit
     * or the rule named in its history (docs/operations-and-ledger.md "Velocity rules").
     */
    void toReview(Operation op, SubmissionBatch.Outcome outcome) {
        op.holdForReview(outcome.limitId() == null ? null : SubmissionRules.reviewReason(outcome.limitId()));
        SubmissionRules.VelocityRule.named(outcome.limitId()).ifPresent(metrics::fired);
    }

    /** The problem of a refused submission, naming the field of the refusing account, or the limit it exceeds. */
    static ApiException refusal(SubmissionBatch.Outcome outcome, Operation op) {
        if (LIMIT_EXCEEDED.equals(outcome.refusal())) {
            return new ApiException(ProblemCode.LIMIT_EXCEEDED, "The operation would exceed the limit "
                    + outcome.limitId() + " of the debit account (GET /accounts/" + op.debitAccountId
                    + "/limits): refused.", List.of(new FieldError("amount", "exceeds the limit " + outcome.limitId())));
        }
        return Refusal.valueOf(outcome.refusal())
                .problem(outcome.refusingAccount().equals(op.creditAccountId) ? "creditAccountId" : "debitAccountId");
    }
}
