package fr.backoffice.operation.service;

import fr.backoffice.common.metrics.RefreshedGauges;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.operation.OperationHistoryEntry;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.OperationType;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations' metrics (docs/deployment.md "Metrics"). Counters move where things happen: each submission by its
 * outcome ({@link OperationSubmission}), each status reached ({@link OperationJournal} and the submission, which writes
 * its history itself). The queues of the units (operations received or pending approval) are gauges read by the
 * background refresh, from the partial index the queue endpoint uses.
 */
@Startup
@ApplicationScoped
public class OperationMetrics implements RefreshedGauges {

    /** How a submission ended: executed in the request, left in its unit's queue (or scheduled), refused by the ledger. */
    public enum Outcome {
        STRAIGHT_THROUGH, QUEUED, REFUSED;

        String tag() {
            return name().toLowerCase();
        }
    }

    private static final String QUEUES = """
            select unit_code, status, count(*) as depth, min(received_at) as oldest from operation
            where status in ('RECEIVED', 'PENDING_APPROVAL') group by unit_code, status""";

    private final MeterRegistry registry;

    private final Pool pool;

    private final TimeSource time;

    public OperationMetrics(MeterRegistry registry, Pool pool, TimeSource time) {
        this.registry = registry;
        this.pool = pool;
        this.time = time;
    }

    /** Built on first use: the few (type, outcome) and (type, status) pairs that occur, not every combination. */
    private final Map<List<Enum<?>>, Counter> counters = new ConcurrentHashMap<>();
    private MultiGauge queueDepth;
    private MultiGauge queueOldestAge;
    private MultiGauge queuePastDue;

    @PostConstruct
    void registerGauges() {
        queueDepth = MultiGauge.builder("backoffice.operations.queue.depth")
                .description("Operations waiting in a unit's queue, by status (received, pending approval)")
                .register(registry);
        queueOldestAge = MultiGauge.builder("backoffice.operations.queue.oldest.age").baseUnit("seconds")
                .description("Age of the oldest operation in a unit's queue")
                .register(registry);
        queuePastDue = MultiGauge.builder("backoffice.operations.queue.past.due").baseUnit("seconds")
                .description("How long the oldest operation of a unit's queue is past the time it was due (0 when none is)")
                .register(registry);
        for (SubmissionRules.VelocityRule rule : SubmissionRules.VelocityRule.values()) {
            counters.put(List.of(rule), velocityCounter(rule));
        }
    }

    /** A velocity rule sent a submission to four eyes (docs/operations-and-ledger.md "Velocity rules"). */
    void fired(SubmissionRules.VelocityRule rule) {
        counters.computeIfAbsent(List.of(rule), key -> velocityCounter(rule)).increment();
    }

    private Counter velocityCounter(SubmissionRules.VelocityRule rule) {
        return Counter.builder("backoffice.velocity.rules.fired")
                .description("Submissions a velocity rule sent to four eyes, by rule")
                .tags("rule", rule.name())
                .register(registry);
    }

    void submitted(OperationType type, Outcome outcome) {
        counters.computeIfAbsent(List.of(type, outcome), key -> Counter.builder("backoffice.operations.submitted")
                .description("Operations submitted, by type and outcome (straight_through, queued, refused)")
                .tags("type", type.name(), "outcome", outcome.tag())
                .register(registry)).increment();
    }

    /** Every status the changes reached, counted by type and status. */
    void reached(OperationType type, Collection<OperationHistoryEntry> changes) {
        for (OperationHistoryEntry change : changes) {
            OperationStatus status = change.to;
            counters.computeIfAbsent(List.of(type, status), key -> Counter.builder("backoffice.operations.transitions")
                    .description("Operations that reached a status, by type and status")
                    .tags("type", type.name(), "status", status.name())
                    .register(registry)).increment();
        }
    }

    @Override
    public Uni<Void> refresh() {
        return pool.query(QUEUES).execute().invoke(rows -> {
            Instant now = time.now();
            List<MultiGauge.Row<?>> depth = new ArrayList<>();
            Map<String, Instant> oldest = new HashMap<>();
            for (Row row : rows) {
                String unit = row.getString("unit_code");
                depth.add(MultiGauge.Row.of(Tags.of("unit", unit, "status", row.getString("status")), row.getLong("depth")));
                oldest.merge(unit, row.getOffsetDateTime("oldest").toInstant(), (a, b) -> a.isBefore(b) ? a : b);
            }
            List<MultiGauge.Row<?>> age = new ArrayList<>();
            List<MultiGauge.Row<?>> pastDue = new ArrayList<>();
            oldest.forEach((unit, received) -> {
                age.add(MultiGauge.Row.of(Tags.of("unit", unit), seconds(received, now)));
                // due times follow arrival times, so the oldest operation is the first one due
                pastDue.add(MultiGauge.Row.of(Tags.of("unit", unit),
                        seconds(OperationQueries.dueAt(received, time.businessZone()), now)));
            });
            queueDepth.register(depth, true);
            queueOldestAge.register(age, true);
            queuePastDue.register(pastDue, true);
        }).replaceWithVoid();
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }
}
