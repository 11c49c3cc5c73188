package fr.backoffice.webhook.service;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.Outages;
import fr.backoffice.common.time.TimeSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Forgets the deliveries that ended (SUCCEEDED or FAILED) longer than {@code backoffice.webhooks.retention} ago, so the
 * table does not grow without end; pending ones are kept whatever their age. Any instance may run it; a delete is safe
 * to run twice.
 */
@ApplicationScoped
public class WebhookDeliveryPurge {

    private final Pool pool;

    private final BackOfficeConfig config;

    private final TimeSource time;

    public WebhookDeliveryPurge(Pool pool, BackOfficeConfig config, TimeSource time) {
        this.pool = pool;
        this.config = config;
        this.time = time;
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return Outages.skippedDuringOutage("the purge of webhook deliveries", purge());
    }

    /** Deletes the deliveries that ended before the retention; answers how many. */
    public Uni<Integer> purge() {
        Instant before = time.now().minus(config.webhooks().retention());
        return pool.preparedQuery("delete from webhook_delivery where status <> 'PENDING' and last_attempt_at < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC)))
                .map(deleted -> deleted.rowCount());
    }
}
