package fr.backoffice.common.http;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ProblemCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * Answers a request line over {@code backoffice.http.max-request-line} with a 414 problem, headers over
 * {@code backoffice.http.max-header-size} with a 431 problem, and a body larger than {@code backoffice.http.max-body-size}
 * (for the clearing's XML imports, {@code backoffice.clearing.max-message-size}) with a 413 problem. A body announced as larger
 * ({@code Content-Length}) is refused before anything reads it. A chunked body (no length announced) is read here, on
 * the event loop, up to the limit: refused as soon as it goes over, otherwise handed to the REST layer as the routing
 * context's body (which Quarkus REST reads instead of the request). Quarkus's own checks, which stay as the backstop,
 * answer with an empty body (and, for chunked bodies, log an error); ours run before them (Vert.x route order
 * {@code -priority}, Quarkus's limit sits at -2).
 */
@ApplicationScoped
public class RequestLimits {

    private static final int PRIORITY = 100;

    private final BackOfficeConfig config;

    private final ObjectMapper json;

    public RequestLimits(BackOfficeConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void register(@Observes Filters filters) {
        long limit = config.http().maxBodySize().asLongValue();
        long messageLimit = config.clearing().maxMessageSize().asLongValue();
        long batchLimit = config.submissions().batchMaxBodySize().asLongValue();
        long headerLimit = config.http().maxHeaderSize().asLongValue();
        filters.register(context -> {
            HttpServerRequest request = context.request();
            // as the HTTP codec counts it: "GET /path?query HTTP/1.1"
            if (request.method().name().length() + request.uri().length() + 10 > config.http().maxRequestLine()) {
                refuse(context, ProblemCode.URI_TOO_LONG, "The request line is longer than " + config.http().maxRequestLine() + " characters.");
            } else if (headerSize(request) > headerLimit) {
                refuse(context, ProblemCode.HEADERS_TOO_LARGE,
                        "The request headers are larger than " + headerLimit / 1024 + " KiB.");
            } else {
                refuseOversizedBody(context, isClearingMessage(request) ? messageLimit
                        : isBatch(request) ? batchLimit : limit);
            }
        }, PRIORITY);
    }

    /**
     * Where the clearing system's XML messages are posted, which may be larger than any JSON request (the shipped
     * proxy, deploy/proxy/nginx.conf, lets them through; DeploymentFilesTest checks it).
     */
    public static final Set<String> CLEARING_MESSAGE_PATHS = Set.of("/payment-files/incoming", "/payment-files/returns",
            "/payment-files/status-reports", "/reconciliation/statements");

    /** The XML messages from the clearing system, which may be larger than any JSON request. */
    private static boolean isClearingMessage(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && CLEARING_MESSAGE_PATHS.contains(request.path());
    }

    /** Where front offices post many operations at once (docs/operations-and-ledger.md "Operation batches"). */
    public static final String BATCH_PATH = "/operation-batches";

    private static boolean isBatch(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && BATCH_PATH.equals(request.path());
    }

    /** As the HTTP codec counts it: each header line, name, colon, space and value. */
    private static long headerSize(HttpServerRequest request) {
        long size = 0;
        for (var header : request.headers()) {
            size += header.getKey().length() + 2 + header.getValue().length();
        }
        return size;
    }

    private void refuseOversizedBody(RoutingContext context, long limit) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            readChunkedBody(context, limit);
        } else if (length == null || !isOver(length, limit)) {
            context.next();
        } else {
            refuseTooLarge(context, limit);
        }
    }

    private void readChunkedBody(RoutingContext context, long limit) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (context.response().headWritten()) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                refuseTooLarge(context, limit);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            if (!context.response().headWritten()) {
                context.setBody(body);
                context.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            context.response().writeContinue();
        }
        request.resume();
    }

    private void refuseTooLarge(RoutingContext context, long limit) {
        refuse(context, ProblemCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit / 1024 + " KiB.");
    }

    private void refuse(RoutingContext context, ProblemCode code, String detail) {
        EdgeProblems.answer(context, json, code, detail);
    }

    private static boolean isOver(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException malformed) {
            return false; // left to the HTTP layer
        }
    }
}
