package fr.backoffice.common.security;

import fr.backoffice.filing.FilingApi;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caller is the token's {@code sub}, never its {@code preferred_username} or {@code upn} (docs/security.md
 * "Security rules"): a token that carries another caller's name as its display name is still only itself, for
 * ownership, records, idempotency and four eyes alike.
 */
@QuarkusTest
class IdentityIsSubTest {

    /** A loopback address nobody listens on: the endpoints are created for their ownership, never delivered to. */
    private static final String URL = "http://127.0.0.1:9/hooks/identity";

    private static String someone(String what) {
        return what + "-" + UUID.randomUUID();
    }

    @Test
    void a_token_named_like_another_application_neither_sees_nor_rotates_its_webhook_endpoints() {
        String victim = someone("front");
        String victimToken = Tokens.token(victim, null, Roles.FRONT_OFFICE);
        String intruder = Tokens.named(someone("intruder"), victim, null, Roles.FRONT_OFFICE);
        JsonPath created = Api.as(victimToken).body(Map.of("url", URL, "eventTypes", List.of("declarant.registered")))
                .post("/webhook-endpoints").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");

        assertThat(Api.as(intruder).queryParam("limit", 200).get("/webhook-endpoints").then().statusCode(200)
                .extract().jsonPath().getList("items.id")).doesNotContain(id);
        assertProblem(Api.as(intruder).get("/webhook-endpoints/{id}", id), 404, "NOT_FOUND");
        assertProblem(Api.as(intruder).post("/webhook-endpoints/{id}/rotate-secret", id), 404, "NOT_FOUND");
        assertProblem(Api.as(intruder).delete("/webhook-endpoints/{id}", id), 404, "NOT_FOUND");
        Api.as(victimToken).get("/webhook-endpoints/{id}", id).then().statusCode(200)
                .body(at("owner", org.hamcrest.Matchers.equalTo(victim)))
                .body(at("updatedAt", org.hamcrest.Matchers.equalTo(created.getString("updatedAt"))));

        Api.as(victimToken).delete("/webhook-endpoints/{id}", id).then().statusCode(204);
    }

    @Test
    void an_endpoint_created_by_a_named_token_belongs_to_its_sub() {
        String sub = someone("front");
        String token = Tokens.named(sub, "front-app-1", null, Roles.FRONT_OFFICE);
        String id = Api.as(token).body(Map.of("url", URL, "eventTypes", List.of("declarant.registered")))
                .post("/webhook-endpoints").then().statusCode(201)
                .body(at("owner", org.hamcrest.Matchers.equalTo(sub))).extract().path("id");
        // the application the name designates does not see it
        assertProblem(Api.as(Tokens.frontOffice()).get("/webhook-endpoints/{id}", id), 404, "NOT_FOUND");
        Api.as(token).delete("/webhook-endpoints/{id}", id).then().statusCode(204);
    }

