package fr.backoffice.common;

import fr.backoffice.support.Contract;
import com.fasterxml.jackson.databind.JsonNode;
import fr.backoffice.filing.FilingApi;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.RawHttp;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API conventions (docs/api.md "Calling the API"), for every endpoint: whatever a client sends, the answer is a
 * documented 4xx problem (never a 500, never an internal detail) and nothing is written.
 */
@QuarkusTest
class ApiConventionsTest {

    /** A valid {@code POST /accounts} body as raw JSON, with {@code %s} placeholders for the unit and customer. */
    private static final String ACCOUNT_JSON = """
            {"holder": {"name": "Camille Martin", "customerId": "%s"}, "type": "CURRENT", "currency": "EUR", "unit": "%s"}""";

    private static String accountJson(String unit, String customerId) {
        return ACCOUNT_JSON.formatted(customerId, unit);
    }

    private static RequestSpecification frontOffice() {
        return Api.invalidRequestAs(Tokens.frontOffice());
    }

    private static void nothingOpenedFor(String customerId) {
        assertThat(Api.as(Tokens.auditor()).queryParam("customerId", customerId).get("/accounts")
                .then().statusCode(200).extract().jsonPath().getList("items"))
                .as("accounts of %s", customerId).isEmpty();
    }

    @Test
    void a_body_that_is_not_json_is_400_malformed_json() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        for (String body : List.of("{", "not json", "{'code': 'PAR-01'}", "{,}", "{]", "{} trailing", "{}}")) {
            assertProblem(frontOffice().body(body).post("/accounts"), 400, "MALFORMED_JSON");
            assertProblem(Api.invalidRequestAs(Tokens.admin()).body(body).post("/units"), 400, "MALFORMED_JSON");
            assertProblem(Api.invalidRequestAs(Tokens.agent(unit)).header("If-Match", "\"0\"").body(body)
                    .patch("/accounts/{id}", account), 400, "MALFORMED_JSON");
            assertProblem(Api.invalidRequestAs(Tokens.agent(unit)).body(body)
                    .post("/accounts/{id}/freeze", account), 400, "MALFORMED_JSON");
        }
        Api.as(Tokens.auditor()).get("/accounts/{id}", account).then().header("ETag", "\"0\"");
    }

    @Test
    void a_syntax_error_inside_a_value_is_400_malformed_json() {
        String unit = Fixtures.unit();
        for (String body : List.of("{\"holder\": {\"name\": }}", "{\"type\": CURRENT}", "{\"holder\": {\"name\": \"a\" \"b\"}}",
                "{\"overdraftLimit\": \"1", accountJson(unit, "C-x").replace("\"EUR\"", "\"EUR\" \"JPY\""))) {
            assertProblem(frontOffice().body(body).post("/accounts"), 400, "MALFORMED_JSON");
        }
    }

    @Test
    void bytes_that_are_not_utf8_are_400_malformed_json() {
        byte[] latin1 = accountJson(Fixtures.unit(), "C-Müller").getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(frontOffice().contentType("application/json").body(latin1).post("/accounts"), 400, "MALFORMED_JSON");
    }

    @Test
    void absurdly_deep_nesting_is_refused_without_harm() {
        String deep = "{\"holder\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        Response response = frontOffice().body(deep).post("/accounts");
        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response, 400, response.jsonPath().getString("code"));
    }

    @Test
    void a_value_of_the_wrong_json_type_is_400_naming_the_field() {
        String unit = Fixtures.unit();
        List<Map.Entry<String, Object>> wrongTypes = List.of(
                Map.entry("type", 5),
                Map.entry("type", 1),
                Map.entry("holder", "x"),
                Map.entry("holder", List.of("Camille Martin")),
                Map.entry("currency", 978),
                Map.entry("overdraftLimit", 100),
                Map.entry("overdraftLimit", 100.5),
                Map.entry("overdraftLimit", true),
                Map.entry("unit", Map.of("code", unit)));
        for (Map.Entry<String, Object> wrong : wrongTypes) {
            String customerId = Fixtures.newCustomerId();
            Map<String, Object> body = new HashMap<>(Map.of(
                    "holder", Map.of("name", "Camille Martin", "customerId", customerId),
                    "type", "CURRENT", "currency", "EUR", "unit", unit));
            body.put(wrong.getKey(), wrong.getValue());
            JsonPath problem = assertProblem(frontOffice().body(body).post("/accounts"), 400, "INVALID_JSON");
            assertThat(problem.getList("errors.field", String.class)).as("%s", wrong).containsExactly(wrong.getKey());
            nothingOpenedFor(customerId);
        }
    }

    @Test
    void a_holder_name_of_the_wrong_json_type_is_400_naming_the_nested_field() {
        String unit = Fixtures.unit();
        for (String name : List.of("true", "42", "null", "{}")) {
            String body = """
                    {"holder": {"name": %s, "customerId": "C-1"}, "type": "CURRENT", "currency": "EUR", "unit": "%s"}"""
                    .formatted(name, unit);
            JsonPath problem = assertProblem(frontOffice().body(body).post("/accounts"), 400,
                    name.equals("null") ? "VALIDATION_FAILED" : "INVALID_JSON");
            assertThat(problem.getList("errors.field", String.class)).containsExactly("holder.name");
        }
    }

    @Test
    void a_body_that_is_not_an_object_is_400() {
        for (String body : List.of("[]", "\"CURRENT\"", "42", "null")) {
            Response response = frontOffice().body(body).post("/accounts");
            assertProblem(response, 400, response.jsonPath().getString("code"));
        }
    }

    @Test
    void an_unknown_property_is_400_unknown_property_naming_it() {
        String unit = Fixtures.unit();
        String customerId = Fixtures.newCustomerId();
        String colour = accountJson(unit, customerId).replaceFirst("\\}$", ", \"colour\": \"blue\"}");
        JsonPath problem = assertProblem(frontOffice().body(colour).post("/accounts"), 400, "UNKNOWN_PROPERTY");
        assertThat(problem.getString("detail")).contains("colour");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("colour");

        String nickname = accountJson(unit, customerId).replace("\"Camille Martin\"", "\"Camille Martin\", \"nickname\": \"Cam\"");
        problem = assertProblem(frontOffice().body(nickname).post("/accounts"), 400, "UNKNOWN_PROPERTY");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("holder.nickname");
        nothingOpenedFor(customerId);

        String account = Fixtures.currentAccount(unit);
        problem = assertProblem(Api.invalidRequestAs(Tokens.supervisor(unit)).header("If-Match", "\"0\"")
                .body(Map.of("status", "CLOSED")).patch("/accounts/{id}", account), 400, "UNKNOWN_PROPERTY");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("status");

        problem = assertProblem(Api.invalidRequestAs(Tokens.admin())
                .body(Map.of("code", Fixtures.newUnitCode(), "name", "N", "region", "R", "branchCode", "00001"))
                .post("/units"), 400, "UNKNOWN_PROPERTY");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("branchCode");
    }

    @Test
    void a_property_given_twice_is_400_duplicate_property_naming_it() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String code = Fixtures.newUnitCode();
        JsonPath problem = assertProblem(Api.invalidRequestAs(Tokens.admin())
                .body("{\"code\":\"" + code + "\",\"name\":\"Nice\",\"region\":\"PACA\",\"name\":\"Nice\"}")
                .post("/units"), 400, "DUPLICATE_PROPERTY");
        assertThat(problem.getString("detail")).contains("'name'");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("name");
        assertProblem(Api.invalidRequestAs(Tokens.admin()).get("/units/{code}", code), 404, "NOT_FOUND");

        String customerId = Fixtures.newCustomerId();
        String twice = accountJson(unit, customerId).replaceFirst("\\}$", ", \"type\": \"SAVINGS\"}");
        problem = assertProblem(frontOffice().body(twice).post("/accounts"), 400, "DUPLICATE_PROPERTY");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("type");
        String iban = accountJson(unit, customerId)
                .replaceFirst("\\}$", ", \"iban\": \"FR7630006000011234567890189\", \"iban\": \"FR7630006000011234567890189\"}");
        problem = assertProblem(frontOffice().body(iban).post("/accounts"), 400, "DUPLICATE_PROPERTY");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("iban");
        String holder = accountJson(unit, customerId).replace("\"Camille Martin\"", "\"Camille Martin\", \"name\": \"Other\"");
        problem = assertProblem(frontOffice().body(holder).post("/accounts"), 400, "DUPLICATE_PROPERTY");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("holder.name");
        nothingOpenedFor(customerId);

        assertProblem(Api.invalidRequestAs(Tokens.agent(unit)).body("{\"reason\": \"Check\", \"reason\": \"Other\"}")
                .post("/accounts/{id}/freeze", account), 400, "DUPLICATE_PROPERTY");
        Api.as(Tokens.auditor()).get("/accounts/{id}", account).then().header("ETag", "\"0\"");

        problem = assertProblem(Api.invalidRequestAs(Tokens.frontOffice()).body("""
                {"type": "VAT_RETURN", "declarantId": "00000000-0000-0000-0000-000000000000", "periodStart": "2026-01-01",
                 "periodEnd": "2026-01-31", "content": {"sales": [{"rate": "20", "rate": "10", "base": 1}]}}""")
                .post("/filings"), 400, "DUPLICATE_PROPERTY");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("content.sales[0].rate");
        assertProblem(Api.invalidRequestAs(Tokens.frontOffice()).body("{\"type\": \"VAT_RETURN\", \"type\": \"VAT_RETURN\"}")
                .post("/filings"), 400, "DUPLICATE_PROPERTY");
    }

    @Test
    void if_match_star_is_428_where_the_current_etag_is_demanded() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        assertProblem(Api.as(Tokens.agent(unit)).header("If-Match", "*")
                .body(Map.of("holder", Map.of("name", "Star"))).patch("/accounts/{id}", account), 428, "PRECONDITION_REQUIRED");
        assertProblem(Api.as(Tokens.agent(unit)).header("If-Match", "*").body(Map.of("reason", "Star"))
                .post("/accounts/{id}/freeze", account), 428, "PRECONDITION_REQUIRED");
        Api.as(Tokens.auditor()).get("/accounts/{id}", account).then().statusCode(200).header("ETag", "\"0\"")
                .body(at("status", org.hamcrest.Matchers.equalTo("ACTIVE")));

        String filing = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2025-01-01", "2025-01-31",
                FilingApi.vatContent(List.of(FilingApi.line("20", 100)), 0, null)).getString("id");
        assertProblem(Api.as(Tokens.frontOffice()).header("If-Match", "*")
                .body(FilingApi.vatContent(List.of(FilingApi.line("20", 200)), 0, null))
                .put("/filings/{id}/content", filing), 428, "PRECONDITION_REQUIRED");
        assertThat(FilingApi.get(filing).getInt("version")).isZero();

        JsonNode patch = Contract.served().at("/paths/~1accounts~1{id}/patch");
        JsonNode ifMatch = null;
        for (JsonNode parameter : patch.path("parameters")) {
            if (parameter.path("name").asText().equals("If-Match")) {
                ifMatch = parameter;
            }
        }
        assertThat(ifMatch).isNotNull();
        assertThat(ifMatch.path("description").asText()).contains("`*` is refused with 428");
        assertThat(patch.at("/responses/428/description").asText()).contains("If-Match: *");
    }

    @Test
    void an_unknown_query_parameter_is_400_listing_the_allowed_ones() {
        String unit = Fixtures.unit();
        String customerId = Fixtures.newCustomerId();
        Map<String, String> misspelled = Map.of(
                "/accounts", "custmerId",
                "/operations", "stauts",
                "/events", "type",
                "/audit", "actr");
        for (Map.Entry<String, String> endpoint : misspelled.entrySet()) {
            JsonPath problem = assertProblem(Api.invalidRequestAs(Tokens.admin()).queryParam(endpoint.getValue(), customerId)
                    .get(endpoint.getKey()), 400, "UNKNOWN_QUERY_PARAMETER");
            assertThat(problem.getString("detail")).as(endpoint.getKey())
                    .contains("'" + endpoint.getValue() + "'").contains("limit").contains("after");
            assertThat(problem.getList("errors.field", String.class)).containsExactly(endpoint.getValue());
            assertThat(problem.getString("errors[0].message")).contains("limit", "after");
        }
        JsonPath problem = assertProblem(Api.invalidRequestAs(Tokens.admin()).queryParam("custmerId", customerId)
                .get("/accounts"), 400, "UNKNOWN_QUERY_PARAMETER");
        assertThat(problem.getString("detail")).contains("customerId", "unit");
        problem = assertProblem(Api.invalidRequestAs(Tokens.admin()).queryParam("actr", "x").get("/audit"),
                400, "UNKNOWN_QUERY_PARAMETER");
        assertThat(problem.getString("detail")).contains("actor", "resourceType");
        // the parameters an endpoint takes still work, and one without query parameters takes none
        Api.as(Tokens.admin()).queryParam("unit", unit).queryParam("limit", "5").get("/accounts").then().statusCode(200);
        assertProblem(Api.invalidRequestAs(Tokens.admin()).queryParam("x", "1").get("/units/{code}", unit),
                400, "UNKNOWN_QUERY_PARAMETER");
        assertProblem(Api.invalidRequestAs(Tokens.admin()).queryParam("dryRun", "true")
                .body(Map.of("code", Fixtures.newUnitCode(), "name", "N", "region", "R")).post("/units"),
                400, "UNKNOWN_QUERY_PARAMETER");
    }

    @Test
    void an_unknown_enum_value_is_400_naming_the_field() {
        String unit = Fixtures.unit();
        for (String type : List.of("CHECKING", "current", "", "CURRENT_")) {
            String customerId = Fixtures.newCustomerId();
            String body = accountJson(unit, customerId).replace("\"CURRENT\"", "\"" + type + "\"");
            JsonPath problem = assertProblem(frontOffice().body(body).post("/accounts"), 400, "INVALID_JSON");
            assertThat(problem.getList("errors.field", String.class)).containsExactly("type");
            nothingOpenedFor(customerId);
        }
    }

    @Test
    void a_body_over_64_kib_is_413_and_nothing_is_written() {
        String unit = Fixtures.unit();
        String customerId = Fixtures.newCustomerId();
        String atTheLimit = padded(accountJson(unit, customerId), 64 * 1024);
        String overTheLimit = padded(accountJson(unit, Fixtures.newCustomerId()), 64 * 1024 + 1);

        Response tooLarge = frontOffice().body(overTheLimit).post("/accounts");
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
        assertProblem(tooLarge, 413, "PAYLOAD_TOO_LARGE");
        nothingOpenedFor(customerId);

        // a body of exactly 64 KiB is still read
        Api.as(Tokens.frontOffice()).body(atTheLimit).post("/accounts").then().statusCode(201);

        assertProblem(Api.invalidRequestAs(Tokens.admin()).body(padded("{\"code\": \"AAA-00\"}", 100_000)).post("/units"),
                413, "PAYLOAD_TOO_LARGE");
    }

    /** A body refused unread would be taken for the next request on the connection: the server closes it. */
    @Test
    void a_body_refused_unread_ends_its_connection() {
        try (RawHttp refused = RawHttp.send("POST", "/accounts", Map.of("Authorization", "Bearer " + Tokens.frontOffice(),
                "Content-Type", "application/json", "Content-Length", "100000"))) {
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.header("Connection")).isEqualTo("close");
            assertThat(refused.closedAfterBody()).as("the connection ends after the answer").isTrue();
        }
    }

    /** The JSON text followed by spaces up to exactly {@code bytes} bytes of UTF-8. */
    private static String padded(String json, int bytes) {
        return json + " ".repeat(bytes - json.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void a_body_that_is_not_json_by_content_type_is_415() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String customerId = Fixtures.newCustomerId();
        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            assertProblem(Api.invalidRequestAs(Tokens.frontOffice()).contentType(contentType)
                    .body(accountJson(unit, customerId)).post("/accounts"), 415, "UNSUPPORTED_MEDIA_TYPE");
            assertProblem(Api.invalidRequestAs(Tokens.admin()).contentType(contentType)
                    .body("{\"code\": \"" + Fixtures.newUnitCode() + "\", \"name\": \"N\", \"region\": \"R\"}")
                    .post("/units"), 415, "UNSUPPORTED_MEDIA_TYPE");
            assertProblem(Api.invalidRequestAs(Tokens.agent(unit)).contentType(contentType).header("If-Match", "\"0\"")
                    .body("{\"holder\": {\"name\": \"X\"}}").patch("/accounts/{id}", account), 415, "UNSUPPORTED_MEDIA_TYPE");
            assertProblem(Api.invalidRequestAs(Tokens.agent(unit)).contentType(contentType)
                    .body("{\"reason\": \"Check\"}").post("/accounts/{id}/freeze", account), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        nothingOpenedFor(customerId);
        Api.as(Tokens.auditor()).get("/accounts/{id}", account).then().header("ETag", "\"0\"");
    }

    @Test
    void a_body_without_a_content_type_or_with_a_wildcard_one_is_415() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String customerId = Fixtures.newCustomerId();
        String code = Fixtures.newUnitCode();
        byte[] unitBody = ("{\"code\": \"" + code + "\", \"name\": \"N\", \"region\": \"R\"}").getBytes(StandardCharsets.UTF_8);
        for (String contentType : new String[]{null, "*/*", "application/*"}) {
            RequestSpecification admin = RestAssured.given().auth().oauth2(Tokens.admin()).noContentType().body(unitBody);
            RequestSpecification front = RestAssured.given().auth().oauth2(Tokens.frontOffice()).noContentType()
                    .body(accountJson(unit, customerId).getBytes(StandardCharsets.UTF_8));
            RequestSpecification agent = RestAssured.given().auth().oauth2(Tokens.agent(unit)).noContentType()
                    .body("{\"reason\": \"Check\"}".getBytes(StandardCharsets.UTF_8));
            if (contentType != null) {
                admin.header("Content-Type", contentType);
                front.header("Content-Type", contentType);
                agent.header("Content-Type", contentType);
            }
            assertProblem(admin.post("/units"), 415, "UNSUPPORTED_MEDIA_TYPE");
            assertProblem(front.post("/accounts"), 415, "UNSUPPORTED_MEDIA_TYPE");
            assertProblem(agent.post("/accounts/{id}/freeze", account), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        assertProblem(Api.invalidRequestAs(Tokens.admin()).get("/units/{code}", code), 404, "NOT_FOUND");
        nothingOpenedFor(customerId);
        Api.as(Tokens.auditor()).get("/accounts/{id}", account).then().header("ETag", "\"0\"");
        // an action without a body needs no Content-Type
        RestAssured.given().auth().oauth2(Tokens.agent(unit)).noContentType().post("/accounts/{id}/close", account)
                .then().statusCode(200);
    }

    @Test
    void a_chunked_body_over_64_kib_is_a_413_problem() throws Exception {
        String customerId = Fixtures.newCustomerId();
        byte[] body = padded(accountJson(Fixtures.unit(), customerId), 64 * 1024 + 1).getBytes(StandardCharsets.UTF_8);
        // a body of unknown length goes chunked (Transfer-Encoding: chunked, no Content-Length)
        java.net.http.HttpResponse<String> tooLarge = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/accounts"))
                        .header("Authorization", "Bearer " + Tokens.frontOffice()).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JsonPath.from(tooLarge.body()).getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
        nothingOpenedFor(customerId);

        // a chunked body within the limit is read as any other
        byte[] atTheLimit = padded(accountJson(Fixtures.unit(), customerId), 64 * 1024).getBytes(StandardCharsets.UTF_8);
        java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/accounts"))
                        .header("Authorization", "Bearer " + Tokens.frontOffice()).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(atTheLimit)))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void headers_over_the_limit_are_a_431_problem() {
        Response response = Api.invalidRequestAs(Tokens.auditor()).header("X-Padding", "x".repeat(30 * 1024)).get("/units");
        assertProblem(response, 431, "HEADERS_TOO_LARGE");
    }

    @Test
    void a_request_line_over_8_kib_is_a_414_problem() {
        Response response = Api.invalidRequestAs(Tokens.auditor()).get("/units/" + "A".repeat(9000));
        assertThat(response.statusCode()).isEqualTo(414);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("code")).isEqualTo("URI_TOO_LONG");
        // just under the limit, the request reaches the application
        assertProblem(Api.invalidRequestAs(Tokens.auditor()).get("/units/" + "A".repeat(8000)), 404, "NOT_FOUND");
    }

    @Test
    void a_header_with_a_control_character_is_400() throws Exception {
        // the HTTP codec refuses it before any route runs: a 400, with an empty body (docs/api.md "Calling the API")
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.getOutputStream().write(("GET /units HTTP/1.1\r\nHost: localhost\r\nX-Note: a\u0001b\r\n"
                    + "Authorization: Bearer " + Tokens.auditor() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-length: 0");
        }
    }

    @Test
    void json_with_a_charset_parameter_is_json() {
        Api.as(Tokens.frontOffice()).contentType("application/json; charset=UTF-8")
                .body(accountJson(Fixtures.unit(), Fixtures.newCustomerId())).post("/accounts")
                .then().statusCode(201);
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        for (String path : List.of("/nope", "/accounts/x/y", "/units/PAR-01/frobnicate", "/operationz")) {
            assertProblem(Api.invalidRequestAs(Tokens.admin()).get(path), 404, "NOT_FOUND");
        }
        assertProblem(Api.invalidRequestAs(Tokens.admin()).body("{}").post("/nope"), 404, "NOT_FOUND");
    }

    @Test
    void a_method_a_resource_does_not_have_is_a_405_problem() {
        String account = Fixtures.currentAccount(Fixtures.unit());
        assertProblem(Api.invalidRequestAs(Tokens.admin()).delete("/accounts/{id}", account), 405, "METHOD_NOT_ALLOWED");
        assertProblem(Api.invalidRequestAs(Tokens.admin()).body("{}").put("/accounts/{id}", account), 405, "METHOD_NOT_ALLOWED");
        assertProblem(Api.invalidRequestAs(Tokens.admin()).delete("/units"), 405, "METHOD_NOT_ALLOWED");
        assertProblem(Api.invalidRequestAs(Tokens.admin()).get("/accounts/{id}/freeze", account), 405, "METHOD_NOT_ALLOWED");
        Api.as(Tokens.auditor()).get("/accounts/{id}", account).then().statusCode(200);
    }

    @Test
    void text_the_database_cannot_store_is_refused_not_a_500() {
        String unit = Fixtures.unit();
        String customerId = Fixtures.newCustomerId();
        String body = accountJson(unit, customerId).replace("Camille Martin", "Camille\\u0000Martin");
        // U+0000 is a control character: refused as every other one is (ControlCharactersTest)
        JsonPath problem = assertProblem(frontOffice().body(body).post("/accounts"), 400, "VALIDATION_FAILED");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("holder.name");
        nothingOpenedFor(customerId);

        Response byCustomer = Api.invalidRequestAs(Tokens.auditor()).queryParam("customerId", "C\u0000").get("/accounts");
        assertProblem(byCustomer, 400, "VALIDATION_FAILED");
        Response byCode = Api.invalidRequestAs(Tokens.auditor()).urlEncodingEnabled(false).get("/units/PAR%0001");
        assertThat(byCode.statusCode()).isIn(400, 404);
        assertProblem(byCode, byCode.statusCode(), byCode.jsonPath().getString("code"));
    }

    @Test
    void text_is_stored_as_sent_or_refused() {
        String code = Fixtures.newUnitCode();
        JsonPath problem = assertProblem(Api.invalidRequestAs(Tokens.admin())
                .body("{\"code\": \"" + code + "\", \"name\": \"a\\ud800b\", \"region\": \"R\"}").post("/units"), 400, "INVALID_JSON");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("name");
        assertProblem(Api.invalidRequestAs(Tokens.admin())
                .body("{\"code\": \"" + code + "\", \"name\": \"a\\udc00\\ud800b\", \"region\": \"R\"}").post("/units"), 400, "INVALID_JSON");
        assertProblem(Api.invalidRequestAs(Tokens.admin()).get("/units/{code}", code), 404, "NOT_FOUND");

        byte[] prefix = ("{\"code\": \"" + code + "\", \"name\": \"a").getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "b\", \"region\": \"R\"}".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : List.of(new byte[]{(byte) 0xc0, (byte) 0xaf}, new byte[]{(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
                new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80})) {
            byte[] body = new byte[prefix.length + bad.length + suffix.length];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            System.arraycopy(bad, 0, body, prefix.length, bad.length);
            System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
            assertProblem(Api.invalidRequestAs(Tokens.admin()).contentType("application/json").body(body).post("/units"),
                    400, "MALFORMED_JSON");
        }
        assertProblem(Api.invalidRequestAs(Tokens.admin()).get("/units/{code}", code), 404, "NOT_FOUND");

        // a pair, escaped or not, is text like any other
        Api.as(Tokens.admin()).body("{\"code\": \"" + code + "\", \"name\": \"a\\ud83d\\ude00b\u00e9\", \"region\": \"R\"}")
                .post("/units").then().statusCode(201);
        Api.as(Tokens.admin()).get("/units/{code}", code).then().statusCode(200)
                .body(at("name", org.hamcrest.Matchers.equalTo("a\ud83d\ude00b\u00e9")));
    }

    @Test
    void an_error_answer_is_a_problem_even_for_a_client_that_asks_for_something_else() {
        Response response = RestAssured.given().accept("text/html").get("/nope");
        assertProblem(response, 404, "NOT_FOUND");
    }
}
