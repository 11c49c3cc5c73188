package fr.backoffice.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import fr.backoffice.common.Persistence;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where failures become RFC 9457 problems. Nothing internal (stack traces, SQL,
 * class names) ever reaches the client; unexpected failures are logged and answered with a bare 500.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final int RETRY_AFTER_SECONDS = 1;
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    @ServerExceptionMapper({
            Throwable.class, ApiException.class, WebApplicationException.class, ConstraintViolationException.class,
            JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, UnrecognizedPropertyException.class, InvalidFormatException.class,
            ValueInstantiationException.class, UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class, ForbiddenException.class, OptimisticLockException.class,
            StaleStateException.class, CompositeException.class, CompletionException.class})
    public Response map(Throwable failure, HttpServerRequest request) {
        Response response = toResponse(failure, request.path());
        if (response.getStatus() == 401 && !request.response().headers().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        return response;
    }

    private static Response toResponse(Throwable failure, String path) {
        Throwable cause = unwrap(failure);
        Problem problem = toProblem(cause, path);
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (true) {
            if (current instanceof CompositeException composite && !composite.getCauses().isEmpty()) {
                current = composite.getCauses().get(0);
            } else if ((current instanceof CompletionException
                    || current.getClass().getName().equals("java.util.concurrent.ExecutionException"))
                    && current.getCause() != null) {
                current = current.getCause();
            } else if (current instanceof WebApplicationException && current.getCause() != null
                    && !(current.getCause() instanceof WebApplicationException)
                    && (current.getCause() instanceof JsonProcessingException || current.getCause() instanceof ApiException)) {
                current = current.getCause();
            } else {
                return current;
            }
        }
    }

    private static Problem toProblem(Throwable cause, String path) {
        if (cause instanceof ApiException api) {
            return Problem.of(api.code(), api.getMessage(), path, api.errors());
        }
        if (cause instanceof ConstraintViolationException violations) {
            return Problem.of(ProblemCode.VALIDATION_FAILED, "The request is not valid.", path, fieldErrors(violations));
        }
        if (cause instanceof InvalidTextException text) {
            String field = jsonPath(text);
            return Problem.of(ProblemCode.VALIDATION_FAILED, "The request is not valid: '" + field + "' " + text.reason() + ".",
                    path, List.of(new FieldError(field, text.reason())));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Problem.of(ProblemCode.UNKNOWN_PROPERTY, "Unknown property '" + unknown.getPropertyName() + "'.", path,
                    List.of(new FieldError(jsonPath(unknown), "unknown property")));
        }
        if (cause instanceof ValueInstantiationException invalid && invalid.getCause() instanceof ApiException api) {
            return Problem.of(api.code(), api.getMessage(), path, api.errors());
        }
        FieldError duplicate = duplicateProperty(cause);
        if (duplicate != null) {
            return Problem.of(ProblemCode.DUPLICATE_PROPERTY, "Property '" + duplicate.field() + "' is given more than once.",
                    path, List.of(duplicate));
        }
        // a syntax error inside a value reaches us wrapped, with the path of the property being read
        if (cause instanceof JsonParseException
                || cause instanceof JsonMappingException && cause.getCause() instanceof JsonParseException) {
            return Problem.of(ProblemCode.MALFORMED_JSON, "The request body is not well-formed JSON.", path, List.of());
        }
        if (cause instanceof JsonMappingException mapping) {
            String field = jsonPath(mapping);
            return Problem.of(ProblemCode.INVALID_JSON, "The request body does not match the expected structure"
                    + (field.isEmpty() ? "." : " at '" + field + "'."), path,
                    field.isEmpty() ? List.of() : List.of(new FieldError(field, "wrong type or value")));
        }
        if (cause instanceof JsonProcessingException) {
            return Problem.of(ProblemCode.MALFORMED_JSON, "The request body is not well-formed JSON.", path, List.of());
        }
        if (cause instanceof UnauthorizedException || cause instanceof AuthenticationFailedException
                || cause instanceof AuthenticationCompletionException) {
            return Problem.of(ProblemCode.UNAUTHENTICATED, "A valid bearer token is required.", path, List.of());
        }
        if (cause instanceof ForbiddenException) {
            return Problem.of(ProblemCode.FORBIDDEN, "Your role does not allow this action.", path, List.of());
        }
        if (cause instanceof OptimisticLockException || cause instanceof StaleStateException
                || fr.backoffice.common.Persistence.isTransient(cause)) {
            return Problem.of(ProblemCode.CONCURRENT_UPDATE, "The resource was changed by someone else; read it again and retry.",
                    path, List.of());
        }
        if (cause instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            ProblemCode code = codeFor(web.getResponse().getStatus());
            return Problem.of(code, detailFor(code), path, List.of());
        }
        if (Persistence.isUnavailable(cause)) {
            Outages.record(cause, path);
            return Problem.of(ProblemCode.SERVICE_UNAVAILABLE, "The database cannot serve the request now; retry after the "
                    + "delay in Retry-After.", path, List.of());
        }
        if (Persistence.isUnstorableText(cause)) {
            return Problem.of(ProblemCode.VALIDATION_FAILED,
                    "The request holds text that cannot be stored: the NUL character (U+0000).", path, List.of());
        }
        LOG.errorf(cause, "Unexpected failure on %s", path);
        return Problem.of(ProblemCode.INTERNAL_ERROR, "An unexpected error occurred; it has been logged.", path, List.of());
    }

    /** The code of a refusal the HTTP layer answers; a status we never expect there is reported as a bad request. */
    private static ProblemCode codeFor(int status) {
        return switch (status) {
            case 401 -> ProblemCode.UNAUTHENTICATED;
            case 403 -> ProblemCode.FORBIDDEN;
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            default -> ProblemCode.BAD_REQUEST;
        };
    }

    private static String detailFor(ProblemCode code) {
        return switch (code) {
            case NOT_FOUND -> "No such resource.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource.";
            case NOT_ACCEPTABLE -> "The requested media type cannot be produced; ask for application/json.";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than 64 KiB.";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body must be application/json.";
            default -> "The request is not valid.";
        };
    }

    /** Jackson's strict duplicate detection (StrictJson) reports a parse error naming the property, nothing more. */
    private static FieldError duplicateProperty(Throwable cause) {
        Throwable parse = cause instanceof JsonMappingException && cause.getCause() instanceof JsonParseException
                ? cause.getCause() : cause;
        if (!(parse instanceof JsonParseException failure)) {
            return null;
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(failure.getOriginalMessage()));
        if (!duplicate.matches()) {
            return null;
        }
        // the parser still stands in the object holding the duplicate: its parent's path leads to that object
        String parent = "";
        JsonParser parser = failure.getProcessor();
        if (parser != null && parser.getParsingContext() != null && parser.getParsingContext().getParent() != null) {
            parent = parser.getParsingContext().getParent().pathAsPointer().toString()
                    .replaceAll("/(\\d+)", "[$1]").replace('/', '.').replaceFirst("^\\.", "");
        }
        String field = (parent.isEmpty() ? "" : parent + ".") + duplicate.group(1);
        return new FieldError(field, "given more than once");
    }

    private static String jsonPath(JsonMappingException failure) {
        return failure.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static List<FieldError> fieldErrors(ConstraintViolationException violations) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations.getConstraintViolations()) {
            errors.add(new FieldError(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    /** Drops the method and parameter nodes: the client knows fields and query parameters, not Java names. */
    private static String fieldName(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE -> { }
                case PARAMETER -> names.add(node.getName());
                default -> {
                    String name = node.getName();
                    if (node.getIndex() != null && !names.isEmpty()) {
                        int last = names.size() - 1;
                        names.set(last, names.get(last) + "[" + node.getIndex() + "]");
                    }
                    if (name != null) {
                        names.add(name);
                    }
                }
            }
        }
        // A body parameter's own name means nothing to the client; a query parameter's name is the field.
        if (names.size() > 1) {
            names.remove(0);
        }
        return String.join(".", names);
    }
}
