package fr.backoffice.common.error;

import fr.backoffice.common.Persistence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests answered 503 because the database could not serve them: counted in
 * {@code backoffice_database_unavailable_total}, and logged once per outage (a WARN at most every 30 s, without a
 * stack trace) rather than once per request. Scheduled runs the database cannot serve are skipped the same way
 * ({@link #skippedDuringOutage}): their next run comes at their next trigger.
 */
public final class Outages {

    private static final Logger LOG = Logger.getLogger(Outages.class);
    private static final long QUIET_MILLIS = 30_000;
    private static final AtomicLong LAST_WARNED = new AtomicLong();
    private static final Counter REQUESTS = Counter.builder("backoffice.database.unavailable")
            .description("Requests answered 503 because the database could not serve them")
            .register(Metrics.globalRegistry);

    private static final AtomicLong LAST_WARNED_RUN = new AtomicLong();

    private Outages() {
    }

    /**
     * A scheduled run, ended quietly when the database cannot serve it: one WARN per outage for all runs, where the
     * scheduler would log an ERROR with its stack trace at every trigger of every job. Any other failure is the
     * run's.
     */
    public static Uni<Void> skippedDuringOutage(String run, Uni<?> work) {
        return work.replaceWithVoid().onFailure(Persistence::isUnavailable).recoverWithItem(cause -> {
            if (quietSince(LAST_WARNED_RUN)) {
                LOG.warnf("Database unavailable (%s: %s), %s skipped until its next trigger; next warning in 30 s at most",
                        cause.getClass().getSimpleName(), cause.getMessage(), run);
            }
            return null;
        });
    }

    private static boolean quietSince(AtomicLong lastWarned) {
        long now = System.currentTimeMillis();
        long last = lastWarned.get();
        return now - last >= QUIET_MILLIS && lastWarned.compareAndSet(last, now);
    }

    static void record(Throwable cause, String path) {
        REQUESTS.increment();
        if (quietSince(LAST_WARNED)) {
            LOG.warnf("Database unavailable (%s: %s), answering 503 (first seen on %s); next warning in 30 s at most",
                    cause.getClass().getSimpleName(), cause.getMessage(), path);
        }
    }
}
