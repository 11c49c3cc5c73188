package fr.backoffice.audit.service;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.Persistence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The records the HTTP filter makes off the request path (refusals, and requests no transaction recorded), written
 * in batches: every {@code backoffice.audit.flush-every} (200 ms), or as soon as {@value #BATCH} are waiting, one
 * multi-row INSERT of up to {@value #BATCH} records in a transaction of its own. Offering never blocks.
 *
 * <p>A batch that fails stays first in line and is tried again, after a delay that doubles up to
 * {@value #MAX_BACKOFF_MS} ms; each failure is logged at WARN with the batch's request ids. (A batch whose data the
 * database refuses {@value #SPLIT_AFTER} times, SQLSTATE class 22 or 23, is then written record by record, and a
 * record it still refuses is logged at ERROR and dropped, so that one bad record cannot block the rest.) While the database
 * refuses, records accumulate up to {@code backoffice.audit.queue-capacity} (10,000 by default, the batch in flight
 * included). When that is full, new records are dropped: each drop is counted ({@code backoffice.audit.dropped})
 * and reported at ERROR with the request ids (the first few), at most once per flush interval. At shutdown what is
 * queued is written, for up to 5 s. A crash loses what was queued: only refusals and requests no transaction
 * recorded, never the record of a change that committed with its record.
 *
 * <p>Runs on a Vert.x timer, not {@code @Scheduled}: Quarkus's scheduler checks its triggers once a second, too
 * coarse for a 200 ms interval. The timer's handler runs on a Vert.x event loop, where the reactive pool works.
 */
@ApplicationScoped
public class AuditQueue {

    private static final Logger LOG = Logger.getLogger(AuditQueue.class);
    static final int BATCH = 100;
    private static final long MAX_BACKOFF_MS = 10_000;
    private static final int IDS_REPORTED = 20;
    /** After this many refusals by the database, a batch is written record by record. */
    private static final int SPLIT_AFTER = 3;

    private final AuditTrail trail;

    private final Vertx vertx;

    private final MeterRegistry metrics;

    private final BackOfficeConfig config;

    public AuditQueue(AuditTrail trail, Vertx vertx, MeterRegistry metrics, BackOfficeConfig config) {
        this.trail = trail;
        this.vertx = vertx;
        this.metrics = metrics;
        this.config = config;
    }

    private final Queue<AuditTrail.Entry> queue = new ConcurrentLinkedQueue<>();
    /** Records queued or in the batch being written: the bounded quantity. */
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicLong droppedSinceReport = new AtomicLong();
    private final Queue<String> droppedIds = new ConcurrentLinkedQueue<>();
    /** The batch being written or to retry; touched only by the flush that holds {@link #flushing}. */
    private volatile List<AuditTrail.Entry> batch;
    private volatile int failures;
    private volatile boolean refusedByDatabase;
    private volatile boolean stopped;
    private volatile long timer = -1;
    private Counter dropped;

    void start(@Observes StartupEvent started) {
        metrics.gauge("backoffice.audit.queued", size);
        dropped = metrics.counter("backoffice.audit.dropped");
        schedule(config.audit().flushEvery().toMillis());
    }

    /** Queues a record; false when the queue is full and the record is dropped (counted and reported). */
    public boolean offer(AuditTrail.Entry entry) {
        if (size.incrementAndGet() > config.audit().queueCapacity()) {
            size.decrementAndGet();
            droppedSinceReport.incrementAndGet();
            if (dropped != null) {
                dropped.increment();
            }
            if (droppedIds.size() < IDS_REPORTED) {
                droppedIds.add(entry.requestId());
            }
            return false;
        }
        queue.add(entry);
        if (size.get() >= BATCH && !flushing.get()) {
            flush().subscribe().with(written -> { }, failure -> { });
        }
        return true;
    }

    /** Records waiting to be written. */
    public int size() {
        return size.get();
    }

    /**
     * Writes what is queued, a batch at a time, until the queue is empty or a batch fails (it is kept to be tried
     * again). Answers how many records were written; 0 at once when a flush is already running.
     */
    public Uni<Integer> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return Uni.createFrom().deferred(() -> drain(0)).onTermination().invoke(() -> flushing.set(false));
    }

    private Uni<Integer> drain(int written) {
        if (batch == null) {
            List<AuditTrail.Entry> next = new ArrayList<>(BATCH);
            for (AuditTrail.Entry entry; next.size() < BATCH && (entry = queue.poll()) != null; ) {
                next.add(entry);
            }
            if (next.isEmpty()) {
                return Uni.createFrom().item(written);
            }
            batch = next;
        }
        List<AuditTrail.Entry> writing = batch;
        Uni<Integer> insert = failures >= SPLIT_AFTER && refusedByDatabase
                ? oneByOne(writing, 0, 0)
                : trail.insertAll(writing).replaceWith(writing.size());
        return insert
                .onFailure().invoke(failure -> {
                    failures++;
                    refusedByDatabase = refusesData(failure);
                    LOG.warnf(failure, "Audit batch of %d record(s) not written (attempt %d), will retry; request ids: %s",
                            writing.size(), failures, requestIds(writing));
                })
                .flatMap(inserted -> {
                    batch = null;
                    failures = 0;
                    refusedByDatabase = false;
                    size.addAndGet(-writing.size());
                    return drain(written + inserted);
                });
    }

    /**
     * A batch whose data the database refused several times (a data exception or a constraint, not an outage) is written record
     * by record, so that one bad record never blocks the queue: the records it still refuses are logged at ERROR,
     * whole, and dropped. Answers how many were written.
     */
    private Uni<Integer> oneByOne(List<AuditTrail.Entry> entries, int index, int inserted) {
        if (index == entries.size()) {
            return Uni.createFrom().item(inserted);
        }
        AuditTrail.Entry entry = entries.get(index);
        return trail.insertAll(List.of(entry)).replaceWith(1)
                .onFailure(AuditQueue::refusesData).recoverWithUni(refused -> {
                    LOG.errorf(refused, "Audit record refused by the database, dropped: %s", entry);
                    if (dropped != null) {
                        dropped.increment();
                    }
                    return Uni.createFrom().item(0);
                })
                .flatMap(one -> oneByOne(entries, index + 1, inserted + one));
    }

    private void schedule(long delay) {
        if (!stopped) {
            timer = vertx.setTimer(delay, fired -> tick());
        }
    }

    private void tick() {
        reportDropped();
        flush().subscribe().with(written -> schedule(config.audit().flushEvery().toMillis()),
                failure -> schedule(Math.min(MAX_BACKOFF_MS, config.audit().flushEvery().toMillis() << Math.min(failures, 16))));
    }

    private void reportDropped() {
        long count = droppedSinceReport.getAndSet(0);
        if (count > 0) {
            List<String> ids = new ArrayList<>();
            for (String id; (id = droppedIds.poll()) != null; ) {
                ids.add(id);
            }
            LOG.errorf("Audit queue full (%d records): %d record(s) dropped, request ids (first %d): %s",
                    config.audit().queueCapacity(), count, ids.size(), ids);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        vertx.cancelTimer(timer);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (size.get() > 0 && System.nanoTime() < deadline) {
            try {
                flush().await().atMost(Duration.ofSeconds(5));
                if (size.get() > 0) {
                    Thread.sleep(50);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException failed) {
                break; // logged by the flush
            }
        }
        if (size.get() > 0) {
            List<AuditTrail.Entry> left = new ArrayList<>(batch == null ? List.of() : batch);
            left.addAll(queue);
            LOG.errorf("%d audit record(s) not written at shutdown, request ids: %s", size.get(), requestIds(left));
        }
        reportDropped();
    }

    /** The database refused the data itself (a data exception or a constraint), not for want of being up. */
    private static boolean refusesData(Throwable failure) {
        String state = Persistence.sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static String requestIds(List<AuditTrail.Entry> entries) {
        return entries.stream().map(AuditTrail.Entry::requestId).toList().toString();
    }
}
