package fr.backoffice.operation.service;

import fr.backoffice.common.Persistence;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.operation.OperationAction;
import fr.backoffice.operation.repository.OperationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Executes SCHEDULED operations once their value date has come. Each operation runs in its own
 * transaction and is picked with SKIP LOCKED, so any number of instances can run this together
 * without executing an operation twice or waiting on each other.
 */
@ApplicationScoped
public class ScheduledExecutions {

    public static final String ACTOR = "system:scheduler";
    private static final Logger LOG = Logger.getLogger(ScheduledExecutions.class);
    /** Bounds one run; the next run picks up the rest. */
    private static final int MAX_PER_RUN = 500;

    @Inject
    OperationRepository operations;

    @Inject
    Execution execution;

    @Inject
    OperationService service;

    @Inject
    TimeSource time;

    @Scheduled(every = "${backoffice.scheduler.every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return runDue().invoke(count -> {
            if (count > 0) {
                LOG.infof("Executed %d scheduled operation(s)", count);
            }
        }).replaceWithVoid();
    }

    /** Executes every operation due today; answers how many were handled. */
    public Uni<Integer> runDue() {
        return next(0);
    }

    private Uni<Integer> next(int done) {
        if (done >= MAX_PER_RUN) {
            return Uni.createFrom().item(done);
        }
        return Persistence.retryOnConflict(this::executeOne)
                .flatMap(handled -> handled ? next(done + 1) : Uni.createFrom().item(done));
    }

    private Uni<Boolean> executeOne() {
        return Panache.withTransaction(() -> operations.nextDue(time.today()).flatMap(id -> {
            if (id == null) {
                return Uni.createFrom().item(false);
            }
            return operations.findById(id)
                    .flatMap(op -> execution.execute(op, OperationAction.EXECUTE, ACTOR, time.now()))
                    .flatMap(service::publish)
                    .replaceWith(true);
        }));
    }
}
