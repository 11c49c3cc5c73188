package fr.backoffice.reconciliation.service;

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
 * The reconciliation backlog (docs/deployment.md "Metrics"): items of the queue not resolved, how long the oldest has
 * waited, and the expected payments overdue. Read by the background refresh, the queue from its partial index.
 */
@Startup
@ApplicationScoped
public class ReconciliationMetrics implements RefreshedGauges {

    private static final String BACKLOG = """
            select count(*) as open, coalesce(extract(epoch from now() - min(x.created_at)) * 1000, 0)::bigint as oldest_millis,
                   (select count(*) from expected_payment p where p.status = 'OVERDUE') as overdue
            from reconciliation_exception x where x.status <> 'RESOLVED'""";

    private final MeterRegistry registry;

    private final Pool pool;

    public ReconciliationMetrics(MeterRegistry registry, Pool pool) {
        this.registry = registry;
        this.pool = pool;
    }

    private final AtomicLong open = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();

    @PostConstruct
    void register() {
        Gauge.builder("backoffice.reconciliation.exceptions.open", open, AtomicLong::get)
                .description("Items of the reconciliation queue not resolved (OPEN or CLAIMED)")
                .register(registry);
        Gauge.builder("backoffice.reconciliation.exceptions.oldest.age", oldestMillis, millis -> Math.max(0, millis.get()) / 1000.0)
                .baseUnit("seconds")
                .description("How long the oldest unresolved item of the reconciliation queue has waited (0 when none)")
                .register(registry);
        Gauge.builder("backoffice.reconciliation.expected.payments.overdue", overdue, AtomicLong::get)
                .description("Expected payments whose window passed without a matching credit")
                .register(registry);
    }

    @Override
    public Uni<Void> refresh() {
        return pool.query(BACKLOG).execute().invoke(rows -> {
            Row row = rows.iterator().next();
            open.set(row.getLong("open"));
            oldestMillis.set(row.getLong("oldest_millis"));
            overdue.set(row.getLong("overdue"));
        }).replaceWithVoid();
    }
}