    @Test
    void operations_of_a_named_token_are_submitted_and_handled_by_its_sub() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "3000.00");
        String front = someone("front");
        JsonPath executed = Ledgers.submit(Tokens.named(front, "front-app-1", null, Roles.FRONT_OFFICE),
                Ledgers.transfer(from, to, "10.00"));
        assertThat(executed.getString("submittedBy")).isEqualTo(front);
        assertThat(executed.getList("history.actor")).containsOnly(front);

        String id = Ledgers.submit(Tokens.named(front, "front-app-1", null, Roles.FRONT_OFFICE),
                Ledgers.transfer(from, to, "2000.00")).getString("id");
        String agent = someone("agent");
        String agentToken = Tokens.named(agent, "agent-" + unit, unit, Roles.AGENT);
        Api.as(agentToken).post("/operations/{id}/claim", id).then().statusCode(200)
                .body(at("assignee", org.hamcrest.Matchers.equalTo(agent)));
        // whoever the name designates has not claimed it
        assertProblem(Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id), 409, "ALREADY_CLAIMED");
        JsonPath validated = Api.as(agentToken).post("/operations/{id}/validate", id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(validated.getString("validatedBy")).isEqualTo(agent);
        assertThat(validated.getList("history.actor")).containsExactly(front, agent);
    }

    @Test
    void idempotency_keys_belong_to_the_sub_not_to_the_name() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        String victim = someone("front");
        String key = "pay-" + UUID.randomUUID();
        Map<String, Object> transfer = Ledgers.transfer(from, to, "10.00");
        String first = Api.as(Tokens.token(victim, null, Roles.FRONT_OFFICE)).header("Idempotency-Key", key).body(transfer)
                .post("/operations").then().statusCode(201).extract().path("id");

        // the same key and body from a token only named like the victim: a request of its own, not the victim's answer
        var own = Api.as(Tokens.named(someone("intruder"), victim, null, Roles.FRONT_OFFICE)).header("Idempotency-Key", key)
                .body(transfer).post("/operations").then().statusCode(201).extract();
        assertThat(own.header("Idempotent-Replayed")).isNull();
        assertThat(own.jsonPath().getString("id")).isNotEqualTo(first);
        // and a different body under that key is no reuse of the victim's key either
        Map<String, Object> other = Ledgers.transfer(from, to, "11.00");
        Api.as(Tokens.named(someone("intruder"), victim, null, Roles.FRONT_OFFICE)).header("Idempotency-Key", key)
                .body(other).post("/operations").then().statusCode(201);
        assertThat(Ledgers.balance(to)).isEqualTo("31.00");
    }

    @Test
    void the_audit_trail_names_the_sub() throws InterruptedException {
        String sub = someone("admin");
        String name = someone("display");
        String requestId = "req-" + UUID.randomUUID();
        Api.as(Tokens.named(sub, name, null, Roles.ADMIN)).header("X-Request-Id", requestId)
                .body(Map.of("code", Fixtures.newUnitCode(), "name", "Named unit", "region", "Test")).post("/units")
                .then().statusCode(201);

        List<Map<String, Object>> records = List.of();
        for (long deadline = System.currentTimeMillis() + 30_000; records.isEmpty() && System.currentTimeMillis() < deadline; ) {
            records = Api.as(Tokens.auditor()).queryParam("actor", sub).get("/audit").then().statusCode(200)
                    .extract().jsonPath().getList("items");
            if (records.isEmpty()) {
                Thread.sleep(50);
            }
        }
        assertThat(records).singleElement().satisfies(record -> assertThat(record)
                .containsEntry("requestId", requestId).containsEntry("outcome", "201 ACCEPTED"));
        assertThat(Api.as(Tokens.auditor()).queryParam("actor", name).get("/audit").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void a_supervisor_whose_name_is_the_submitters_sub_but_whose_sub_differs_is_another_person() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "12000.00");
        String front = someone("front");
        String id = Ledgers.submit(Tokens.token(front, null, Roles.FRONT_OFFICE),
                Ledgers.transfer(from, Fixtures.currentAccount(unit), "11000.00")).getString("id");
        String validator = someone("agent");
        Api.as(Tokens.token(validator, unit, Roles.AGENT)).post("/operations/{id}/validate", id).then().statusCode(200)
                .body(at("status", org.hamcrest.Matchers.equalTo("PENDING_APPROVAL")));

        String supervisor = someone("supervisor");
        Api.as(Tokens.named(supervisor, front, unit, Roles.SUPERVISOR)).post("/operations/{id}/approve", id)
                .then().statusCode(200)
                .body(at("status", org.hamcrest.Matchers.equalTo("EXECUTED")))
                .body(at("approvedBy", org.hamcrest.Matchers.equalTo(supervisor)));
    }

    @Test
    void a_token_whose_sub_is_the_submitters_or_the_validators_is_that_person_whatever_its_name() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "12000.00");
        String front = someone("front");
        String id = Ledgers.submit(Tokens.token(front, null, Roles.FRONT_OFFICE),
                Ledgers.transfer(from, Fixtures.currentAccount(unit), "11000.00")).getString("id");

        // the submitter's sub with an agent's role and another name is still the submitter
        assertProblem(Api.as(Tokens.named(front, someone("agent"), unit, Roles.AGENT, Roles.SUPERVISOR))
                .post("/operations/{id}/validate", id), 403, "FOUR_EYES_VIOLATION");

        String validator = someone("supervisor");
        Api.as(Tokens.token(validator, unit, Roles.SUPERVISOR)).post("/operations/{id}/validate", id).then().statusCode(200)
                .body(at("status", org.hamcrest.Matchers.equalTo("PENDING_APPROVAL")));
        assertProblem(Api.as(Tokens.named(validator, someone("supervisor"), unit, Roles.SUPERVISOR))
                .post("/operations/{id}/approve", id), 403, "FOUR_EYES_VIOLATION");
        assertProblem(Api.as(Tokens.named(front, someone("supervisor"), unit, Roles.SUPERVISOR))
                .post("/operations/{id}/approve", id), 403, "FOUR_EYES_VIOLATION");
        Api.as(Tokens.admin()).get("/operations/{id}", id).then().statusCode(200)
                .body(at("status", org.hamcrest.Matchers.equalTo("PENDING_APPROVAL")))
                .body(at("approvedBy", org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void four_eyes_on_filings_compare_subs_too() {
        String validator = someone("agent");
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2026-09-01", "2026-09-30",
                FilingApi.vatContent(List.of(FilingApi.line("20", 1_000)), 0, null)).getString("id");
        FilingApi.validate(Tokens.token(validator, "PAR-01", Roles.AGENT), id).then().statusCode(200)
                .body(at("validatedBy", org.hamcrest.Matchers.equalTo(validator)));

        // the validator's sub under another name is the validator
        assertProblem(FilingApi.submit(Tokens.named(validator, someone("supervisor"), "PAR-01", Roles.SUPERVISOR), id),
                403, "FOUR_EYES_VIOLATION");
        // a supervisor named like the validator is another person
        String supervisor = someone("supervisor");
        FilingApi.submit(Tokens.named(supervisor, validator, "PAR-01", Roles.SUPERVISOR), id).then().statusCode(200);
        assertThat(FilingApi.get(id).getList("history.actor", String.class)).contains(validator, supervisor);
    }
}
