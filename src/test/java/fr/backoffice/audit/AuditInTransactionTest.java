package fr.backoffice.audit;

import fr.backoffice.common.security.Roles;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Json.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The record of a change commits in the change's transaction: both or neither, and exactly once. */
@QuarkusTest
class AuditInTransactionTest {

    @Inject
    AgroalDataSource database;

    /** The outcomes recorded for a request, once at least {@code expected} are there (and a little longer for extras). */
    private List<String> outcomesOf(String actor, String requestId, int expected) throws Exception {
        Trail.of(actor, records -> Trail.ofRequest(records, requestId).size() >= expected);
        Thread.sleep(300); // a second record, if any, would come from the filter's next batch (every 100 ms)
        return Trail.ofRequest(Trail.of(actor), requestId).stream().map(record -> (String) record.get("outcome")).toList();
    }

    /** The id of the transaction that inserted a request's record. */
    private String transactionOf(String requestId) throws Exception {
        List<Map<String, Object>> rows = Trail.rows(database,
                "select (tx::text::numeric % 4294967296)::text as xid from audit_record where request_id = ?", requestId);
        assertThat(rows).hasSize(1);
        return (String) rows.get(0).get("xid");
    }

    private String transactionOfRow(String table, String key, Object value) throws Exception {
        return (String) Trail.rows(database, "select xmin::text as xid from " + table + " where " + key + " = ?", value)
                .get(0).get("xid");
    }

    @Test
    void a_committed_change_has_exactly_one_record_written_by_its_own_transaction() throws Exception {
        String admin = "admin-" + UUID.randomUUID();
        String code = Fixtures.newUnitCode();
        String key = "unit-" + UUID.randomUUID();
        Map<String, String> unit = Map.of("code", code, "name", "Audited", "region", "R");
        String created = "create-" + UUID.randomUUID();
        Api.as(Tokens.token(admin, null, Roles.ADMIN)).header("X-Request-Id", created).header("Idempotency-Key", key)
                .body(unit).post("/units").then().statusCode(201);

        assertThat(outcomesOf(admin, created, 1)).containsExactly("201 ACCEPTED");
        // the unit row and the record were inserted by one transaction
        assertThat(transactionOf(created)).isEqualTo(transactionOfRow("unit", "code", code));

        // an action on an existing resource: the account row was last written by the transaction that wrote the record
        String account = Fixtures.currentAccount(code);
        String agent = "agent-" + UUID.randomUUID();
        String frozen = "freeze-" + UUID.randomUUID();
        Api.as(Tokens.token(agent, code, Roles.AGENT)).header("X-Request-Id", frozen).body(Map.of("reason", "Check"))
                .post("/accounts/{id}/freeze", account).then().statusCode(200);
        assertThat(outcomesOf(agent, frozen, 1)).containsExactly("200 ACCEPTED");
        assertThat(transactionOf(frozen)).isEqualTo(transactionOfRow("account", "id", UUID.fromString(account)));

        // a replayed answer is a request too: one record of its own
        String replayed = "replay-" + UUID.randomUUID();
        Api.as(Tokens.token(admin, null, Roles.ADMIN)).header("X-Request-Id", replayed).header("Idempotency-Key", key)
                .body(unit).post("/units").then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(outcomesOf(admin, replayed, 1)).containsExactly("201 ACCEPTED");
    }

    @Test
    void a_straight_through_operation_is_recorded_once() throws Exception {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        String front = "front-" + UUID.randomUUID();
        String requestId = "transfer-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Map<String, String> transfer = Map.of("type", "TRANSFER", "amount", "10.00", "currency", "EUR",
                "debitAccountId", from, "creditAccountId", to);
        String id = Api.as(Tokens.token(front, null, Roles.FRONT_OFFICE)).header("X-Request-Id", requestId)
                .header("Idempotency-Key", key).body(transfer)
                .post("/operations").then().statusCode(201).body(at("status", equalTo("EXECUTED"))).extract().path("id");

        assertThat(outcomesOf(front, requestId, 1)).containsExactly("201 ACCEPTED");
        // written by the transaction that wrote the operation (the single call of operation_submit)
        assertThat(transactionOf(requestId)).isEqualTo(transactionOfRow("operation", "id", UUID.fromString(id)));

        String replayed = "transfer-replay-" + UUID.randomUUID();
        Api.as(Tokens.token(front, null, Roles.FRONT_OFFICE)).header("X-Request-Id", replayed)
                .header("Idempotency-Key", key).body(transfer)
                .post("/operations").then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(outcomesOf(front, replayed, 1)).containsExactly("201 ACCEPTED");

