package fr.backoffice.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.common.error.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Answers a body announced as larger than {@code quarkus.http.limits.max-body-size} with a 413 problem, before
 * anything reads it. Quarkus's own check (which stays as the backstop, e.g. for chunked bodies) answers with an
 * empty body; ours runs just before it (Vert.x route order {@code -priority}, Quarkus's limit sits at -2).
 */
@ApplicationScoped
public class RequestLimits {

    private static final int PRIORITY = 100;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper json;

    void register(@Observes Filters filters) {
        long limit = maxBodySize.asLongValue();
        filters.register(context -> refuseOversizedBody(context, limit), PRIORITY);
    }

    private void refuseOversizedBody(RoutingContext context, long limit) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !isOver(length, limit)) {
            context.next();
            return;
        }
        Problem problem = Problem.of(413, "PAYLOAD_TOO_LARGE",
                "The request body is larger than " + limit / 1024 + " KiB.", context.request().path(), List.of());
        // The unread body would otherwise be taken for the next request on this connection.
        if (context.request().version() != HttpVersion.HTTP_2) {
            context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            context.response().endHandler(ended -> context.request().connection().close());
        }
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(write(problem));
    }

    private static boolean isOver(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException malformed) {
            return false; // left to the HTTP layer
        }
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
