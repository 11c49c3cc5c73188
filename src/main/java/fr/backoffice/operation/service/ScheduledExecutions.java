package fr.backoffice.operation.service;

import fr.backoffice.common.Persistence;
import fr.backoffice.common.error.Outages;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationAction;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.repository.OperationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Executes SCHEDULED operations once their value date has come, unless a DENY limit of the debit account is now
 * exceeded (then REJECTED, reason LIMIT_EXCEEDED). Each operation runs in its own
 * transaction and is picked with SKIP LOCKED, so any number of instances can run this together
 * without executing an operation twice or waiting on each other. One that an account refuses goes back to its
 * unit's queue ({@link Execution}); one that fails for a technical reason is postponed with back-off; neither holds
 * up the others.
 */
@ApplicationScoped
public class ScheduledExecutions {

    public static final String ACTOR = "system:scheduler";
    private static final Logger LOG = Logger.getLogger(ScheduledExecutions.class);
    /** Bounds one run; the next run picks up the rest. */
    private static final int MAX_PER_RUN = 500;
    /** After a technical failure, the first delay before the operation is tried again (doubled each time). */
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private final OperationRepository operations;

    private final Execution execution;

    private final OperationJournal journal;

    private final TimeSource time;

    private final SubmissionRules rules;

    public ScheduledExecutions(OperationRepository operations, Execution execution, OperationJournal journal,
            TimeSource time, SubmissionRules rules) {
        this.operations = operations;
        this.execution = execution;
        this.journal = journal;
        this.time = time;
        this.rules = rules;
    }

    @Scheduled(every = "${backoffice.scheduler.every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return Outages.skippedDuringOutage("the run of scheduled operations", runDue().invoke(count -> {
            if (count > 0) {
                LOG.infof("Executed %d scheduled operation(s)", count);
            }
        }));
    }

    /** Executes every operation due today; answers how many were handled. */
    public Uni<Integer> runDue() {
        return next(0);
    }

    private Uni<Integer> next(int done) {
        if (done >= MAX_PER_RUN) {
            return Uni.createFrom().item(done);
        }
        AtomicReference<UUID> picked = new AtomicReference<>();
        return Persistence.retryOnConflict(() -> executeOne(picked))
                .onFailure().recoverWithUni(failure -> postpone(picked.get(), failure))
                .flatMap(handled -> handled ? next(done + 1) : Uni.createFrom().item(done));
    }

    private Uni<Boolean> executeOne(AtomicReference<UUID> picked) {
        return Panache.withTransaction(() -> operations.nextDue(time.today())
                .invoke(picked::set)
                .flatMap(id -> id == null ? Uni.createFrom().item(false) : execute(id)));
    }

    private Uni<Boolean> execute(UUID id) {
        return operations.findById(id)
                .flatMap(op -> limitDenying(op).flatMap(limit -> limit == null
                        ? execution.execute(op, OperationAction.EXECUTE, ACTOR, time.now())
                        : execution.deniedByLimit(op, ACTOR, time.now(), limit)))
                .flatMap(journal::publish)
                .replaceWith(true);
    }

    /**
     * The DENY limit the operation's debit is over on its execution date, if it is a limited debit (checked again
     * there: docs/operations-and-ledger.md "Limits and decisions").
     */
    private Uni<String> limitDenying(Operation op) {
        if (op.debitAccountId == null || !(op.type == OperationType.TRANSFER || op.type == OperationType.CASH_WITHDRAWAL)) {
            return Uni.createFrom().nullItem();
        }
        BusinessCalendar.Day day = BusinessCalendar.dayOf(op.receivedAt, time.businessZone());
        BusinessCalendar.Day month = BusinessCalendar.monthOf(op.receivedAt, time.businessZone());
        return operations.limitDenying(op, day.start(), day.end(), month.start(), month.end(), rules.externalLimit());
    }

    /**
     * A technical failure (a business refusal sends the operation back to a person instead): the operation is tried again after
     * RETRY_AFTER, doubled at each attempt, and the run goes on with the next one.
     */
    private Uni<Boolean> postpone(UUID id, Throwable failure) {
        if (id == null) {
            return Uni.createFrom().failure(failure); // nothing was picked: the database itself failed
        }
        return Panache.withTransaction(() -> operations.failedAttempt(id, RETRY_AFTER)).map(attempts -> {
            LOG.warnf("Scheduled operation %s failed to execute (attempt %d), tried again later: %s", id, attempts,
                    failure.toString());
            return true;
        });
    }
}