        String refused = "transfer-refused-" + UUID.randomUUID();
        Api.as(Tokens.token(front, null, Roles.FRONT_OFFICE)).header("X-Request-Id", refused)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("type", "TRANSFER", "amount", "500.00", "currency", "EUR", "debitAccountId", from,
                        "creditAccountId", to))
                .post("/operations").then().statusCode(422).body(at("code", equalTo("INSUFFICIENT_FUNDS")));
        assertThat(outcomesOf(front, refused, 1)).containsExactly("422 REFUSED");
    }

    @Test
    void a_reused_idempotency_key_changes_nothing_and_leaves_only_the_refusal() throws Exception {
        String admin = "admin-" + UUID.randomUUID();
        String token = Tokens.token(admin, null, Roles.ADMIN);
        String key = "reused-" + UUID.randomUUID();
        String first = "first-" + UUID.randomUUID();
        Api.as(token).header("X-Request-Id", first).header("Idempotency-Key", key)
                .body(Map.of("code", Fixtures.newUnitCode(), "name", "First", "region", "R")).post("/units")
                .then().statusCode(201);
        String other = Fixtures.newUnitCode();
        String reused = "reused-" + UUID.randomUUID();
        Api.as(token).header("X-Request-Id", reused).header("Idempotency-Key", key)
                .body(Map.of("code", other, "name", "Other", "region", "R")).post("/units")
                .then().statusCode(422).body(at("code", equalTo("IDEMPOTENCY_KEY_REUSED")));

        assertThat(outcomesOf(admin, first, 1)).containsExactly("201 ACCEPTED");
        assertThat(outcomesOf(admin, reused, 1)).containsExactly("422 REFUSED");
        Api.as(token).get("/units/{code}", other).then().statusCode(404);
    }

    @Test
    void when_the_record_cannot_be_written_the_change_is_rolled_back_with_it() throws Exception {
        String admin = "admin-" + UUID.randomUUID();
        String requestId = "doomed-" + UUID.randomUUID();
        String code = Fixtures.newUnitCode();
        // the accepted record of this one request fails, after the unit and its event were inserted
        Trail.update(database, """
                create function audit_test_refuse() returns trigger language plpgsql as $$
                begin raise exception 'audit refused for the test'; end $$""");
        Trail.update(database, "create trigger audit_test_refuse before insert on audit_record for each row "
                + "when (new.request_id = '" + requestId + "' and new.outcome like '%ACCEPTED') "
                + "execute function audit_test_refuse()");
        try {
            Api.as(Tokens.token(admin, null, Roles.ADMIN)).header("X-Request-Id", requestId)
                    .body(Map.of("code", code, "name", "Doomed", "region", "R")).post("/units")
                    .then().statusCode(500);
        } finally {
            Trail.update(database, "drop trigger audit_test_refuse on audit_record");
            Trail.update(database, "drop function audit_test_refuse()");
        }

        Api.as(Tokens.admin()).get("/units/{code}", code).then().statusCode(404);
        assertThat(Trail.rows(database, "select 1 from event where resource_type = 'unit' and resource_id = ?", code)).isEmpty();
        assertThat(outcomesOf(admin, requestId, 1)).containsExactly("500 REFUSED");
    }

    @Test
    void code_using_the_sql_client_records_with_the_contract_statement_once_or_not_at_all() throws Exception {
        String admin = "raw-" + UUID.randomUUID();
        String token = Tokens.token(admin, null, Roles.ADMIN);
        String committed = "raw-ok-" + UUID.randomUUID();
        RestAssured.given().auth().oauth2(token).header("X-Request-Id", committed).post("/test-only/raw-sql-change")
                .then().statusCode(201);
        String failed = "raw-ko-" + UUID.randomUUID();
        RestAssured.given().auth().oauth2(token).header("X-Request-Id", failed).queryParam("failAfterInsert", true)
                .post("/test-only/raw-sql-change").then().statusCode(500);

        // the filter knows the first was recorded in its transaction; the second's record rolled back with it
        assertThat(outcomesOf(admin, committed, 1)).containsExactly("201 ACCEPTED");
        assertThat(outcomesOf(admin, failed, 1)).containsExactly("500 REFUSED");
        assertThat(Trail.recordOf(admin, committed)).containsEntry("action", "POST /test-only/raw-sql-change")
                .containsEntry("roles", "admin");
    }
}
