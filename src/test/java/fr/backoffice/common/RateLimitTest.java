package fr.backoffice.common;

import fr.backoffice.support.Contract;
import com.fasterxml.jackson.databind.JsonNode;
import fr.backoffice.common.security.Roles;
import fr.backoffice.support.Api;
import fr.backoffice.support.AuditRecords;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.RawHttp;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits (docs/security.md "Rate limiting") through the HTTP stack, with budgets small enough to spend in a test
 * and a period (an hour) that refills nothing while it runs. Each test spends the budgets of callers of its own; only
 * {@code requests_without_a_valid_token_...} spends the budget of the test client's address.
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
class RateLimitTest {

    private static final String POLICY = "RateLimit-Policy";
    private static final String STATE = "RateLimit";

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "backoffice.rate-limit.writes.capacity", "3", "backoffice.rate-limit.writes.period", "3600s",
                    "backoffice.rate-limit.reads.capacity", "5", "backoffice.rate-limit.reads.period", "3600s",
                    "backoffice.rate-limit.stream.capacity", "1", "backoffice.rate-limit.stream.period", "3600s",
                    "backoffice.rate-limit.unauthenticated.capacity", "2",
                    "backoffice.rate-limit.unauthenticated.period", "3600s"));
            // as behind the shipped proxy (deploy/compose.yml), the test client standing for the proxy
            config.putAll(Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true", "quarkus.http.proxy.trusted-proxies", "127.0.0.1"));
            return config;
        }
    }

    @Test
    void every_answer_tells_the_budget_it_drew_on_and_what_is_left() {
        String reader = Tokens.token("rate-reader", null, Roles.AUDITOR);
        Response first = Api.as(reader).get("/units");
        first.then().statusCode(200);
        assertThat(first.header(POLICY)).isEqualTo("\"reads\";q=5;w=3600");
        assertThat(first.header(STATE)).matches("\"reads\";r=4;t=\\d+");
        assertThat(Api.as(reader).get("/units/{code}", "NOP-00").then().statusCode(404).extract().header(STATE))
                .as("a refusal draws on the budget too").matches("\"reads\";r=3;t=\\d+");

        Response write = Api.as(Tokens.token("rate-writer", null, Roles.ADMIN)).body(unit(Fixtures.newUnitCode())).post("/units");
        write.then().statusCode(201);
        assertThat(write.header(POLICY)).isEqualTo("\"writes\";q=3;w=3600");
        assertThat(write.header(STATE)).matches("\"writes\";r=2;t=\\d+");
    }

    @Test
    void past_its_write_budget_a_caller_is_answered_429_with_retry_after_and_other_callers_are_not() throws Exception {
        String busy = Tokens.token("rate-busy", null, Roles.ADMIN);
        for (int left = 2; left >= 0; left--) {
            Response created = Api.as(busy).body(unit(Fixtures.newUnitCode())).post("/units");
            created.then().statusCode(201);
            assertThat(created.header(STATE)).matches("\"writes\";r=" + left + ";t=\\d+");
        }

        String refusedCode = Fixtures.newUnitCode();
        String requestId = "rate-limited-" + refusedCode;
        Response refused = Api.as(busy).header("X-Request-Id", requestId).body(unit(refusedCode)).post("/units");
        assertProblem(refused, 429, "RATE_LIMITED");
        assertThat(refused.jsonPath().getString("detail")).contains("writes").contains("3 per 3600 s");
        // one request comes back every 3600 / 3 s
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 1200L);
        assertThat(refused.header(POLICY)).isEqualTo("\"writes\";q=3;w=3600");
        assertThat(refused.header(STATE)).matches("\"writes\";r=0;t=\\d+");

        // nothing was created, the refusal is in the audit trail, the caller still reads, and another caller still writes
        assertThat(AuditRecords.outcomesOf(requestId)).containsExactly("429 REFUSED");
        Api.as(busy).get("/units/{code}", refusedCode).then().statusCode(404);
        Api.as(Tokens.token("rate-other", null, Roles.ADMIN)).body(unit(refusedCode)).post("/units").then().statusCode(201);
    }

    @Test
    void connections_to_the_event_stream_have_a_budget_of_their_own() throws Exception {
        String follower = Tokens.token("rate-follower", null, Roles.FRONT_OFFICE);
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/events/stream"))
                .header("Authorization", "Bearer " + follower).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        stream.body().close();
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue(POLICY)).hasValue("\"stream\";q=1;w=3600");

        Response again = Api.as(follower).accept("text/event-stream").get("/events/stream");
        assertProblem(again, 429, "RATE_LIMITED");
        assertThat(again.header("Retry-After")).isNotBlank();
        assertThat(again.jsonPath().getString("detail")).contains("event stream");

        Response poll = Api.as(follower).get("/events");
        poll.then().statusCode(200);
        assertThat(poll.header(POLICY)).as("polling is a read").isEqualTo("\"reads\";q=5;w=3600");
    }

    /**
     * Finding: {@code /events/stream/} and {@code /events/stream;a=b} opened streams on the reads budget. The budget is
     * chosen by the resource method that serves the request, so no spelling of the path (trailing slash, matrix
     * parameters, percent-encoding, double or dot segments, case) and no method (HEAD) gets a stream on another
     * budget: a connection the stream serves spends the caller's one stream connection, and a spelling the stream
     * does not serve is an ordinary read.
     */
    @Test
    void a_connection_served_by_the_event_stream_draws_on_the_stream_budget_however_its_path_is_spelled() {
        List<String> served = new java.util.ArrayList<>();
        SoftAssertions softly = new SoftAssertions();
        int caller = 0;
        for (String spelling : List.of("/events/stream/", "/events/stream;a=b", "/events/stream/;a=b", "/events;x=y/stream",
                "/events//stream", "//events/stream", "/events/%73tream", "/events/stream%2F", "/events/./stream",
                "/events/x/../stream", "/Events/Stream", "/events/stream?", "/events/stream#x")) {
            for (String method : List.of("GET", "HEAD")) {
                String follower = Tokens.token("rate-spelling-" + caller++, null, Roles.FRONT_OFFICE);
                try (RawHttp first = RawHttp.send(method, spelling, Map.of("Authorization", "Bearer " + follower,
                        "Accept", "text/event-stream"))) {
                    boolean isStream = first.status() == 200;
                    String policy = first.header(POLICY);
                    if (isStream) {
                        served.add(method + " " + spelling);
                        softly.assertThat(policy).as(method + " " + spelling).isEqualTo("\"stream\";q=1;w=3600");
                        try (RawHttp second = RawHttp.stream("/events/stream", follower)) {
                            softly.assertThat(second.status()).as("a second stream after " + method + " " + spelling).isEqualTo(429);
                        }
                    } else {
                        softly.assertThat(policy).as(method + " " + spelling + " is not the stream: a read").startsWith("\"reads\"");
                    }
                }
            }
        }
        softly.assertAll();
        assertThat(served).as("the spellings the stream serves").contains("GET /events/stream/", "GET /events/stream;a=b");
    }

    @Test
    void requests_without_a_valid_token_are_limited_per_address_and_requests_with_one_are_not() {
        Response missing = Api.anonymous().get("/units");
        missing.then().statusCode(401);
        assertThat(missing.header(POLICY)).isEqualTo("\"unauthenticated\";q=2;w=3600");
        assertThat(missing.header(STATE)).matches("\"unauthenticated\";r=1;t=\\d+");
        // a token the authentication refuses counts against the same address
        Response forged = Api.invalidRequestAs(Tokens.wronglySigned()).get("/units");
        forged.then().statusCode(401);
        assertThat(forged.header(STATE)).matches("\"unauthenticated\";r=0;t=\\d+");

        assertProblem(Api.anonymous().get("/units"), 429, "RATE_LIMITED");
        Response expired = Api.invalidRequestAs(Tokens.expired()).body(unit(Fixtures.newUnitCode())).post("/units");
        assertProblem(expired, 429, "RATE_LIMITED");
        assertThat(expired.header("Retry-After")).isNotBlank();
        assertThat(expired.jsonPath().getString("detail")).contains("without a valid token");

        Response known = Api.as(Tokens.token("rate-known", null, Roles.AUDITOR)).get("/units");
        known.then().statusCode(200);
        assertThat(known.header(POLICY)).startsWith("\"reads\"");
    }

    /**
     * How the service reads a client's address behind a proxy it trusts: the first address of X-Forwarded-For. That is
     * why the shipped proxy overwrites the header with the address it sees (DeploymentFilesTest checks it): a proxy
     * that appended to the client's own header would let the client choose its address, and a fresh budget with it.
     */
    @Test
    void behind_a_trusted_proxy_a_client_is_counted_as_the_first_forwarded_address_so_the_proxy_must_overwrite_it() {
        for (int left = 1; left >= 0; left--) {
            Response missing = Api.anonymous().header("X-Forwarded-For", "198.51.100.7").get("/units");
            missing.then().statusCode(401);
            assertThat(missing.header(STATE)).matches("\"unauthenticated\";r=" + left + ";t=\\d+");
        }
        assertProblem(Api.anonymous().header("X-Forwarded-For", "198.51.100.7").get("/units"), 429, "RATE_LIMITED");
        // what the shipped proxy sends for another client: its own budget
        Api.anonymous().header("X-Forwarded-For", "198.51.100.8").get("/units").then().statusCode(401);
        // what an appending proxy would send for the spent client claiming another address: counted as the claim
        Response appended = Api.anonymous().header("X-Forwarded-For", "203.0.113.9, 198.51.100.7").get("/units");
        appended.then().statusCode(401);
        assertThat(appended.header(STATE)).matches("\"unauthenticated\";r=1;t=\\d+");
    }

    @Test
    void health_metrics_and_the_contract_are_never_limited() {
        for (int i = 0; i < 10; i++) {
            for (String path : Set.of("/q/health/live", "/q/metrics", "/q/openapi")) {
                Response response = RestAssured.get(path);
                response.then().statusCode(200);
                assertThat(response.header(POLICY)).as(path).isNull();
            }
        }
    }

    @Test
    void the_contract_documents_429_and_the_rate_limit_headers_on_every_answer() throws Exception {
        JsonNode openApi = Contract.served();
        assertThat(openApi.at("/components/headers/RateLimit-Policy/description").asText()).contains("draft-ietf-httpapi-ratelimit-headers-10");
        int operations = 0;
        for (JsonNode path : openApi.path("paths")) {
            for (String method : List.of("get", "head", "post", "put", "patch", "delete")) {
                JsonNode operation = path.path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                operations++;
                assertThat(operation.at("/responses/429/description").asText()).contains("RATE_LIMITED");
                assertThat(operation.at("/responses/429/headers/Retry-After").isMissingNode()).isFalse();
                for (JsonNode response : operation.path("responses")) {
                    assertThat(response.at("/headers/RateLimit/$ref").asText()).isEqualTo("#/components/headers/RateLimit");
                    assertThat(response.at("/headers/RateLimit-Policy/$ref").asText())
                            .isEqualTo("#/components/headers/RateLimit-Policy");
                }
            }
        }
        assertThat(operations).isGreaterThan(30);
    }

    private static Map<String, String> unit(String code) {
        return Map.of("code", code, "name", "Unit " + code, "region", "Test region");
    }
}
