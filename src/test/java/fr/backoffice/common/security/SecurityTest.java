package fr.backoffice.common.security;

import fr.backoffice.support.Contract;
import com.fasterxml.jackson.databind.JsonNode;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The security rules and the contract: who may call what, and what the OpenAPI document promises. */
@QuarkusTest
class SecurityTest {

    /** One request per kind of endpoint: reads, a creation, a change and an action, each otherwise valid. */
    private List<Function<RequestSpecification, Response>> requests(String unit, String account) {
        return List.of(
                request -> request.get("/units"),
                request -> request.get("/units/{code}", unit),
                request -> request.get("/accounts"),
                request -> request.get("/accounts/{id}", account),
                request -> request.body(Map.of("code", Fixtures.newUnitCode(), "name", "N", "region", "R")).post("/units"),
                request -> request.body(Map.of(
                        "holder", Map.of("name", "Intruder", "customerId", "C-INTRUDER"),
                        "type", "CURRENT", "currency", "EUR", "unit", unit)).post("/accounts"),
                request -> request.header("If-Match", "\"0\"").body(Map.of("holder", Map.of("name", "Intruder")))
                        .patch("/accounts/{id}", account),
                request -> request.body(Map.of("reason", "Intruder")).post("/accounts/{id}/freeze", account),
                request -> request.post("/accounts/{id}/close", account));
    }

    private static void assertUnauthenticated(Response response) {
        assertProblem(response, 401, "UNAUTHENTICATED");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private static void assertNothingChanged(String unit, String account) {
        Api.as(Tokens.auditor()).get("/accounts/{id}", account)
                .then().statusCode(200).header("ETag", "\"0\"").body(at("status", equalTo("ACTIVE")));
        Api.as(Tokens.auditor()).queryParam("customerId", "C-INTRUDER").get("/accounts")
                .then().statusCode(200).body(at("items.size()", equalTo(0)));
        Api.as(Tokens.auditor()).queryParam("unit", unit).get("/accounts")
                .then().statusCode(200).body(at("items.size()", equalTo(1)));
    }

    @Test
    void without_a_token_every_endpoint_answers_401_with_a_bearer_challenge() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        for (var request : requests(unit, account)) {
            assertUnauthenticated(request.apply(Api.anonymous()));
        }
        assertNothingChanged(unit, account);
    }

