package fr.backoffice.common.openapi;

import fr.backoffice.common.error.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Errors every operation shares, documented once as {@code #/components/responses} and referred to by each operation
 * (docs/api.md "The contract"): each secured operation can answer 401 and 403, each operation 400 (an unknown query
 * parameter, at least), each operation with a body 413 and 415, each operation reading {@code If-Match} 428 for
 * {@code If-Match: *}, each one 414, 429, 431, 500 and 503; every error response carries the problem schema; and every
 * response the rate limit headers ({@code common/http/RateLimits}).
 * Why a filter and not annotations: these answers come from the HTTP layer in front of every resource (the security
 * check, the body and header limits, the rate limiter, the unknown-parameter check), so an annotation would have to
 * be repeated on each of the operations, and a new operation would silently lack them. It derives no limit and no
 * example from a description or a parameter's name: it only looks whether a declared answer already names the code it
 * would add, and whether the operation reads {@code If-Match}.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final Map<String, String> COMMON = Map.of(
            "400", "`VALIDATION_FAILED` (an invalid field, named in `errors`; a control character in a text: C0, DEL or "
                    + "C1, and tab, CR or LF in a single-line field), `MALFORMED_JSON` (not JSON, or not well-formed "
                    + "UTF-8), `INVALID_JSON` (a wrong type, or a lone surrogate in a text), `UNKNOWN_PROPERTY`, "
                    + "`DUPLICATE_PROPERTY`: the request is malformed or invalid",
            "401", "`UNAUTHENTICATED`: no bearer token, or one that is malformed, expired or wrongly signed, or that names "
                    + "no caller in `sub`",
            "403", "`FORBIDDEN`: the caller's role or unit does not allow this",
            "413", "`PAYLOAD_TOO_LARGE`: the body is over 64 KiB",
            "415", "`UNSUPPORTED_MEDIA_TYPE`: the body must be `application/json`",
            "414", "`URI_TOO_LONG`: the request line is over 8 KiB",
            "431", "`HEADERS_TOO_LARGE`: the request headers are over 20 KiB",
            "429", "`RATE_LIMITED`: the budget of this class of request is spent (the caller's, or without a valid "
                    + "token the client address's; `RateLimit-Policy` tells which); retry after the `Retry-After` seconds",
            "500", "`INTERNAL_ERROR`: a bug on our side, logged with the request",
            "503", "`SERVICE_UNAVAILABLE`: the database cannot serve now (unreachable, overloaded, restarting); retry "
                    + "after the `Retry-After` seconds");

    private static final String RATE_LIMIT_POLICY = "RateLimit-Policy";
    private static final String RATE_LIMIT = "RateLimit";
    private static final String BUDGETS = "A token bucket: `q` requests at once, refilled continuously at `q` per `w` "
            + "seconds. Its name is `writes` (POST, PUT, PATCH, DELETE), `reads` (GET, HEAD) or `stream` (connections "
            + "to `GET /events/stream`), each counted per caller (`sub`), or `unauthenticated` (requests without a valid "
            + "token, counted per client address). Each instance of the service counts its own budgets. Structured "
            + "fields as in the IETF draft draft-ietf-httpapi-ratelimit-headers-10; absent where rate limiting is "
            + "switched off.";

    /** The shared answers: component name, status, description, the problem codes it shows an example of. */
    private record Shared(String name, String status, String description, List<String> codes) {
    }

    private static final String UNIT_CLAIM_REQUIRED =
            "`UNIT_CLAIM_REQUIRED`: the token has the `agent` or `supervisor` role but no unit code (e.g. `PAR-01`) in its `unit` claim";

    private static final String UNKNOWN_QUERY_PARAMETER =
            "`UNKNOWN_QUERY_PARAMETER`: a query parameter this operation does not take (the allowed ones are listed)";
    private static final String IF_MATCH_WILDCARD_RESPONSE = "`PRECONDITION_REQUIRED`: `If-Match: *` instead of an ETag";

    private static final String RESPONSES = "#/components/responses/";
    private static final String RETRY_AFTER = "Retry-After";
    private static final Shared BAD_REQUEST = new Shared("BadRequest", "400",
            COMMON.get("400") + "; " + UNKNOWN_QUERY_PARAMETER, List.of("VALIDATION_FAILED", "MALFORMED_JSON",
            "INVALID_JSON", "UNKNOWN_PROPERTY", "DUPLICATE_PROPERTY", "UNKNOWN_QUERY_PARAMETER"));
    private static final Shared UNKNOWN_QUERY = new Shared("UnknownQueryParameter", "400", UNKNOWN_QUERY_PARAMETER,
            List.of("UNKNOWN_QUERY_PARAMETER"));
    private static final Shared UNAUTHENTICATED = new Shared("Unauthenticated", "401", COMMON.get("401"),
            List.of("UNAUTHENTICATED"));
    private static final Shared FORBIDDEN = new Shared("Forbidden", "403", COMMON.get("403") + "; " + UNIT_CLAIM_REQUIRED,
            List.of("FORBIDDEN", "UNIT_CLAIM_REQUIRED"));
    private static final Shared PAYLOAD_TOO_LARGE = new Shared("PayloadTooLarge", "413", COMMON.get("413"),
            List.of("PAYLOAD_TOO_LARGE"));
    private static final Shared URI_TOO_LONG = new Shared("UriTooLong", "414", COMMON.get("414"), List.of("URI_TOO_LONG"));
    private static final Shared UNSUPPORTED_MEDIA_TYPE = new Shared("UnsupportedMediaType", "415", COMMON.get("415"),
            List.of("UNSUPPORTED_MEDIA_TYPE"));
    private static final Shared RATE_LIMITED = new Shared("RateLimited", "429", COMMON.get("429"), List.of("RATE_LIMITED"));
    private static final Shared HEADERS_TOO_LARGE = new Shared("HeadersTooLarge", "431", COMMON.get("431"),
            List.of("HEADERS_TOO_LARGE"));
    private static final Shared INTERNAL_ERROR = new Shared("InternalError", "500", COMMON.get("500"),
            List.of("INTERNAL_ERROR"));
    private static final Shared SERVICE_UNAVAILABLE = new Shared("ServiceUnavailable", "503", COMMON.get("503"),
            List.of("SERVICE_UNAVAILABLE"));
    private static final List<Shared> SHARED = List.of(BAD_REQUEST, UNKNOWN_QUERY, UNAUTHENTICATED, FORBIDDEN,
            PAYLOAD_TOO_LARGE, URI_TOO_LONG, UNSUPPORTED_MEDIA_TYPE, RATE_LIMITED, HEADERS_TOO_LARGE, INTERNAL_ERROR,
            SERVICE_UNAVAILABLE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ProblemCodeSchema.addTo(openAPI);
        if (openAPI.getPaths() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        addHeaders(openAPI.getComponents());
        ProblemExamples.addTo(openAPI);
        SHARED.forEach(shared -> openAPI.getComponents().addResponse(shared.name(), sharedResponse(shared)));
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getResponses() != null) {
                    addSharedResponses(operation, operation.getResponses());
                    operation.getResponses().getAPIResponses().forEach(ProblemResponsesFilter::withProblemAndHeaders);
                }
            }
        }
    }

    private static void addSharedResponses(Operation operation, APIResponses responses) {
        boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        if (secured) {
            // Quarkus declares these itself, with descriptions naming no problem code
            replaceIfGeneric(responses, UNAUTHENTICATED, "Not Authorized");
            replaceIfGeneric(responses, FORBIDDEN, "Not Allowed");
            appendTo(responses.getAPIResponse("403"), UNIT_CLAIM_REQUIRED, "UNIT_CLAIM_REQUIRED", "`UNIT_CLAIM_REQUIRED`");
        }
        if (responses.hasAPIResponse("400")) {
            appendTo(responses.getAPIResponse("400"), UNKNOWN_QUERY_PARAMETER, "UNKNOWN_QUERY_PARAMETER",
                    "`UNKNOWN_QUERY_PARAMETER`");
        } else {
            addShared(responses, operation.getRequestBody() != null ? BAD_REQUEST : UNKNOWN_QUERY);
        }
        if (operation.getRequestBody() != null) {
            addShared(responses, PAYLOAD_TOO_LARGE);
            addShared(responses, UNSUPPORTED_MEDIA_TYPE);
        }
        if (readsIfMatch(operation)) {
            if (!responses.hasAPIResponse("428")) {
                responses.addAPIResponse("428", OASFactory.createAPIResponse().description(IF_MATCH_WILDCARD_RESPONSE));
            }
            appendTo(responses.getAPIResponse("428"), IF_MATCH_WILDCARD_RESPONSE, "PRECONDITION_REQUIRED", "`If-Match: *`");
        }
        List.of(URI_TOO_LONG, HEADERS_TOO_LARGE, INTERNAL_ERROR, RATE_LIMITED, SERVICE_UNAVAILABLE)
                .forEach(shared -> addShared(responses, shared));
    }

    private static boolean readsIfMatch(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream().anyMatch(parameter ->
                "#/components/parameters/If-Match".equals(parameter.getRef())
                        || (parameter.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(parameter.getName())));
    }

    /** The shared answer as a component: its description, the problem schema, one example per code, the headers. */
    private static APIResponse sharedResponse(Shared shared) {
        APIResponse response = OASFactory.createAPIResponse().description(shared.description()).content(problemContent());
        shared.codes().forEach(code -> addExample(response, code));
        if (shared == RATE_LIMITED || shared == SERVICE_UNAVAILABLE) {
            response.addHeader(RETRY_AFTER, headerRef(RETRY_AFTER));
        }
        response.addHeader(RATE_LIMIT_POLICY, headerRef(RATE_LIMIT_POLICY));
        response.addHeader(RATE_LIMIT, headerRef(RATE_LIMIT));
        return response;
    }

    private static void addShared(APIResponses responses, Shared shared) {
        if (!responses.hasAPIResponse(shared.status())) {
            responses.addAPIResponse(shared.status(), OASFactory.createAPIResponse().ref(RESPONSES + shared.name()));
        }
    }

    private static void replaceIfGeneric(APIResponses responses, Shared shared, String quarkusDescription) {
        APIResponse declared = responses.getAPIResponse(shared.status());
        if (declared == null || declared.getDescription() == null || declared.getDescription().isBlank()
                || declared.getDescription().equals(quarkusDescription)) {
            responses.removeAPIResponse(shared.status());
            addShared(responses, shared);
        }
    }

    /**
     * What the HTTP layer adds to an answer a resource declared: its text after the resource's, unless the resource
     * already says {@code marker}, and its example.
     */
    private static void appendTo(APIResponse response, String text, String code, String marker) {
        if (response == null || response.getRef() != null) {
            return;
        }
        if (response.getDescription() == null || !response.getDescription().contains(marker)) {
            response.setDescription(response.getDescription() == null ? text : response.getDescription() + "; " + text);
        }
        if (response.getContent() == null) {
            response.setContent(problemContent());
        }
        addExample(response, code);
    }

    private static void addExample(APIResponse response, String code) {
        MediaType media = response.getContent().getMediaType(Problem.MEDIA_TYPE);
        if (media == null) {
            media = problemContent().getMediaType(Problem.MEDIA_TYPE);
            response.getContent().addMediaType(Problem.MEDIA_TYPE, media);
        }
        Map<String, Example> examples = media.getExamples() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(media.getExamples());
        examples.putIfAbsent(code, OASFactory.createExample().ref("#/components/examples/" + code));
        media.setExamples(examples);
    }

    /** Every declared error answer is a problem; every answer carries the rate limit headers. */
    private static void withProblemAndHeaders(String code, APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        if (code.startsWith("4") || code.startsWith("5")) {
            MediaType declared = response.getContent() == null ? null : response.getContent().getMediaType(Problem.MEDIA_TYPE);
            Content content = problemContent();
            if (declared != null && declared.getExamples() != null) {
                content.getMediaType(Problem.MEDIA_TYPE).setExamples(declared.getExamples());
            }
            response.setContent(content);
        }
        response.addHeader(RATE_LIMIT_POLICY, headerRef(RATE_LIMIT_POLICY));
        response.addHeader(RATE_LIMIT, headerRef(RATE_LIMIT));
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header headerRef(String name) {
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }

    /** The rate limit headers and Retry-After, described once and referred to by every response. */
    private static void addHeaders(Components components) {
        components
                .addHeader(RATE_LIMIT_POLICY, OASFactory.createHeader().schema(budgetField()).description(
                        "The budget this request drew on: `\"writes\";q=400;w=2`, a name with its `q` and `w`. " + BUDGETS))
                .addHeader(RATE_LIMIT, OASFactory.createHeader().schema(budgetField()).description(
                        "What is left of that budget: `\"writes\";r=42;t=1`, `r` requests now, all `q` again in `t` "
                                + "seconds. " + BUDGETS))
                .addHeader(RETRY_AFTER, OASFactory.createHeader().description("Seconds to wait before retrying")
                        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")
                                .minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Integer.MAX_VALUE))));
    }

    /** A budget's name (15 characters at most) and two numbers of 19 digits at most, with their separators. */
    private static Schema budgetField() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).maxLength(64);
    }

    private static Content problemContent() {
        MediaType problem = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + Problem.class.getSimpleName()));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem);
    }
}
