package fr.backoffice.common.http;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body must say what it is: without a {@code Content-Type}, or with a wildcard one ({@code *}{@code /*}), the
 * REST layer would guess JSON; the API conventions (docs/api.md "Calling the API") answer 415 instead, as for any other
 * type than {@code application/json}. A request without a body needs no {@code Content-Type}.
 */
public class RequestMediaType {

    @ServerRequestFilter
    public void requireJsonType(HttpServerRequest request) {
        if (!hasBody(request)) {
            return;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String essence = type == null ? "" : type.split(";", 2)[0].trim();
        if (essence.isEmpty() || essence.contains("*")) {
            throw new ApiException(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be sent with Content-Type: application/json.");
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        try {
            return length != null && Long.parseLong(length.trim()) > 0;
        } catch (NumberFormatException malformed) {
            return true;
        }
    }
}
