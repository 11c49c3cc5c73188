package fr.backoffice.common.error;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests answered 503 because the database could not serve them: counted in
 * {@code backoffice_database_unavailable_total}, and logged once per outage (a WARN at most every 30 s, without a
 * stack trace) rather than once per request.
 */
final class Outages {

    private static final Logger LOG = Logger.getLogger(Outages.class);
    private static final long QUIET_MILLIS = 30_000;
    private static final AtomicLong LAST_WARNED = new AtomicLong();
    private static final Counter REQUESTS = Counter.builder("backoffice.database.unavailable")
            .description("Requests answered 503 because the database could not serve them")
            .register(Metrics.globalRegistry);

    private Outages() {
    }

    static void record(Throwable cause, String path) {
        REQUESTS.increment();
        long now = System.currentTimeMillis();
        long last = LAST_WARNED.get();
        if (now - last >= QUIET_MILLIS && LAST_WARNED.compareAndSet(last, now)) {
            LOG.warnf("Database unavailable (%s: %s), answering 503 (first seen on %s); next warning in 30 s at most",
                    cause.getClass().getSimpleName(), cause.getMessage(), path);
        }
    }
}
