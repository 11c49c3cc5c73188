package fr.backoffice.audit.service;

import fr.backoffice.common.http.Reply;
import fr.backoffice.common.http.RequestIds;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeSet;

/**
 * The one way to build the audit record of the HTTP request being served, and to say it was written in the
 * request's transaction.
 *
 * <p><b>For code that writes its change with the reactive SQL client</b> (no Hibernate session), in the same
 * transaction as the change:
 * <pre>{@code
 * AuditTrail.Entry entry = requestAudit.accepted(201, "/operations/" + id);
 * // then, in the transaction of the change (or folded into its single statement):
 * connection.preparedQuery(AuditTrail.INSERT).execute(entry.tuple())
 * }</pre>
 * {@link #accepted} marks the request as recorded in its transaction, so the HTTP filter ({@link AuditFilter})
 * does not record it a second time. Call it while serving the request (its request context active, before the
 * response is sent), once per attempt: a retried transaction calls it again, and only the attempt that commits
 * leaves a record. If the transaction then fails, the
 * request answers an error status and the filter records the refusal anyway: the mark only spares requests that
 * answer below 400. Columns, widths and the SQL are described in {@code V2__events_and_audit.sql}.
 *
 * <p>Service methods using Hibernate Reactive get the same with {@link fr.backoffice.audit.Audited}.
 */
@ApplicationScoped
public class RequestAudit {

    /** Routing-context key: the request's record was inserted in its transaction. */
    static final String RECORDED = "backoffice.audit.recorded";
    /** Routing-context key: an {@code @Audited} call of this request is running (only the outermost one records). */
    private static final String RUNNING = "backoffice.audit.running";
    /** The same statement as {@link AuditTrail#INSERT}, in Hibernate's parameter syntax. */
    private static final String INSERT_IN_SESSION = "insert into audit_record "
            + "(at, actor, roles, action, resource_type, resource_id, outcome, request_id) "
            + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
    /** Collections of the API and the type of the resources they hold. */
    private static final Map<String, String> RESOURCES = Map.of("units", "unit", "accounts", "account",
            "operations", "operation", "authorizations", "authorization", "declarants", "declarant", "filings", "filing", "events", "event", "audit", "audit");

    private final CurrentVertxRequest request;

    private final TimeSource time;

    public RequestAudit(CurrentVertxRequest request, TimeSource time) {
        this.request = request;
        this.time = time;
    }

    /**
     * The record of the current HTTP request, answered with {@code status} (and, for a creation, the
     * {@code Location} naming the new resource, else null), marking the request as recorded in its transaction.
     *
     * @throws IllegalStateException when no HTTP request is being served
     */
    public AuditTrail.Entry accepted(int status, String location) {
        RoutingContext context = current();
        if (context == null) {
            throw new IllegalStateException("No HTTP request is being served: nothing to audit");
        }
        return accepted(context, status, location);
    }

    /** The outcome of a request whose client left before it was answered. */
    static final String ABANDONED = "ABANDONED";

    /** The outcome of a request answered {@code status}. */
    static String outcome(int status) {
        return status + (status < 400 ? " ACCEPTED" : " REFUSED");
    }

    /** The record of a request, with its outcome. */
    AuditTrail.Entry entry(RoutingContext context, String outcome, String location) {
        String actor = "anonymous";
        String roles = "";
        if (context.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous()) {
                // the token's sub, never a display name (docs/security.md "Security rules")
                actor = Caller.idOf(identity);
                roles = String.join(",", new TreeSet<>(identity.getRoles()));
            }
        }
        Target target = target(context.request().path(), location);
        return new AuditTrail.Entry(time.now(), storable(actor), storable(roles),
                storable(context.request().method().name() + " " + target.route()), target.type(), storable(target.id()),
                outcome, RequestIds.of(context));
    }

    /** PostgreSQL text cannot hold U+0000 (a token's claims could): it is replaced, never a reason to lose a record. */
    private static String storable(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    /** True when the request's record was inserted in its transaction (by {@link #accepted} or an audited method). */
    static boolean recorded(RoutingContext context) {
        return Boolean.TRUE.equals(context.get(RECORDED));
    }

    // ---------------------------------------------------------------- for AuditedInterceptor

    /** An {@code @Audited} call being served; {@link #exit} when it ends, however it ends. */
    final class Call {

        private final RoutingContext context;

        private Call(RoutingContext context) {
            this.context = context;
        }

        /** Inserts the record of the method's result in the current Hibernate Reactive session's transaction. */
        Uni<Void> record(Object result) {
            AuditTrail.Entry entry = result instanceof Reply reply
                    ? accepted(context, reply.status(), reply.location())
                    : accepted(context, 200, null);
            return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT_IN_SESSION)
                    .setParameter(1, entry.at())
                    .setParameter(2, entry.actor())
                    .setParameter(3, entry.roles())
                    .setParameter(4, entry.action())
                    .setParameter(5, entry.resourceType())
                    .setParameter(6, entry.resourceId())
                    .setParameter(7, entry.outcome())
                    .setParameter(8, entry.requestId())
                    .executeUpdate()).replaceWithVoid();
        }

        void exit() {
            context.remove(RUNNING);
        }
    }

    /**
     * Starts an {@code @Audited} call: null when there is nothing to record (no HTTP request, as for scheduled
     * work, or a call nested in another audited call of the same request, which records for both).
     */
    Call enter() {
        RoutingContext context = current();
        if (context == null) {
            return null;
        }
        if (context.get(RUNNING) != null) {
            return null;
        }
        context.put(RUNNING, Boolean.TRUE);
        return new Call(context);
    }

    private AuditTrail.Entry accepted(RoutingContext context, int status, String location) {
        context.put(RECORDED, Boolean.TRUE);
        return entry(context, outcome(status), location);
    }

    private RoutingContext current() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        return request.getCurrent();
    }

    // ---------------------------------------------------------------- routes

    /** The route (ids replaced by their parameter name), and the resource a request acted on. */
    record Target(String route, String type, String id) {
    }

    static Target target(String path, String location) {
        String[] segments = path.replaceAll("^/+|/+$", "").split("/+");
        String type = RESOURCES.get(segments[0]);
        if (type == null) {
            return new Target(path, null, null);
        }
        StringBuilder route = new StringBuilder("/").append(segments[0]);
        String id = null;
        if (segments.length > 1) {
            id = segments[1];
            route.append(segments[0].equals("units") ? "/{code}" : "/{id}");
            for (int i = 2; i < segments.length; i++) {
                route.append('/').append(segments[i]);
            }
        } else if (location != null) {
            // a creation: the new resource is named by Location
            String[] created = location.replaceAll("^.*?/" + segments[0] + "/", "").split("[/?]");
            id = created[0].isEmpty() ? null : created[0];
        }
        return new Target(route.toString(), type, id);
    }
}
