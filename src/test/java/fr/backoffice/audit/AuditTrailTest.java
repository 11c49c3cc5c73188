package fr.backoffice.audit;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** SPEC section 8, the audit trail: every mutating request, accepted or refused, in a chain nobody alters unseen. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailTest {

    @Inject
    AgroalDataSource database;

    /** The record of one request, found by its id (the record is written once the response is sent). */
    private static Map<String, Object> recordOf(String actor, String requestId) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            List<Map<String, Object>> records = Api.as(Tokens.auditor()).queryParam("actor", actor).queryParam("limit", 200)
                    .get("/audit").then().statusCode(200).extract().jsonPath().getList("items");
            var found = records.stream().filter(record -> requestId.equals(record.get("requestId"))).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no audit record for request " + requestId);
    }

    @Test
    @Order(1)
    void an_accepted_request_is_recorded_with_its_actor_route_resource_and_request_id() throws Exception {
        String requestId = "req-" + UUID.randomUUID();
        String code = Fixtures.newUnitCode();
        Api.as(Tokens.admin()).header("X-Request-Id", requestId)
                .body(Map.of("code", code, "name", "Audit unit", "region", "Test")).post("/units")
                .then().statusCode(201).header("X-Request-Id", requestId);

        Map<String, Object> record = recordOf("admin-1", requestId);
        assertThat(record).containsEntry("action", "POST /units").containsEntry("resourceType", "unit")
                .containsEntry("resourceId", code).containsEntry("outcome", "201 ACCEPTED").containsEntry("roles", "admin");
    }

    @Test
    @Order(2)
    void refused_requests_are_recorded_with_their_outcome() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);

        // 403: an agent may not freeze an account of another unit... nor create units at all
        String forbidden = "forbidden-" + UUID.randomUUID();
        Api.as(Tokens.agent(unit)).header("X-Request-Id", forbidden)
                .body(Map.of("code", Fixtures.newUnitCode(), "name", "No", "region", "No")).post("/units")
                .then().statusCode(403).header("X-Request-Id", forbidden);
        // 422: a business rule
        String unprocessable = "unprocessable-" + UUID.randomUUID();
        Api.as(Tokens.frontOffice()).header("X-Request-Id", unprocessable)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("type", "TRANSFER", "amount", "50.00", "currency", "EUR", "debitAccountId", account,
                        "creditAccountId", Fixtures.currentAccount(unit)))
                .post("/operations").then().statusCode(422).body("code", equalTo("INSUFFICIENT_FUNDS"));
        // 401: a token the service does not trust never reaches the application
        String unauthenticated = "unauthenticated-" + UUID.randomUUID();
        Api.invalidRequestAs(Tokens.wronglySigned()).header("X-Request-Id", unauthenticated)
                .body(Map.of("reason", "x")).post("/accounts/{id}/freeze", account)
                .then().statusCode(401).header("X-Request-Id", unauthenticated);

        assertThat(recordOf("agent-" + unit, forbidden)).containsEntry("outcome", "403 REFUSED")
                .containsEntry("action", "POST /units").containsEntry("roles", "agent");
        assertThat(recordOf("front-app-1", unprocessable)).containsEntry("outcome", "422 REFUSED")
                .containsEntry("action", "POST /operations").containsEntry("resourceType", "operation");
        assertThat(recordOf("anonymous", unauthenticated)).containsEntry("outcome", "401 REFUSED")
                .containsEntry("action", "POST /accounts/{id}/freeze").containsEntry("resourceId", account);
    }

    @Test
    @Order(3)
    void a_request_id_that_is_not_a_plain_token_is_replaced_and_every_answer_carries_one() {
        String given = Api.invalidRequestAs(Tokens.admin()).header("X-Request-Id", "not a valid id!").get("/units/{code}", "QQQ-99")
                .then().statusCode(404).extract().header("X-Request-Id");
        assertThat(given).matches("[0-9a-f-]{36}");
        assertThat(Api.anonymous().get("/units").then().statusCode(401).extract().header("X-Request-Id")).isNotBlank();
    }

    @Test
    @Order(4)
    void the_trail_is_filtered_by_resource_and_time_and_read_only_by_auditors_and_admins() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String requestId = "freeze-" + UUID.randomUUID();
        Api.as(Tokens.agent(unit)).header("X-Request-Id", requestId).body(Map.of("reason", "Check"))
                .post("/accounts/{id}/freeze", account).then().statusCode(200);
        recordOf("agent-" + unit, requestId);

        JsonPath page = Api.as(Tokens.admin()).queryParam("resourceType", "account").queryParam("resourceId", account)
                .queryParam("from", "2020-01-01T00:00:00Z").get("/audit").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.action", String.class)).containsExactly("POST /accounts", "POST /accounts/{id}/freeze");
        assertThat(Api.as(Tokens.admin()).queryParam("resourceId", account).queryParam("to", "2020-01-01T00:00:00Z")
                .get("/audit").then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
        Api.as(Tokens.frontOffice()).get("/audit").then().statusCode(403);
        Api.as(Tokens.agent(unit)).get("/audit/verify").then().statusCode(403);
    }

    @Test
    @Order(5)
    void the_chain_verifies_and_a_record_altered_in_the_database_is_found() throws Exception {
        JsonPath intact = Api.as(Tokens.auditor()).get("/audit/verify").then().statusCode(200).extract().jsonPath();
        assertThat(intact.getBoolean("verified")).isTrue();
        assertThat(intact.getLong("records")).isPositive();
        assertThat(intact.getString("firstBrokenSeq")).isNull();

        long seq;
        String actor;
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select seq, actor from audit_record order by seq offset 2 limit 1");
             ResultSet row = query.executeQuery()) {
            assertThat(row.next()).isTrue();
            seq = row.getLong(1);
            actor = row.getString(2);
        }
        try {
            update(seq, "mallory");
            JsonPath tampered = Api.as(Tokens.auditor()).get("/audit/verify").then().statusCode(200).extract().jsonPath();
            assertThat(tampered.getBoolean("verified")).isFalse();
            assertThat(tampered.getLong("firstBrokenSeq")).isEqualTo(seq);
        } finally {
            update(seq, actor); // other test classes share this database
        }
        assertThat(Api.as(Tokens.admin()).get("/audit/verify").then().statusCode(200).extract().jsonPath()
                .getBoolean("verified")).isTrue();
    }

    private void update(long seq, String actor) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement update = connection.prepareStatement("update audit_record set actor = ? where seq = ?")) {
            update.setString(1, actor);
            update.setLong(2, seq);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
