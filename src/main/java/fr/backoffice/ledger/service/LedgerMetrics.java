package fr.backoffice.ledger.service;

import fr.backoffice.common.metrics.RefreshedGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's metrics (docs/deployment.md "Metrics"): the entries booked, counted as they are written (by
 * {@link Ledger} and by the submission, which books through {@code operation_submit}); the holds not yet released, per
 * currency, read by the background refresh. The differences found by the last verification are
 * {@link LedgerVerification}'s gauge.
 */
@Startup
@ApplicationScoped
public class LedgerMetrics implements RefreshedGauges {

    private static final String HOLDS = """
            select a.currency, count(*) as holds, sum(h.amount) as amount
            from hold h join account a on a.id = h.account_id where h.released_at is null group by a.currency""";

    private final MeterRegistry registry;

    private final Pool pool;

    public LedgerMetrics(MeterRegistry registry, Pool pool) {
        this.registry = registry;
        this.pool = pool;
    }

    private Counter postings;
    private MultiGauge holdsCount;
    private MultiGauge holdsAmount;

    @PostConstruct
    void register() {
        postings = Counter.builder("backoffice.ledger.postings")
                .description("Ledger entries booked (one per account moved)").register(registry);
        holdsCount = MultiGauge.builder("backoffice.ledger.holds.outstanding")
                .description("Holds not yet released, by currency").register(registry);
        holdsAmount = MultiGauge.builder("backoffice.ledger.holds.outstanding.amount")
                .description("Amount held by the holds not yet released, by currency").register(registry);
    }

    /** Entries booked; called once the booking is written, with how many. */
    public void posted(int entries) {
        if (entries > 0) {
            postings.increment(entries);
        }
    }

    @Override
    public Uni<Void> refresh() {
        return pool.query(HOLDS).execute().invoke(rows -> {
            List<MultiGauge.Row<?>> counts = new ArrayList<>();
            List<MultiGauge.Row<?>> amounts = new ArrayList<>();
            for (Row row : rows) {
                Tags currency = Tags.of("currency", row.getString("currency"));
                counts.add(MultiGauge.Row.of(currency, row.getLong("holds")));
                amounts.add(MultiGauge.Row.of(currency, row.getBigDecimal("amount").doubleValue()));
            }
            holdsCount.register(counts, true);
            holdsAmount.register(amounts, true);
        }).replaceWithVoid();
    }
}
