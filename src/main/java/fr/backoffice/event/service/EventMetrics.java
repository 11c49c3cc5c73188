package fr.backoffice.event.service;

import fr.backoffice.common.metrics.RefreshedGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The feed's lag (docs/deployment.md "Metrics"): readers see only the events below the horizon, the oldest transaction
 * still running ({@link fr.backoffice.event.repository.EventRepository}); an event committed above it waits for that
 * transaction to end. The gauge is how long the oldest such event has waited, 0 when none does: a transaction left
 * open holds the whole feed back, and this is where it shows. Read by the background refresh, from the feed's index.
 */
@Startup
@ApplicationScoped
public class EventMetrics implements RefreshedGauges {

    private static final String LAG = """
            select count(*) as waiting, coalesce(extract(epoch from now() - min(occurred_at)) * 1000, 0)::bigint as lag_millis
            from event where tx >= pg_snapshot_xmin(pg_current_snapshot())""";

    private final MeterRegistry registry;

    private final Pool pool;

    public EventMetrics(MeterRegistry registry, Pool pool) {
        this.registry = registry;
        this.pool = pool;
    }

    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();

    @PostConstruct
    void register() {
        Gauge.builder("backoffice.events.feed.lag", lagMillis, millis -> Math.max(0, millis.get()) / 1000.0)
                .baseUnit("seconds")
                .description("How long the oldest committed event not yet visible in the feed has waited (0 when none)")
                .register(registry);
        Gauge.builder("backoffice.events.feed.waiting", waiting, AtomicLong::get)
                .description("Committed events not yet visible in the feed (above the oldest running transaction)")
                .register(registry);
    }

    @Override
    public Uni<Void> refresh() {
        return pool.query(LAG).execute().invoke(rows -> {
            Row row = rows.iterator().next();
            waiting.set(row.getLong("waiting"));
            lagMillis.set(row.getLong("lag_millis"));
        }).replaceWithVoid();
    }
}
