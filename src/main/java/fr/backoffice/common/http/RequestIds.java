package fr.backoffice.common.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a plain token, a fresh UUID otherwise.
 * It is echoed in the response (problems included, as the header is set before anything answers), put in the
 * logging MDC ({@code %X{requestId}}) and kept in the routing context for the audit trail. A Vert.x route filter
 * rather than a REST filter, so that answers given before the REST layer (401 from authentication, 413) carry it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String KEY = "requestId";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Before the body-size check (100) and the authentication of the request. */
    static final int PRIORITY = 300;

    void register(@Observes Filters filters) {
        filters.register(RequestIds::assign, PRIORITY);
    }

    static void assign(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        String id = given != null && VALID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        context.put(KEY, id);
        context.response().putHeader(HEADER, id);
        MDC.put(KEY, id);
        context.addEndHandler(ended -> MDC.remove(KEY));
        context.next();
    }

    /** The id of the request this context serves. */
    public static String of(RoutingContext context) {
        return context.get(KEY);
    }
}
