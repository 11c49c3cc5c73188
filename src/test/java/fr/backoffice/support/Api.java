package fr.backoffice.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every API test goes through here, so every request and response is checked against the OpenAPI
 * document the service itself serves, and every ISO 20022 document answered against the official schemas.
 */
public final class Api {

    /** Every ISO 20022 document the service answers must pass the official schemas (see {@link IsoSchemas}). */
    private static final Filter ISO_DOCUMENTS = (request, response, context) -> {
        Response answer = context.next(request, response);
        String type = answer.contentType();
        if (answer.statusCode() == 200 && type != null && type.contains("xml")) {
            IsoSchemas.assertValid(answer.asByteArray());
        }
        return answer;
    };

    private static OpenApiValidationFilter strict;
    private static OpenApiValidationFilter responsesOnly;

    private Api() {
    }

    /** A request whose request and response must both match the contract. */
    public static RequestSpecification as(String token) {
        return base(token).filter(strict());
    }

    /**
     * For requests that deliberately break the contract (malformed JSON, bad parameters): only the
     * response is checked, and it must be a documented one.
     */
    public static RequestSpecification invalidRequestAs(String token) {
        return base(token).filter(responsesOnly());
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given().contentType(ContentType.JSON).filter(responsesOnly());
    }

    private static RequestSpecification base(String token) {
        RequestSpecification spec = RestAssured.given().contentType(ContentType.JSON).filter(ISO_DOCUMENTS);
        return token == null ? spec : spec.auth().oauth2(token);
    }

    private static synchronized OpenApiValidationFilter strict() {
        if (strict == null) {
            strict = new OpenApiValidationFilter(validator(LevelResolver.create()
                    .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                    .build()));
        }
        return strict;
    }

    private static synchronized OpenApiValidationFilter responsesOnly() {
        if (responsesOnly == null) {
            responsesOnly = new OpenApiValidationFilter(validator(LevelResolver.create()
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    .build()));
        }
        return responsesOnly;
    }

    private static OpenApiInteractionValidator validator(LevelResolver levels) {
        String spec = RestAssured.given().baseUri(RestAssured.baseURI).port(RestAssured.port)
                .get("/q/openapi?format=json").asString();
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withLevelResolver(levels)
                .build();
    }
}
