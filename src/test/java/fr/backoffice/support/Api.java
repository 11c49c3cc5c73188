package fr.backoffice.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.path.json.mapper.factory.Jackson2ObjectMapperFactory;
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

    /** Writes every request body (REST Assured's own factory makes a mapper like it for each request). */
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private static final Jackson2ObjectMapperFactory BODIES = (type, charset) -> MAPPER;

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
        return given().filter(responsesOnly());
    }

    private static RequestSpecification base(String token) {
        RequestSpecification spec = given().filter(ISO_DOCUMENTS);
        return token == null ? spec : spec.auth().oauth2(token);
    }

    /**
     * Quarkus has REST Assured keep every request and response, to print them when an assertion fails: kept
     * unformatted (they are still printed), as formatting each JSON body took a quarter of the suite's test-side
     * CPU; and bodies are written by one Jackson mapper, where REST Assured makes one per request (JFR,
     * docs/testing.md "Where the time goes").
     */
    private static RequestSpecification given() {
        RestAssuredConfig config = RestAssured.config();
        return RestAssured.given().config(config.logConfig(config.getLogConfig().enablePrettyPrinting(false))
                        .objectMapperConfig(config.getObjectMapperConfig().jackson2ObjectMapperFactory(BODIES)))
                .contentType(ContentType.JSON);
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
        String spec = given().baseUri(RestAssured.baseURI).port(RestAssured.port)
                .get("/q/openapi?format=json").asString();
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withLevelResolver(levels)
                .build();
    }
}
