package fr.backoffice.common.http;

import fr.backoffice.common.config.BackOfficeConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The streams this instance holds open, per caller and in all (docs/security.md "Rate limiting"): a new one past
 * {@code backoffice.event-stream.max-per-caller} for its caller, or past {@code max-per-instance} in all, is not
 * opened. Each open stream holds a {@link Slot} until it ends or its connection closes, whichever comes first
 * ({@link StreamAdmission}). The counts are this instance's memory: a
 * stopped instance holds nothing, and behind a load balancer a caller may hold its quota on each instance.
 */
@ApplicationScoped
public class OpenStreams {

    /** Why a stream was not opened. */
    public enum Refusal {
        /** The caller holds its quota of open streams: 429. */
        CALLER,
        /** The instance holds its quota: 503 (another instance may have room). */
        INSTANCE
    }

    /** One open stream; {@link #release()} frees it, once, however many times it is called. */
    public final class Slot {
        private final String caller;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String caller) {
            this.caller = caller;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                close(caller);
            }
        }
    }

    /** A slot, or why there is none. */
    public record Admission(Slot slot, Refusal refusal) {
    }

    private final BackOfficeConfig config;

    private final MeterRegistry registry;

    public OpenStreams(BackOfficeConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    private final Map<String, Integer> byCaller = new HashMap<>();
    private int open;
    private Map<Refusal, Counter> refused;

    @PostConstruct
    void init() {
        if (config.eventStream().maxPerCaller() < 1 || config.eventStream().maxPerInstance() < 1) {
            throw new IllegalArgumentException("backoffice.event-stream.max-per-caller and max-per-instance must be at least 1");
        }
        Gauge.builder("backoffice.http.streams.open", this, OpenStreams::open)
                .description("Event streams this instance holds open").register(registry);
        refused = Map.of(Refusal.CALLER, refusedCounter("caller"), Refusal.INSTANCE, refusedCounter("instance"));
    }

    private Counter refusedCounter(String limit) {
        return Counter.builder("backoffice.http.streams.refused")
                .description("Event streams not opened because a cap was reached, by cap (caller: 429, instance: 503)")
                .tag("limit", limit).register(registry);
    }

    /** A slot for one more stream of {@code caller}, unless its quota or the instance's is held. */
    public Admission open(String caller) {
        Refusal refusal;
        synchronized (this) {
            int callers = byCaller.getOrDefault(caller, 0);
            if (callers >= config.eventStream().maxPerCaller()) {
                refusal = Refusal.CALLER;
            } else if (open >= config.eventStream().maxPerInstance()) {
                refusal = Refusal.INSTANCE;
            } else {
                byCaller.put(caller, callers + 1);
                open++;
                return new Admission(new Slot(caller), null);
            }
        }
        refused.get(refusal).increment();
        return new Admission(null, refusal);
    }

    /** How many streams are open on this instance. */
    public synchronized int open() {
        return open;
    }

    private synchronized void close(String caller) {
        byCaller.computeIfPresent(caller, (key, count) -> count > 1 ? count - 1 : null);
        open--;
    }
}
