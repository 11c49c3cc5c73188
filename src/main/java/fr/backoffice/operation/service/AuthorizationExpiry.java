package fr.backoffice.operation.service;

import fr.backoffice.common.Persistence;
import fr.backoffice.common.error.Outages;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.operation.Authorization;
import fr.backoffice.operation.repository.AuthorizationRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Voids the authorizations whose expiry has passed (status EXPIRED; docs/operations-and-ledger.md "Authorizations").
 * Each one in its own transaction, picked with {@code FOR UPDATE SKIP LOCKED}, as {@link ScheduledExecutions} picks
 * its operations: any number of instances (and a capture or void of the same authorization) may run at once, and
 * each authorization expires exactly once; one being captured or voided meanwhile is skipped, then found closed or
 * expired by the next run.
 */
@ApplicationScoped
public class AuthorizationExpiry {

    private static final Logger LOG = Logger.getLogger(AuthorizationExpiry.class);
    /** Bounds one run; the next run picks up the rest. */
    private static final int MAX_PER_RUN = 500;

    private final Pool pool;

    private final AuthorizationRepository authorizations;

    private final AuthorizationWrites writes;

    private final TimeSource time;

    public AuthorizationExpiry(Pool pool, AuthorizationRepository authorizations, AuthorizationWrites writes,
            TimeSource time) {
        this.pool = pool;
        this.authorizations = authorizations;
        this.writes = writes;
        this.time = time;
    }

    @Scheduled(every = "${backoffice.scheduler.every}", delayed = "7s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return Outages.skippedDuringOutage("the expiry of authorizations", expireDue().invoke(count -> {
            if (count > 0) {
                LOG.infof("Expired %d authorization(s)", count);
            }
        }));
    }

    /** Expires every authorization past its expiry now; answers how many this call expired. */
    public Uni<Integer> expireDue() {
        return next(0);
    }

    private Uni<Integer> next(int done) {
        if (done >= MAX_PER_RUN) {
            return Uni.createFrom().item(done);
        }
        return Persistence.retryOnConflict(() -> pool.withTransaction(this::expireOne))
                .flatMap(expired -> expired ? next(done + 1) : Uni.createFrom().item(done));
    }

    private Uni<Boolean> expireOne(SqlConnection sql) {
        Instant now = time.now();
        return authorizations.nextExpired(sql, now).flatMap(id -> id == null
                ? Uni.createFrom().item(false)
                : expire(sql, id, now).replaceWith(true));
    }

    private Uni<Void> expire(SqlConnection sql, UUID id, Instant now) {
        return authorizations.find(sql, id).flatMap(a -> {
            a.expire(now);
            return authorizations.release(sql, a.id, now)
                    .flatMap(ignored -> authorizations.update(sql, a))
                    .flatMap(ignored -> writes.published(sql, EventType.AUTHORIZATION_EXPIRED, a, now))
                    .flatMap(ignored -> writes.auditedBySystem(sql, ScheduledExecutions.ACTOR,
                            "EXPIRE /authorizations/{id}", a, now));
        });
    }
}
