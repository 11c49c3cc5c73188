package fr.backoffice.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.common.error.Problem;
import fr.backoffice.common.error.ProblemCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Problems answered by the Vert.x route filters ({@link RequestLimits}, {@link RateLimits}) before the REST layer,
 * whose exception mapper answers every other one: the same RFC 9457 body with its {@code code}.
 */
final class EdgeProblems {

    private EdgeProblems() {
    }

    static void answer(RoutingContext context, ObjectMapper json, ProblemCode code, String detail) {
        Problem problem = Problem.of(code, detail, context.request().path(), List.of());
        // The body nobody read would otherwise be taken for the next request on this connection. Added to the
        // exchange's end handlers: the response's one handler is theirs, and replacing it would skip them all (the
        // audit record of this refusal among them, docs/events-and-audit.md "Audit trail").
        if (context.request().version() != HttpVersion.HTTP_2) {
            context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            context.addEndHandler(ended -> context.request().connection().close());
        }
        context.response().setStatusCode(code.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(write(json, problem));
    }

    private static String write(ObjectMapper json, Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
