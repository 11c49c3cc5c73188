package fr.backoffice.audit.service;

import fr.backoffice.common.http.RequestIds;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Appends one audit record per mutating request (POST, PUT, PATCH, DELETE), accepted or refused, once its status
 * is known. It is a Vert.x route filter with an end handler rather than a REST response filter because refusals
 * by the authentication layer (401 for a bad token) never reach the REST layer. The record is written in its own
 * short transaction after the response is sent, so auditing never delays nor fails a request; a failed write is
 * logged as an error with the request id (the gap then shows as a missing record, never as a broken chain).
 */
@ApplicationScoped
public class AuditFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    private static final Set<HttpMethod> MUTATING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    /** Collections of the API and the type of the resources they hold. */
    private static final Map<String, String> RESOURCES = Map.of("units", "unit", "accounts", "account",
            "operations", "operation", "declarants", "declarant", "filings", "filing", "events", "event", "audit", "audit");
    /** Just after the request id is assigned. */
    static final int PRIORITY = 290;

    @Inject
    AuditTrail trail;

    void register(@Observes Filters filters) {
        filters.register(this::watch, PRIORITY);
    }

    private void watch(RoutingContext context) {
        if (MUTATING.contains(context.request().method()) && !context.request().path().startsWith("/q/")) {
            context.addEndHandler(ended -> {
                AuditTrail.Entry entry = entry(context);
                trail.insertAll(List.of(entry)).subscribe().with(done -> { }, failure -> LOG.errorf(failure,
                        "Audit record lost for request %s (%s, %s)", entry.requestId(), entry.action(), entry.outcome()));
            });
        }
        context.next();
    }

    private static AuditTrail.Entry entry(RoutingContext context) {
        int status = context.response().getStatusCode();
        String actor = "anonymous";
        String roles = "";
        if (context.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous()) {
                actor = identity.getPrincipal().getName();
                roles = String.join(",", new TreeSet<>(identity.getRoles()));
            }
        }
        Target target = target(context.request().path(), context.response().headers().get("Location"));
        return new AuditTrail.Entry(Instant.now().truncatedTo(ChronoUnit.MICROS), actor, roles,
                context.request().method().name() + " " + target.route(),
                target.type(), target.id(), status + (status < 400 ? " ACCEPTED" : " REFUSED"), RequestIds.of(context));
    }

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
