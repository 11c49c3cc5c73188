package fr.backoffice.audit.service;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * Records the mutating requests (POST, PUT, PATCH, DELETE) that were not recorded in their own transaction: every
 * refusal (401 from authentication, 403, any 4xx or 5xx; their transaction, if any, rolled back) and any request
 * answered below 400 that no audited code recorded. A request answered below 400 whose record was inserted in its
 * transaction ({@link RequestAudit#accepted}, {@code @Audited}) is not recorded again. A request whose client closed
 * the connection before any answer was sent is recorded {@code ABANDONED} (unless its transaction recorded it): it has
 * no status, and the default one, 200, would read as accepted.
 *
 * <p>It is a Vert.x route filter with an end handler rather than a REST response filter because refusals by the
 * authentication layer never reach the REST layer. The end handler only queues the record ({@link AuditQueue}):
 * nothing blocks or waits on the database on the request's path.
 */
@ApplicationScoped
public class AuditFilter {

    private static final Set<HttpMethod> MUTATING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    /** Just after the request id is assigned. */
    static final int PRIORITY = 290;

    private final RequestAudit audit;

    private final AuditQueue queue;

    public AuditFilter(RequestAudit audit, AuditQueue queue) {
        this.audit = audit;
        this.queue = queue;
    }

    void register(@Observes Filters filters) {
        filters.register(this::watch, PRIORITY);
    }

    private void watch(RoutingContext context) {
        if (MUTATING.contains(context.request().method()) && !context.request().path().startsWith("/q/")) {
            context.addEndHandler(ended -> {
                if (!context.response().headWritten()) {
                    // the client left before any answer: the status is only the default, nothing was answered
                    if (!RequestAudit.recorded(context)) {
                        queue.offer(audit.entry(context, RequestAudit.ABANDONED, null));
                    }
                    return;
                }
                int status = context.response().getStatusCode();
                if (status >= 400 || !RequestAudit.recorded(context)) {
                    queue.offer(audit.entry(context, RequestAudit.outcome(status), context.response().headers().get("Location")));
                }
            });
        }
        context.next();
    }
}
