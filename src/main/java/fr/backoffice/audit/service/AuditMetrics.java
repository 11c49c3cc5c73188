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

import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit backlog (docs/deployment.md "Metrics"): records stored but not yet sealed into the chain
 * ({@link AuditChainer}), and how old the oldest is. A chainer that stops, or a transaction left open (records above
 * the horizon wait for it), makes both grow. Read by the background refresh, from the index in chain order.
 */
@Startup
@ApplicationScoped
public class AuditMetrics implements RefreshedGauges {

    /**
     * The records after the last sealed one in chain order (tx, seq): exactly the unsealed ones, read from the index on
     * (tx, seq) (V2__events_and_audit.sql says why). The bounds on tx alone (from the head's, below the
     * snapshot's xmax, which every visible record is) let the planner see a narrow range even on a table never analysed.
     */
    private static final String UNSEALED = """
            with head as materialized (select r.tx, r.seq from audit_seal s join audit_record r on r.seq = s.record_seq
                                       order by s.chain_seq desc limit 1)
            select count(*) as unsealed, coalesce(extract(epoch from now() - min(a.at)) * 1000, 0)::bigint as oldest_millis
            from audit_record a
            where a.tx >= coalesce((select tx from head), '0'::xid8)
              and (a.tx, a.seq) > (coalesce((select tx from head), '0'::xid8), coalesce((select seq from head), 0))
              and a.tx < pg_snapshot_xmax(pg_current_snapshot())""";

    private final MeterRegistry registry;

    private final Pool pool;

    public AuditMetrics(MeterRegistry registry, Pool pool) {
        this.registry = registry;
        this.pool = pool;
    }

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
