package fr.backoffice.webhook.service;

import fr.backoffice.common.metrics.RefreshedGauges;
import fr.backoffice.common.time.TimeSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook metrics (docs/deployment.md "Metrics"): attempts by outcome and deliveries ended by status, counted where
 * they happen; the pending deliveries and, per endpoint, the age of its oldest pending one, read by the background
 * refresh from the partial index of pending deliveries.
 */
@Startup
@ApplicationScoped
public class WebhookMetrics implements RefreshedGauges {

    private static final String PENDING = """
            select endpoint_id, count(*) as pending, min(created_at) as oldest from webhook_delivery
            where status = 'PENDING' group by endpoint_id""";

    private final MeterRegistry registry;

    private final Pool pool;

    private final TimeSource time;

    public WebhookMetrics(MeterRegistry registry, Pool pool, TimeSource time) {
        this.registry = registry;
        this.pool = pool;
        this.time = time;
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private MultiGauge oldestAge;

    @PostConstruct
    void register() {
        Gauge.builder("backoffice.webhooks.deliveries.pending", pending, AtomicLong::get)
                .description("Webhook deliveries not yet succeeded nor failed")
                .register(registry);
        oldestAge = MultiGauge.builder("backoffice.webhooks.pending.oldest.age").baseUnit("seconds")
                .description("Age of an endpoint's oldest pending webhook delivery")
                .register(registry);
    }

    /** An attempt's outcome: succeeded (2xx), failed (any other answer, or none), refused (an address not allowed). */
    void attempted(String outcome) {
        counters.computeIfAbsent("attempt:" + outcome, key -> Counter.builder("backoffice.webhooks.attempts")
                .description("Webhook delivery attempts, by outcome (succeeded, failed, refused)")
                .tags("outcome", outcome).register(registry)).increment();
    }

    /** A delivery reached SUCCEEDED or FAILED. */
    void ended(String status) {
        counters.computeIfAbsent("delivery:" + status, key -> Counter.builder("backoffice.webhooks.deliveries")
                .description("Webhook deliveries ended, by status (SUCCEEDED, FAILED)")
                .tags("status", status).register(registry)).increment();
    }

    @Override
    public Uni<Void> refresh() {
        return pool.query(PENDING).execute().invoke(rows -> {
            long total = 0;
            List<MultiGauge.Row<?>> ages = new ArrayList<>();
            for (Row row : rows) {
                total += row.getLong("pending");
                double age = Math.max(0, Duration.between(row.getOffsetDateTime("oldest").toInstant(), time.now()).toMillis() / 1000.0);
                ages.add(MultiGauge.Row.of(Tags.of("endpoint", row.getUUID("endpoint_id").toString()), age));
            }
            pending.set(total);
            oldestAge.register(ages, true);
        }).replaceWithVoid();
    }
}
