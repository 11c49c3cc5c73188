package fr.backoffice.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** RFC 9457 problem details, plus our stable machine-readable {@code code} from the catalogue ({@link ProblemCode}). */
// errors and traceId are left out when there are none (NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details (`application/problem+json`).",
        requiredProperties = {"type", "title", "status", "detail", "instance", "code"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Schema(description = "URI identifying the problem type", maxLength = 255, examples = "https://backoffice.example/problems/insufficient-funds") String type,
        @Schema(description = "The problem type's summary: the same for every problem of this code", maxLength = 64,
                examples = "Insufficient funds") String title,
        @Schema(minimum = "400", maximum = "599", examples = "422") int status,
        // the request line it may quote is at most 16 KiB (quarkus.http.limits.max-initial-line-length)
        @Schema(maxLength = 16384, examples = "The available balance of the debit account is too low.") String detail,
        @Schema(description = "The request path", maxLength = 16384, examples = "/operations") String instance,
        @Schema(description = "Stable machine-readable code, one of the catalogue's (ProblemCode)",
                examples = "INSUFFICIENT_FUNDS") ProblemCode code,
        @Schema(description = "The invalid fields, for validation errors: the first " + Problem.MAX_ERRORS + " found",
                maxItems = Problem.MAX_ERRORS) List<FieldError> errors,
        @Schema(description = "The W3C trace id of the request, when tracing is on "
                + "(docs/deployment.md \"Observability\"): quote it to the operator",
                pattern = "^[0-9a-f]{32}$", maxLength = 32,
                examples = "4bf92f3577b34da6a3ce929d0e0e4736") String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem names at most this many invalid fields, so that its size never grows with the body it refuses. */
    public static final int MAX_ERRORS = 100;

    /** The problem {@code code} answers, its type, title and status from the catalogue. */
    public static Problem of(ProblemCode code, String detail, String instance, List<FieldError> errors) {
        return new Problem(code.type(), code.title(), code.status(), detail, instance, code,
                errors == null || errors.isEmpty() ? null : errors.subList(0, Math.min(errors.size(), MAX_ERRORS)),
                currentTraceId());
    }

    /** The current span's trace id; none when tracing is off or the problem is answered outside a request's span. */
    private static String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
