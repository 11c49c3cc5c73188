package fr.backoffice.audit;

import fr.backoffice.common.security.Roles;
import fr.backoffice.support.Api;
import fr.backoffice.support.AuditRecords;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Json.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The audit trail: every mutating request, accepted or refused, with who, what and its request id. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    AgroalDataSource database;

    private static String someone(String what) {
        return what + "-" + UUID.randomUUID();
    }

    @Test
    void an_accepted_request_is_recorded_with_its_actor_route_resource_and_request_id_and_then_sealed() throws Exception {
        String actor = someone("creator");
        String requestId = "req-" + UUID.randomUUID();
        String code = Fixtures.newUnitCode();
        Api.as(Tokens.token(actor, null, Roles.ADMIN)).header("X-Request-Id", requestId)
                .body(Map.of("code", code, "name", "Audit unit", "region", "Test")).post("/units")
                .then().statusCode(201).header("X-Request-Id", requestId);

        Map<String, Object> record = Trail.sealedRecordOf(actor, requestId);
        assertThat(record).containsEntry("action", "POST /units").containsEntry("resourceType", "unit")
                .containsEntry("resourceId", code).containsEntry("outcome", "201 ACCEPTED").containsEntry("roles", "admin");
        assertThat(((Number) record.get("chainSeq")).longValue()).isPositive();
    }

    @Test
    void refused_requests_are_recorded_with_their_outcome() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String agent = someone("agent");
        String front = someone("front");

        // 403: an agent may not create units
        String forbidden = "forbidden-" + UUID.randomUUID();
        Api.as(Tokens.token(agent, unit, Roles.AGENT)).header("X-Request-Id", forbidden)
                .body(Map.of("code", Fixtures.newUnitCode(), "name", "No", "region", "No")).post("/units")
                .then().statusCode(403).header("X-Request-Id", forbidden);
        // 422: a business rule
        String unprocessable = "unprocessable-" + UUID.randomUUID();
        Api.as(Tokens.token(front, null, Roles.FRONT_OFFICE)).header("X-Request-Id", unprocessable)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("type", "TRANSFER", "amount", "50.00", "currency", "EUR", "debitAccountId", account,
                        "creditAccountId", Fixtures.currentAccount(unit)))
                .post("/operations").then().statusCode(422).body(at("code", equalTo("INSUFFICIENT_FUNDS")));
        // 401: a token the service does not trust never reaches the application
        String unauthenticated = "unauthenticated-" + UUID.randomUUID();
        Api.invalidRequestAs(Tokens.wronglySigned()).header("X-Request-Id", unauthenticated)
                .body(Map.of("reason", "x")).post("/accounts/{id}/freeze", account)
                .then().statusCode(401).header("X-Request-Id", unauthenticated);

        assertThat(Trail.recordOf(agent, forbidden)).containsEntry("outcome", "403 REFUSED")
                .containsEntry("action", "POST /units").containsEntry("roles", "agent");
        assertThat(Trail.recordOf(front, unprocessable)).containsEntry("outcome", "422 REFUSED")
                .containsEntry("action", "POST /operations").containsEntry("resourceType", "operation");
        assertThat(Trail.recordOf("anonymous", unauthenticated)).containsEntry("outcome", "401 REFUSED")
                .containsEntry("action", "POST /accounts/{id}/freeze").containsEntry("resourceId", account);
    }

    /**
     * Refused by the HTTP layer before any resource runs (a body over {@code backoffice.http.max-body-size}, a request
     * line over {@code backoffice.http.max-request-line}): recorded all the same, once.
     */
    @Test
    void requests_refused_before_any_resource_runs_are_recorded_too() throws Exception {
        String token = Tokens.token(someone("edge"), null, Roles.FRONT_OFFICE);
        String tooLarge = "too-large-" + UUID.randomUUID();
        Api.invalidRequestAs(token).header("X-Request-Id", tooLarge).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("type", "TRANSFER", "reference", "x".repeat(70 * 1024))).post("/operations")
                .then().statusCode(413);
        String tooLong = "too-long-" + UUID.randomUUID();
        Api.invalidRequestAs(token).header("X-Request-Id", tooLong).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("type", "TRANSFER")).post("/operations?" + "a".repeat(9 * 1024))
                .then().statusCode(414);

        assertThat(AuditRecords.outcomesOf(tooLarge)).containsExactly("413 REFUSED");
        assertThat(AuditRecords.outcomesOf(tooLong)).containsExactly("414 REFUSED");
    }

    /** A client that sends half its body and goes away was never answered: its record says so, not "200 ACCEPTED". */
    @Test
    void a_request_its_client_abandons_before_any_answer_is_recorded_abandoned() throws Exception {
        String requestId = "abandoned-" + UUID.randomUUID();
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            String halfSent = "POST /operations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + Tokens.frontOffice() + "\r\nContent-Type: application/json\r\n"
                    + "Idempotency-Key: " + requestId + "\r\nX-Request-Id: " + requestId + "\r\nContent-Length: 1000\r\n\r\n"
                    + "{\"type\": \"TRANS";
            socket.getOutputStream().write(halfSent.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }
        assertThat(AuditRecords.outcomesOf(requestId)).containsExactly("ABANDONED");
    }

    @Test
    void refusals_are_written_in_batches_and_none_is_lost() throws Exception {
        String unit = Fixtures.unit();
        String agent = someone("refused");
        String token = Tokens.token(agent, unit, Roles.AGENT);
        int refusals = 150;
        for (int i = 0; i < refusals; i++) {
            Api.as(token).header("X-Request-Id", "refused-" + i + "-" + agent.substring(8, 16))
                    .body(Map.of("code", Fixtures.newUnitCode(), "name", "No", "region", "No")).post("/units")
                    .then().statusCode(403);
        }

        List<Map<String, Object>> records = Trail.of(agent, all -> all.size() >= refusals);
        assertThat(records).hasSize(refusals).allSatisfy(record -> assertThat(record)
                .containsEntry("outcome", "403 REFUSED").containsEntry("action", "POST /units"));
        assertThat(records.stream().map(record -> record.get("requestId")).distinct()).hasSize(refusals);
        // written by a few multi-row inserts, each in its own transaction: far fewer transactions than records
        long transactions = (Long) Trail.rows(database,
                "select count(distinct tx) as transactions from audit_record where actor = ?", agent).get(0).get("transactions");
        assertThat(transactions).isLessThan(refusals);
    }

    @Test
    void a_batch_the_database_refuses_is_retried_and_a_record_it_cannot_take_does_not_block_the_others() throws Exception {
        String unit = Fixtures.unit();
        String agent = someone("retried");
        String token = Tokens.token(agent, unit, Roles.AGENT);
        String retried = "retried-" + UUID.randomUUID();
        String poison = "poison-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        Trail.update(database, """
                create function audit_test_refuse() returns trigger language plpgsql as $$
                begin
                    if new.request_id like 'poison-%' then raise exception 'bad data' using errcode = '22023'; end if;
                    raise exception 'the database is not taking records for the test';
                end $$""");
        try {
            Trail.update(database, "create trigger audit_test_refuse before insert on audit_record for each row "
                    + "when (new.request_id = '" + retried + "') execute function audit_test_refuse()");
            refuse(token, retried);
            Thread.sleep(700); // several attempts
            assertThat(Trail.ofRequest(Trail.of(agent), retried)).isEmpty();
            Trail.update(database, "drop trigger audit_test_refuse on audit_record");
            assertThat(Trail.recordOf(agent, retried)).containsEntry("outcome", "403 REFUSED");

            // a record the database never takes is dropped after a few attempts, and the others go through
            Trail.update(database, "create trigger audit_test_refuse before insert on audit_record for each row "
                    + "when (new.request_id = '" + poison + "') execute function audit_test_refuse()");
            refuse(token, poison);
            refuse(token, after);
            assertThat(Trail.recordOf(agent, after)).containsEntry("outcome", "403 REFUSED");
            assertThat(Trail.ofRequest(Trail.of(agent), poison)).isEmpty();
        } finally {
            Trail.update(database, "drop trigger if exists audit_test_refuse on audit_record");
            Trail.update(database, "drop function audit_test_refuse()");
        }
    }

    private static void refuse(String agentToken, String requestId) {
        Api.as(agentToken).header("X-Request-Id", requestId)
                .body(Map.of("code", Fixtures.newUnitCode(), "name", "No", "region", "No")).post("/units")
                .then().statusCode(403);
    }

    @Test
    void a_request_of_any_length_is_recorded_cut_to_its_columns_with_the_hash_of_the_rest() throws Exception {
        String actor = someone("long-path");
        String token = Tokens.token(actor, "PAR-01", Roles.ADMIN, Roles.SUPERVISOR);
        String tail = "a".repeat(5_000);
        String longRoute = "long-route-" + UUID.randomUUID();
        RestAssured.given().auth().oauth2(token).contentType("application/json").header("X-Request-Id", longRoute)
                .body("{}").post("/units/PAR-01/" + tail).then().statusCode(404);
        String longId = "long-id-" + UUID.randomUUID();
        RestAssured.given().auth().oauth2(token).contentType("application/json").header("X-Request-Id", longId)
                .body("{\"reason\":\"x\"}").post("/accounts/" + tail + "/freeze").then().statusCode(403);

        Map<String, Object> route = Trail.sealedRecordOf(actor, longRoute);
        String action = (String) route.get("action");
        assertThat(action).hasSize(300).startsWith("POST /units/{code}/aaaa").matches(".*…\\[sha256:[0-9a-f]{16}]$");
        assertThat(route).containsEntry("resourceId", "PAR-01").containsEntry("outcome", "404 REFUSED");

        Map<String, Object> id = Trail.sealedRecordOf(actor, longId);
        // the supervisor role freezes in PAR-01 only: an id that names nothing there is refused as another unit's would be
        assertThat(id).containsEntry("action", "POST /accounts/{id}/freeze").containsEntry("outcome", "403 REFUSED");
        assertThat((String) id.get("resourceId")).hasSize(255).startsWith("aaaa").matches(".*…\\[sha256:[0-9a-f]{16}]$");
        assertThat(Trail.verifyAllSealed().getBoolean("verified")).isTrue();
    }

    @Test
    void a_request_id_that_is_not_a_plain_token_is_replaced_and_every_answer_carries_one() {
        String given = Api.invalidRequestAs(Tokens.admin()).header("X-Request-Id", "not a valid id!").get("/units/{code}", "QQQ-99")
                .then().statusCode(404).extract().header("X-Request-Id");
        assertThat(given).matches("[0-9a-f-]{36}");
        assertThat(Api.anonymous().get("/units").then().statusCode(401).extract().header("X-Request-Id")).isNotBlank();
    }

    @Test
    void the_trail_is_filtered_by_resource_and_time_and_read_only_by_auditors_and_admins() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String requestId = "freeze-" + UUID.randomUUID();
        Api.as(Tokens.agent(unit)).header("X-Request-Id", requestId).body(Map.of("reason", "Check"))
                .post("/accounts/{id}/freeze", account).then().statusCode(200);
        Trail.recordOf("agent-" + unit, requestId);

        JsonPath page = Api.as(Tokens.admin()).queryParam("resourceType", "account").queryParam("resourceId", account)
                .queryParam("from", "2020-01-01T00:00:00Z").get("/audit").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.action", String.class)).containsExactly("POST /accounts", "POST /accounts/{id}/freeze");
        assertThat(Api.as(Tokens.admin()).queryParam("resourceId", account).queryParam("to", "2020-01-01T00:00:00Z")
                .get("/audit").then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
        Api.as(Tokens.frontOffice()).get("/audit").then().statusCode(403);
        Api.as(Tokens.agent(unit)).get("/audit/verify").then().statusCode(403);
    }
}
