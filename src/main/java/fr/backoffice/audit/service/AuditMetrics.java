package fr.backoffice.audit.service;

import fr.backoffice.common.metrics.RefreshedGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit backlog (docs/deployment.md "Metrics"): records stored but not yet sealed into the chain
 * ({@link AuditChainer}), and how old the oldest is. A chainer that stops, or a transaction left open (records above
 * the horizon wait for it), makes both grow. Read by the background refresh, from the index of unsealed records.
 */
@Startup
@ApplicationScoped
public class AuditMetrics implements RefreshedGauges {

    private static final String UNSEALED = """
            select count(*) as unsealed, coalesce(extract(epoch from now() - min(at)) * 1000, 0)::bigint as oldest_millis
            from audit_record where chain_seq is null""";

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    private final AtomicLong unsealed = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();

    @PostConstruct
    void register() {
        Gauge.builder("backoffice.audit.unsealed", unsealed, AtomicLong::get)
                .description("Audit records stored but not yet sealed into the hash chain")
                .register(registry);
        Gauge.builder("backoffice.audit.unsealed.oldest.age", oldestMillis, millis -> Math.max(0, millis.get()) / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest audit record not yet sealed (0 when none)")
                .register(registry);
    }

    @Override
    public Uni<Void> refresh() {
        return pool.query(UNSEALED).execute().invoke(rows -> {
            Row row = rows.iterator().next();
            unsealed.set(row.getLong("unsealed"));
            oldestMillis.set(row.getLong("oldest_millis"));
        }).replaceWithVoid();
    }
}
