package fr.backoffice.common.openapi;

import fr.backoffice.common.error.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Errors every operation shares are documented here once instead of on each method: each secured operation
 * can answer 401 and 403, each operation 400 (an unknown query parameter, at least), each operation with a body
 * 413 and 415, each operation reading {@code If-Match} 428 for {@code If-Match: *}, each one 429, 500 and 503; every error
 * response, including those the resources declare, carries the problem schema; and every response the rate limit
 * headers ({@code common/http/RateLimits}).
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

    private static final String UNKNOWN_QUERY_PARAMETER =
            "`UNKNOWN_QUERY_PARAMETER`: a query parameter this operation does not take (the allowed ones are listed)";
    private static final String IF_MATCH_WILDCARD = "`*` is refused with 428 `PRECONDITION_REQUIRED`: name the version.";
    private static final String IF_MATCH_WILDCARD_RESPONSE = "`PRECONDITION_REQUIRED`: `If-Match: *` instead of an ETag";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ProblemCodeSchema.addTo(openAPI);
        if (openAPI.getPaths() == null) {
            return;
        }
        addRateLimitHeaders(openAPI);
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                APIResponses responses = operation.getResponses();
                if (responses == null) {
                    continue;
                }
                boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
                if (secured) {
                    addIfAbsent(responses, "401");
                    withProblemCode(responses.getAPIResponse("401"));
                    addIfAbsent(responses, "403");
                    withUnitClaim(responses.getAPIResponse("403"));
                }
                if (operation.getRequestBody() != null) {
                    addIfAbsent(responses, "400");
                    addIfAbsent(responses, "413");
                    addIfAbsent(responses, "415");
                }
                if (operation.getParameters() != null) {
                    for (Parameter parameter : operation.getParameters()) {
                        if (parameter.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(parameter.getName())) {
                            parameter.setDescription((parameter.getDescription() == null ? "" : parameter.getDescription() + " ")
                                    + IF_MATCH_WILDCARD);
                            append(responses, "428", "`If-Match: *`", IF_MATCH_WILDCARD_RESPONSE);
                        }
                    }
                }
                append(responses, "400", "`UNKNOWN_QUERY_PARAMETER`", UNKNOWN_QUERY_PARAMETER);
                addIfAbsent(responses, "414");
                addIfAbsent(responses, "431");
                addIfAbsent(responses, "500");
                for (String retried : List.of("429", "503")) {
                    if (!responses.hasAPIResponse(retried)) {
                        responses.addAPIResponse(retried, OASFactory.createAPIResponse().description(COMMON.get(retried))
                                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                                        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")
                                        .minimum(BigDecimal.ZERO))));
                    }
                }
                responses.getAPIResponses().forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        response.setContent(problemContent());
                    }
                    response.addHeader(RATE_LIMIT_POLICY, OASFactory.createHeader().ref("#/components/headers/" + RATE_LIMIT_POLICY));
                    response.addHeader(RATE_LIMIT, OASFactory.createHeader().ref("#/components/headers/" + RATE_LIMIT));
                });
            }
        }
    }

    /** The rate limit headers, described once and referred to by every response. */
    private static void addRateLimitHeaders(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addHeader(RATE_LIMIT_POLICY, OASFactory.createHeader().schema(budgetField()).description(
                        "The budget this request drew on: `\"writes\";q=400;w=2`, a name with its `q` and `w`. " + BUDGETS))
                .addHeader(RATE_LIMIT, OASFactory.createHeader().schema(budgetField()).description(
                        "What is left of that budget: `\"writes\";r=42;t=1`, `r` requests now, all `q` again in `t` "
                                + "seconds. " + BUDGETS));
    }

    /** A budget's name (15 characters at most) and two numbers of 19 digits at most, with their separators. */
    private static Schema budgetField() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).maxLength(64);
    }

    /** Documents {@code text} under {@code code}, after what the resource declared there, unless it says {@code marker}. */
    private static void append(APIResponses responses, String code, String marker, String text) {
        APIResponse response = responses.getAPIResponse(code);
        if (response == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(text));
        } else if (response.getDescription() == null || !response.getDescription().contains(marker)) {
            response.setDescription(response.getDescription() == null ? text : response.getDescription() + "; " + text);
        }
    }

    private static void addIfAbsent(APIResponses responses, String code) {
        if (!responses.hasAPIResponse(code)) {
            APIResponse response = OASFactory.createAPIResponse().description(COMMON.get(code));
            responses.addAPIResponse(code, response);
        }
    }

    /** Quarkus declares the 401 of secured operations itself, with a description naming no problem code. */
    private static void withProblemCode(APIResponse unauthorized) {
        String description = unauthorized.getDescription();
        if (description == null || description.isBlank() || description.equals("Not Authorized")) {
            unauthorized.setDescription(COMMON.get("401"));
        }
    }

    /** Every secured operation can be refused at the door for a token without its unit (AccessFilter). */
    private static void withUnitClaim(APIResponse forbidden) {
        String description = forbidden.getDescription();
        if (description == null || description.isBlank() || description.equals("Not Allowed")) {
            description = COMMON.get("403");
        }
        if (!description.contains(UNIT_CLAIM_REQUIRED)) {
            description += "; " + UNIT_CLAIM_REQUIRED;
        }
        forbidden.setDescription(description);
    }

    private static final String UNIT_CLAIM_REQUIRED =
            "`UNIT_CLAIM_REQUIRED`: the token has the `agent` or `supervisor` role but no unit code (e.g. `PAR-01`) in its `unit` claim";

    private static Content problemContent() {
        MediaType problem = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + Problem.class.getSimpleName()));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem);
    }
}