    @Test
    void a_token_that_is_malformed_expired_or_signed_by_another_key_is_401() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String admin = Tokens.admin();
        List<String> badTokens = List.of(
                "not-a-jwt",
                "a.b.c",
                admin.substring(0, admin.lastIndexOf('.')),                    // no signature
                admin.substring(0, admin.length() - 4) + "AAAA",               // signature tampered with
                tamperedPayload(admin),                                       // claims changed after signing
                unsigned(),                                                   // alg none
                Tokens.expired(),
                Tokens.wronglySigned(),
                Jwt.issuer("https://elsewhere.example").subject("outsider").groups(Roles.ADMIN).sign());
        for (String token : badTokens) {
            for (var request : requests(unit, account)) {
                assertUnauthenticated(request.apply(Api.invalidRequestAs(token)));
            }
        }
        assertNothingChanged(unit, account);
    }

    @Test
    void credentials_of_another_scheme_are_not_credentials() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        for (var request : requests(unit, account)) {
            assertUnauthenticated(request.apply(RestAssured.given().contentType("application/json")
                    .header("Authorization", "Basic YWRtaW46YWRtaW4=")));
        }
        assertNothingChanged(unit, account);
    }

    /** The admin token with its payload swapped for one granting every role; the signature no longer matches. */
    private static String tamperedPayload(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"admin\"", "\"admin\",\"supervisor\",\"agent\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    private static String unsigned() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = System.currentTimeMillis() / 1000;
        String claims = base64.encodeToString(("{\"iss\":\"https://test.backoffice.local\",\"sub\":\"forger\","
                + "\"groups\":[\"admin\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    @Test
    void a_valid_token_without_a_known_role_is_403() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        for (String token : List.of(Tokens.token("nobody", unit), Tokens.token("superuser", null, "superuser", "root"))) {
            for (var request : requests(unit, account)) {
                assertProblem(request.apply(Api.as(token)), 403, "FORBIDDEN");
            }
        }
        assertNothingChanged(unit, account);
    }

    @Test
    void a_valid_token_with_the_wrong_role_is_403() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        assertProblem(Api.as(Tokens.auditor()).body(Map.of("code", Fixtures.newUnitCode(), "name", "N", "region", "R"))
                .post("/units"), 403, "FORBIDDEN");
        assertProblem(Api.as(Tokens.auditor()).body(Map.of(
                "holder", Map.of("name", "Auditor", "customerId", "C-INTRUDER"),
                "type", "CURRENT", "currency", "EUR", "unit", unit)).post("/accounts"), 403, "FORBIDDEN");
        assertProblem(Api.as(Tokens.frontOffice()).header("If-Match", "\"0\"")
                .body(Map.of("holder", Map.of("name", "Front"))).patch("/accounts/{id}", account), 403, "FORBIDDEN");
        assertProblem(Api.as(Tokens.admin()).body(Map.of("reason", "Admin")).post("/accounts/{id}/freeze", account),
                403, "FORBIDDEN");
        assertProblem(Api.as(Tokens.agent(unit)).post("/accounts/{id}/unfreeze", account), 403, "FORBIDDEN");
        assertNothingChanged(unit, account);
    }

    @Test
    void the_openapi_document_declares_the_bearer_scheme_and_its_use() throws Exception {
        JsonNode api = openApi();
        assertThat(api.at("/info/title").asText()).isNotBlank();
        assertThat(api.at("/info/version").asText()).isNotBlank();
        assertThat(api.at("/info/description").asText()).contains("Bearer");

        JsonNode schemes = api.at("/components/securitySchemes");
        assertThat(schemes.size()).isEqualTo(1);
        JsonNode bearer = schemes.elements().next();
        assertThat(bearer.get("type").asText()).isEqualTo("http");
        assertThat(bearer.get("scheme").asText()).isEqualToIgnoringCase("bearer");
        assertThat(bearer.get("bearerFormat").asText()).isEqualTo("JWT");
    }

    @Test
    void every_operation_is_fully_documented() throws Exception {
        JsonNode api = openApi();
        String scheme = api.at("/components/securitySchemes").fieldNames().next();
        Set<String> declaredTags = new HashSet<>(api.at("/tags").findValuesAsText("name"));
        Set<String> operationIds = new HashSet<>();
        List<String> operations = new ArrayList<>();

        for (Iterator<Map.Entry<String, JsonNode>> paths = api.at("/paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!List.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                    continue;
                }
                String name = method.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode operation = method.getValue();

                assertThat(operation.path("operationId").asText()).as("operationId of %s", name).isNotBlank();
                assertThat(operationIds.add(operation.get("operationId").asText())).as("unique operationId of %s", name).isTrue();
                assertThat(operation.path("summary").asText()).as("summary of %s", name).isNotBlank();
                assertThat(operation.path("tags")).as("tags of %s", name).isNotEmpty();
                operation.get("tags").forEach(tag -> assertThat(declaredTags).as("tag of %s", name).contains(tag.asText()));

                JsonNode security = operation.has("security") ? operation.get("security") : api.path("security");
                assertThat(security).as("security of %s", name).isNotEmpty();
                security.forEach(requirement -> assertThat(requirement.has(scheme)).as("scheme of %s", name).isTrue());

                JsonNode responses = operation.path("responses");
                assertThat(responses).as("responses of %s", name).isNotEmpty();
                List<String> codes = new ArrayList<>();
                responses.fieldNames().forEachRemaining(codes::add);
                assertThat(codes).as("responses of %s", name)
                        .anyMatch(code -> code.startsWith("2"))
                        .contains("401", "403", "500");
                if (operation.has("requestBody")) {
                    assertThat(codes).as("responses of %s", name).contains("400", "413", "415");
                    // JSON bodies, and the XML messages of the clearing
                    operation.at("/requestBody/content").fields().forEachRemaining(media -> assertThat(
                            media.getValue().has("examples") || media.getValue().has("example"))
                            .as("request example of %s %s", name, media.getKey()).isTrue());
                }
                responses.fields().forEachRemaining(response -> {
                    assertThat(response.getValue().path("description").asText())
                            .as("description of %s %s", name, response.getKey()).isNotBlank();
                    if (response.getKey().matches("[45]\\d\\d")) {
                        assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asText())
                                .as("problem schema of %s %s", name, response.getKey())
                                .isEqualTo("#/components/schemas/Problem");
                    } else if (response.getKey().startsWith("2") && response.getValue().has("content")) {
                        // JSON and XML bodies have a schema; a Server-Sent Events stream (GET /events/stream), endless,
                        // has none that could bound it, and shows a message (docs/api.md "The contract")
                        JsonNode content = response.getValue().path("content");
                        if (content.has("text/event-stream")) {
                            assertThat(content.path("text/event-stream").path("examples"))
                                    .as("example of %s %s", name, response.getKey()).isNotEmpty();
                            return;
                        }
                        JsonNode body = content.has("application/xml") ? content.path("application/xml")
                                : content.path("application/json");
                        assertThat(body.path("schema").isMissingNode())
                                .as("schema of %s %s", name, response.getKey()).isFalse();
                    }
                });
            }
        }
        assertThat(operations).contains("POST /units", "GET /units", "GET /units/{code}", "POST /accounts",
                "GET /accounts", "GET /accounts/{id}", "PATCH /accounts/{id}", "POST /accounts/{id}/freeze",
                "POST /accounts/{id}/unfreeze", "POST /accounts/{id}/close");
        assertThat(operations).noneMatch(operation -> operation.contains("/dev/"));

        JsonNode problem = api.at("/components/schemas/Problem/properties");
        for (String field : List.of("type", "title", "status", "detail", "instance", "code", "errors")) {
            assertThat(problem.has(field)).as("Problem.%s", field).isTrue();
        }
    }

    private static JsonNode openApi() throws Exception {
        return Contract.served();
    }

    @Test
    void the_service_is_live_and_ready_with_its_database() {
        RestAssured.given().get("/q/health/live").then().statusCode(200).body(at("status", equalTo("UP")));
        RestAssured.given().get("/q/health/ready")
                .then().statusCode(200)
                .body(at("status", equalTo("UP")))
                .body("checks.find { it.name.contains('PostgreSQL') }.status", equalTo("UP"));
    }

    @Test
    void metrics_are_served_in_prometheus_text() {
        Api.as(Tokens.auditor()).get("/units").then().statusCode(200);
        RestAssured.given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds"))
                .body(containsString("uri=\"/units\""));
    }

    @Test
    void swagger_ui_and_the_contract_are_public() {
        RestAssured.given().get("/q/openapi").then().statusCode(200).body(containsString("openapi:"));
        RestAssured.given().redirects().follow(true).get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void the_dev_token_endpoint_does_not_exist_outside_dev_mode() {
        for (String role : List.of("admin", "supervisor")) {
            assertProblem(RestAssured.given().queryParam("role", role).get("/dev/token"), 404, "NOT_FOUND");
        }
        RestAssured.given().get("/q/openapi?format=json").then().body(at("paths.keySet()", not(hasItem("/dev/token"))));
    }
}
