package fr.backoffice.common.idempotency;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.Outages;
import fr.backoffice.common.time.TimeSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * Forgets idempotency keys once they are older than the retention (the contract promises at least 24 h), so the table does not
 * grow without end. Any instance may run it; a delete is safe to run twice.
 */
@ApplicationScoped
public class IdempotencyKeyPurge {

    private final BackOfficeConfig config;

    private final TimeSource time;

    public IdempotencyKeyPurge(BackOfficeConfig config, TimeSource time) {
        this.config = config;
        this.time = time;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return Outages.skippedDuringOutage("the purge of idempotency keys", purge());
    }

    /** Deletes the keys older than the retention; answers how many. */
    public Uni<Integer> purge() {
        Instant before = time.now().minus(config.idempotency().retention());
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createMutationQuery("delete from IdempotencyRecord where createdAt < :before")
                .setParameter("before", before)
                .executeUpdate()));
    }
}
