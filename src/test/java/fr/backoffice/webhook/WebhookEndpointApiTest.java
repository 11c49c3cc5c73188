package fr.backoffice.webhook;

import fr.backoffice.common.security.Roles;
import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook endpoints as a resource (docs/webhooks.md "Webhooks"): who sees them, what they accept, their changes.
 */
@QuarkusTest
class WebhookEndpointApiTest {

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource database;

    private static final String URL = "https://front.bank.example/hooks/backoffice";

    @Test
    void a_front_office_application_sees_and_changes_only_its_own_endpoints_and_an_admin_all() {
        String mine = WebhookDeliveryTest.app();
        String theirs = WebhookDeliveryTest.app();
        String id = WebhookDeliveryTest.subscribe(mine, URL, "operation.executed").getString("id");
        String etag = Api.as(mine).get("/webhook-endpoints/{id}", id).then().statusCode(200).extract().header("ETag");

        assertProblem(Api.as(theirs).get("/webhook-endpoints/{id}", id), 404, "NOT_FOUND");
        assertProblem(Api.as(theirs).header("If-Match", etag).body(Map.of("description", "mine now"))
                .patch("/webhook-endpoints/{id}", id), 404, "NOT_FOUND");
        assertProblem(Api.as(theirs).delete("/webhook-endpoints/{id}", id), 404, "NOT_FOUND");
        assertProblem(Api.as(theirs).get("/webhook-endpoints/{id}/deliveries", id), 404, "NOT_FOUND");
        assertProblem(Api.as(theirs).post("/webhook-endpoints/{id}/rotate-secret", id), 404, "NOT_FOUND");
        assertProblem(Api.as(theirs).post("/webhook-endpoints/{id}/test", id), 404, "NOT_FOUND");
        assertThat(Api.as(theirs).queryParam("limit", 200).get("/webhook-endpoints").then().statusCode(200)
                .extract().jsonPath().getList("items.id")).doesNotContain(id);
        assertThat(Api.as(mine).get("/webhook-endpoints").then().statusCode(200).extract().jsonPath().getList("items.id"))
                .containsExactly(id);

        JsonPath seen = Api.as(Tokens.admin()).get("/webhook-endpoints/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(seen.getString("owner")).startsWith("webhook-app-");
        assertThat(seen.getMap("$")).doesNotContainKey("secret");
        List<String> all = Api.as(Tokens.admin()).queryParam("limit", 200).get("/webhook-endpoints").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertThat(all).contains(id);

        for (String token : List.of(Tokens.auditor(), Tokens.agent("PAR-01"), Tokens.supervisor("PAR-01"))) {
            assertProblem(Api.as(token).get("/webhook-endpoints"), 403, "FORBIDDEN");
        }
    }

    @Test
    void patch_needs_the_current_etag_and_changes_only_what_is_sent() {
        String app = WebhookDeliveryTest.app();
        String id = WebhookDeliveryTest.subscribe(app, URL, "operation.executed").getString("id");
        assertProblem(Api.as(app).body(Map.of("description", "x")).patch("/webhook-endpoints/{id}", id), 428, "PRECONDITION_REQUIRED");
        String etag = Api.as(app).get("/webhook-endpoints/{id}", id).then().extract().header("ETag");
        var changed = Api.as(app).header("If-Match", etag)
                .body(Map.of("eventTypes", List.of("operation.executed", "operation.rejected"), "status", "DISABLED"))
                .patch("/webhook-endpoints/{id}", id).then().statusCode(200).extract();
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(changed.jsonPath().getList("eventTypes")).containsExactly("operation.executed", "operation.rejected");
        assertThat(changed.jsonPath().getString("status")).isEqualTo("DISABLED");
        assertThat(changed.jsonPath().getString("disabledReason")).isNull();
        assertThat(changed.jsonPath().getString("url")).isEqualTo(URL);
        assertThat(changed.jsonPath().getString("description")).isEqualTo("test receiver");
        assertProblem(Api.as(app).header("If-Match", etag).body(Map.of("description", "x"))
                .patch("/webhook-endpoints/{id}", id), 412, "PRECONDITION_FAILED");
        assertProblem(Api.as(app).post("/webhook-endpoints/{id}/test", id), 409, "WEBHOOK_ENDPOINT_DISABLED");
        assertProblem(Api.as(app).post("/webhook-endpoints/{id}/deliveries/{delivery}/retry", id, "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f72"),
                409, "WEBHOOK_ENDPOINT_DISABLED");

        Api.as(app).delete("/webhook-endpoints/{id}", id).then().statusCode(204);
        assertProblem(Api.as(app).get("/webhook-endpoints/{id}", id), 404, "NOT_FOUND");
    }

    @Test
    void creation_is_idempotent_with_a_key() {
        String app = WebhookDeliveryTest.app();
        Map<String, Object> body = Map.of("url", URL, "eventTypes", List.of("*"));
        JsonPath first = Api.as(app).header("Idempotency-Key", "wh-1").body(body).post("/webhook-endpoints")
                .then().statusCode(201).extract().jsonPath();
        var replay = Api.as(app).header("Idempotency-Key", "wh-1").body(body).post("/webhook-endpoints").then().statusCode(201).extract();
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.jsonPath().getString("id")).isEqualTo(first.getString("id"));
        assertThat(Api.as(app).get("/webhook-endpoints").then().extract().jsonPath().getList("items")).hasSize(1);
    }

    @Test
    void a_secret_is_never_kept_in_the_idempotency_store_and_a_replay_of_create_or_rotate_answers_without_it() throws Exception {
        String app = WebhookDeliveryTest.app();
        Map<String, Object> body = Map.of("url", URL, "eventTypes", List.of("*"));
        JsonPath created = Api.as(app).header("Idempotency-Key", "wh-secret-1").body(body).post("/webhook-endpoints")
                .then().statusCode(201).extract().jsonPath();
        assertThat(created.getString("secret")).startsWith("whsec_");
        String id = created.getString("id");
        var replay = Api.as(app).header("Idempotency-Key", "wh-secret-1").body(body).post("/webhook-endpoints")
                .then().statusCode(201).extract();
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.jsonPath().getString("id")).isEqualTo(id);
        assertThat(replay.jsonPath().getMap("$")).doesNotContainKey("secret");
        assertThat(replay.asString()).doesNotContain("whsec_");

        JsonPath rotated = Api.as(app).header("Idempotency-Key", "wh-secret-2").post("/webhook-endpoints/{id}/rotate-secret", id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(rotated.getString("secret")).startsWith("whsec_").isNotEqualTo(created.getString("secret"));
        var rotateReplay = Api.as(app).header("Idempotency-Key", "wh-secret-2").post("/webhook-endpoints/{id}/rotate-secret", id)
                .then().statusCode(200).extract();
        assertThat(rotateReplay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(rotateReplay.jsonPath().getMap("$")).doesNotContainKey("secret");
        assertThat(rotateReplay.jsonPath().getString("previousSecretExpiresAt")).isEqualTo(rotated.getString("previousSecretExpiresAt"));
        assertThat(rotateReplay.asString()).doesNotContain("whsec_");

        try (var connection = database.getConnection(); var sql = connection.createStatement();
             var rows = sql.executeQuery("select count(*) filter (where response_body like '%whsec_%'), count(*) "
                     + "from idempotency_key where idempotency_key in ('wh-secret-1', 'wh-secret-2')")) {
            rows.next();
            assertThat(rows.getInt(2)).as("both answers stored").isEqualTo(2);
            assertThat(rows.getInt(1)).as("stored answers holding a secret").isZero();
        }
        try (var connection = database.getConnection(); var sql = connection.createStatement();
             var rows = sql.executeQuery("select count(*) from idempotency_key where response_body like '%whsec_%'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("no secret anywhere in the store").isZero();
        }
    }

    @Test
    void a_url_or_an_event_type_that_cannot_be_is_a_validation_problem() {
        String app = WebhookDeliveryTest.app();
        Map<String, List<String>> refused = Map.of(
                "url", List.of("not a url", "ftp://front.bank.example/hooks", "/relative/hook", "https://user:pw@front.bank.example/h",
                        "https://front.bank.example/h#fragment", "https://front.bank.example/" + "a".repeat(2100)));
        for (String url : refused.get("url")) {
            JsonPath problem = assertProblem(Api.invalidRequestAs(app).body(Map.of("url", url, "eventTypes", List.of("*")))
                    .post("/webhook-endpoints"), 400, "VALIDATION_FAILED");
            assertThat(problem.getString("errors[0].field")).as(url).isEqualTo("url");
        }
        for (List<String> types : List.<List<String>>of(List.of("operation.exploded"), List.of("*", "unit.created"), List.of("webhook.test"), List.of())) {
            JsonPath problem = assertProblem(Api.invalidRequestAs(app).body(Map.of("url", URL, "eventTypes", types))
                    .post("/webhook-endpoints"), 400, "VALIDATION_FAILED");
            assertThat(problem.getString("errors[0].field")).as(types.toString()).isEqualTo("eventTypes");
        }
        assertProblem(Api.invalidRequestAs(app).body(Map.of("eventTypes", List.of("*"))).post("/webhook-endpoints"), 400, "VALIDATION_FAILED");
        assertThat(Api.as(app).get("/webhook-endpoints").then().extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void the_contract_describes_the_call_a_receiver_gets_with_its_three_headers_and_the_event_as_body() throws Exception {
        var contract = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                io.restassured.RestAssured.get("/q/openapi?format=json").asString());
        var callback = contract.at("/paths/~1webhook-endpoints/post/callbacks/event/{$request.body#~1url}/post");
        assertThat(callback.isMissingNode()).as("the callback of createWebhookEndpoint").isFalse();
        List<String> headers = new java.util.ArrayList<>();
        callback.path("parameters").forEach(parameter -> {
            assertThat(parameter.path("in").asText()).isEqualTo("header");
            assertThat(parameter.path("required").asBoolean()).isTrue();
            headers.add(parameter.path("name").asText());
        });
        assertThat(headers).containsExactly("webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(callback.at("/requestBody/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/Event");
        assertThat(callback.path("security").toString()).as("signed, not a bearer token").isEqualTo("[{}]");
        assertThat(contract.at("/components/schemas/EventType/enum").toString()).contains("webhook-endpoint.disabled", "webhook.test");
    }

    @Test
    void only_front_office_and_admin_subscribe() {
        assertProblem(Api.as(Tokens.token("agent-x", "PAR-01", Roles.AGENT)).body(Map.of("url", URL, "eventTypes", List.of("*")))
                .post("/webhook-endpoints"), 403, "FORBIDDEN");
        Api.as(Tokens.admin()).body(Map.of("url", URL, "eventTypes", List.of("*"))).post("/webhook-endpoints").then().statusCode(201);
    }
}
