package fr.backoffice.operation;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /operation-batches (docs/operations-and-ledger.md "Operation batches"): both modes with a refused operation,
 * replays of the batch and of its operations, a large batch answered 202 and polled to completion with its event,
 * limits and permissions; the ledger stays balanced through all of it.
 */
@QuarkusTest
class OperationBatchesTest {

    @Inject
    AgroalDataSource database;

    private static Map<String, Object> item(String key, Map<String, Object> operation) {
        Map<String, Object> item = new HashMap<>(operation);
        item.put("key", key);
        return item;
    }

    private static Map<String, Object> batch(String mode, List<Map<String, Object>> operations) {
        return Map.of("mode", mode, "operations", operations);
    }

    private static Response post(String token, String key, Object body) {
        return Api.as(token).header("Idempotency-Key", key).body(body).post("/operation-batches").then().extract().response();
    }

    /** A request the contract itself refuses (sent without checking it against the contract first). */
    private static Response postInvalid(String token, String key, Object body) {
        return Api.invalidRequestAs(token).header("Idempotency-Key", key).body(body).post("/operation-batches")
                .then().extract().response();
    }

    @Test
    void an_independent_batch_books_each_operation_on_its_own_and_answers_each_in_order() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        String front = Tokens.token("batch-app-" + UUID.randomUUID(), null, "front-office");
        String k = UUID.randomUUID().toString();
        List<Map<String, Object>> operations = List.of(
                item(k + "-1", Ledgers.transfer(from, to, "30.00")),
                item(k + "-2", Ledgers.transfer(from, to, "500.00")),
                item(k + "-3", Ledgers.transfer(from, UUID.randomUUID().toString(), "1.00")),
                item(k + "-4", Ledgers.transfer(from, to, "70.00")),
                item(k + "-5", Ledgers.cashDeposit(to, "5000.00")));
        String key = "batch-" + k;

        JsonPath done = post(front, key, batch("INDEPENDENT", operations)).then().statusCode(200).extract().jsonPath();
        assertThat(done.getString("status")).isEqualTo("DONE");
        assertThat(done.getInt("operationCount")).isEqualTo(5);
        assertThat(done.getList("results.key")).containsExactly(k + "-1", k + "-2", k + "-3", k + "-4", k + "-5");
        assertThat(done.getList("results.status")).containsExactly("CREATED", "REFUSED", "REFUSED", "CREATED", "CREATED");
        assertThat(done.getString("results[0].operation.status")).isEqualTo("EXECUTED");
        assertThat(done.getString("results[1].problem.code")).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(done.getString("results[2].problem.code")).isEqualTo("UNKNOWN_ACCOUNT");
        // above the straight-through threshold: recorded, in the unit's queue, as POST /operations would
        assertThat(done.getString("results[4].operation.status")).isEqualTo("RECEIVED");
        assertThat(done.getInt("bookedCount")).isEqualTo(3);
        assertThat(done.getInt("refusedCount")).isEqualTo(2);
        assertThat(Ledgers.balance(from)).isEqualTo("0.00");
        assertThat(Ledgers.balance(to)).isEqualTo("100.00");

        // the batch again: the same answer, nothing booked twice
        Response replay = post(front, key, batch("INDEPENDENT", operations));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.jsonPath().getList("results.status")).isEqualTo(done.getList("results.status"));
        assertThat(Ledgers.balance(to)).isEqualTo("100.00");
        // the batch's key for another batch
        Response reused = post(front, key, batch("INDEPENDENT", operations.subList(0, 1)));
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.jsonPath().getString("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        // an operation's key in a new batch, and with POST /operations: the same operation
        JsonPath again = post(front, "batch-" + UUID.randomUUID(), batch("INDEPENDENT", operations.subList(0, 1)))
                .then().statusCode(200).extract().jsonPath();
        assertThat(again.getString("results[0].status")).isEqualTo("REPLAYED");
        assertThat(again.getString("results[0].operation.id")).isEqualTo(done.getString("results[0].operation.id"));
        Api.as(front).header("Idempotency-Key", k + "-1").body(Ledgers.transfer(from, to, "30.00")).post("/operations")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(Ledgers.balance(to)).isEqualTo("100.00");
        assertBalanced();
    }

    @Test
    void an_atomic_batch_books_all_or_nothing_and_names_the_refusal() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        String front = Tokens.frontOffice();
        String k = UUID.randomUUID().toString();

        JsonPath refused = post(front, "atomic-" + k, batch("ATOMIC", List.of(
                item(k + "-1", Ledgers.transfer(from, to, "60.00")),
                item(k + "-2", Ledgers.transfer(from, to, "60.00")),
                item(k + "-3", Ledgers.transfer(to, from, "1.00"))))).then().statusCode(200).extract().jsonPath();
        assertThat(refused.getString("status")).isEqualTo("REFUSED");
        assertThat(refused.getList("results.status")).containsExactly("NOT_BOOKED", "REFUSED", "NOT_BOOKED");
        assertThat(refused.getString("results[1].problem.code")).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(refused.getInt("bookedCount")).isZero();
        assertThat(Ledgers.balance(from)).isEqualTo("100.00");
        assertThat(Ledgers.balance(to)).isEqualTo("0.00");

        // an operation that cannot be read refuses the batch before anything is booked
        JsonPath unreadable = post(front, "atomic-" + UUID.randomUUID(), batch("ATOMIC", List.of(
                item(k + "-4", Ledgers.transfer(from, to, "10.00")),
                item(k + "-5", Ledgers.transfer(from, from, "10.00"))))).then().statusCode(200).extract().jsonPath();
        assertThat(unreadable.getList("results.status")).containsExactly("NOT_BOOKED", "REFUSED");
        assertThat(unreadable.getString("results[1].problem.code")).isEqualTo("SAME_ACCOUNT");
        assertThat(Ledgers.balance(from)).isEqualTo("100.00");

        String bookedKey = "atomic-" + UUID.randomUUID();
        Map<String, Object> all = batch("ATOMIC", List.of(
                item(k + "-6", Ledgers.transfer(from, to, "60.00")),
                item(k + "-7", Ledgers.transfer(to, from, "10.00")),
                item(k + "-8", Ledgers.transfer(from, to, "50.00"))));
        JsonPath booked = post(front, bookedKey, all).then().statusCode(200).extract().jsonPath();
        assertThat(booked.getString("status")).isEqualTo("DONE");
        assertThat(booked.getList("results.status")).containsExactly("CREATED", "CREATED", "CREATED");
        assertThat(Ledgers.balance(from)).isEqualTo("0.00");
        assertThat(Ledgers.balance(to)).isEqualTo("100.00");

        // as if its instance had stopped after booking and before writing the results: a retry runs it again after
        // 60 s, finds its own operations booked, and books nothing twice
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            assertThat(sql.executeUpdate("update operation_batch set status = 'RUNNING', results = null, completed_at = null, "
                    + "booked_count = null, refused_count = null, started_at = now() - interval '2 minutes' "
                    + "where id = '" + booked.getString("id") + "'")).isEqualTo(1);
        } catch (java.sql.SQLException failure) {
            throw new AssertionError(failure);
        }
        JsonPath resumed = post(front, bookedKey, all).then().statusCode(200).extract().jsonPath();
        assertThat(resumed.getString("id")).isEqualTo(booked.getString("id"));
        assertThat(resumed.getString("status")).isEqualTo("DONE");
        assertThat(resumed.getList("results.status")).containsExactly("REPLAYED", "REPLAYED", "REPLAYED");
        assertThat(resumed.getList("results.operation.id")).isEqualTo(booked.getList("results.operation.id"));
        assertThat(Ledgers.balance(to)).isEqualTo("100.00");

        // an operation already booked under its key: an ATOMIC batch cannot book all of itself
        JsonPath again = post(front, "atomic-" + UUID.randomUUID(), batch("ATOMIC", List.of(
                item(k + "-6", Ledgers.transfer(from, to, "60.00")),
                item(k + "-9", Ledgers.transfer(to, from, "5.00"))))).then().statusCode(200).extract().jsonPath();
        assertThat(again.getString("status")).isEqualTo("REFUSED");
        assertThat(again.getList("results.status")).containsExactly("REFUSED", "NOT_BOOKED");
        assertThat(again.getString("results[0].problem.code")).isEqualTo("OPERATION_KEY_ALREADY_USED");
        assertThat(Ledgers.balance(to)).isEqualTo("100.00");
        assertBalanced();
    }

    @Test
    void a_large_batch_is_answered_202_booked_in_the_background_announced_and_read_in_pages() throws Exception {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "1000.00");
        String client = "batch-large-" + UUID.randomUUID();
        String front = Tokens.token(client, null, "front-office");
        String k = UUID.randomUUID().toString();
        List<Map<String, Object>> operations = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            operations.add(item(k + "-" + i, Ledgers.transfer(from, to, "1.00")));
        }
        String feedStart = Api.as(front).queryParam("types", "operation-batch.completed").get("/events")
                .then().statusCode(200).extract().jsonPath().getString("nextCursor");

        Response accepted = post(front, "large-" + k, batch("INDEPENDENT", operations));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = accepted.jsonPath().getString("id");
        assertThat(accepted.header("Location")).endsWith("/operation-batches/" + id);
        JsonPath batch = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            batch = Api.as(front).queryParam("limit", 100).get("/operation-batches/{id}", id)
                    .then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(batch.getString("status"))) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(batch.getString("status")).isEqualTo("DONE");
        assertThat(batch.getInt("bookedCount")).isEqualTo(150);
        assertThat(batch.getList("results")).hasSize(100);
        JsonPath rest = Api.as(front).queryParam("limit", 100).queryParam("after", batch.getString("nextCursor"))
                .get("/operation-batches/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(rest.getList("results")).hasSize(50);
        assertThat(rest.getString("nextCursor")).isNull();
        assertThat(rest.getString("results[49].key")).isEqualTo(k + "-149");
        assertThat(Ledgers.balance(to)).isEqualTo("150.00");

        // the event, for the batch's client; another application sees neither the batch nor its event
        var request = Api.as(front).queryParam("types", "operation-batch.completed");
        if (feedStart != null) {
            request.queryParam("after", feedStart);
        }
        List<Map<String, Object>> events = new ArrayList<>();
        deadline = System.currentTimeMillis() + 20_000;
        while (events.isEmpty() && System.currentTimeMillis() < deadline) {
            events = request.get("/events").then().statusCode(200).extract().jsonPath().getList("items");
            events = events.stream().filter(event -> id.equals(((Map<?, ?>) event.get("resource")).get("id"))).toList();
            Thread.sleep(100);
        }
        assertThat(events).hasSize(1);
        assertThat(events.get(0).toString()).contains("bookedCount=150");
        String other = Tokens.token("batch-other-" + UUID.randomUUID(), null, "front-office");
        Api.as(other).get("/operation-batches/{id}", id).then().statusCode(404);
        List<Map<String, Object>> othersEvents = Api.as(other).queryParam("types", "operation-batch.completed")
                .get("/events").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(othersEvents).noneMatch(event -> id.equals(((Map<?, ?>) event.get("resource")).get("id")));
        Api.as(Tokens.auditor()).get("/operation-batches/{id}", id).then().statusCode(200);
        // replayed: the same batch, done
        Response replay = post(front, "large-" + k, batch("INDEPENDENT", operations));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.jsonPath().getString("id")).isEqualTo(id);
        assertBalanced();
    }

    @Test
    void batches_are_for_front_offices_and_bounded() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Map<String, Object> one = batch("INDEPENDENT", List.of(item("k-" + UUID.randomUUID(), Ledgers.transfer(from, to, "1.00"))));
        for (String token : List.of(Tokens.agent(unit), Tokens.supervisor(unit), Tokens.auditor(), Tokens.admin())) {
            assertThat(post(token, UUID.randomUUID().toString(), one).statusCode()).isEqualTo(403);
        }
        String front = Tokens.frontOffice();
        Api.invalidRequestAs(front).body(one).post("/operation-batches").then().statusCode(400);
        Response empty = postInvalid(front, UUID.randomUUID().toString(), batch("INDEPENDENT", List.of()));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.jsonPath().getString("code")).isEqualTo("VALIDATION_FAILED");
        String twice = "twice-" + UUID.randomUUID();
        Response duplicate = post(front, UUID.randomUUID().toString(), batch("INDEPENDENT", List.of(
                item(twice, Ledgers.transfer(from, to, "1.00")), item(twice, Ledgers.transfer(from, to, "2.00")))));
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.jsonPath().getString("errors[0].field")).isEqualTo("operations[1].key");
        Response noKey = postInvalid(front, UUID.randomUUID().toString(), batch("INDEPENDENT", List.of(Ledgers.transfer(from, to, "1.00"))));
        assertThat(noKey.statusCode()).isEqualTo(400);
        Response badMode = postInvalid(front, UUID.randomUUID().toString(), Map.of("mode", "SOMETIMES", "operations", List.of()));
        assertThat(badMode.statusCode()).isEqualTo(400);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 5001; i++) {
            tooMany.add(Map.of("key", "m" + i, "type", "TRANSFER", "amount", "1.00", "currency", "EUR"));
        }
        Response overLimit = postInvalid(front, UUID.randomUUID().toString(), batch("INDEPENDENT", tooMany));
        assertThat(overLimit.statusCode()).isEqualTo(400);
        Api.as(front).get("/operation-batches/{id}", UUID.randomUUID()).then().statusCode(404);
        Api.as(front).get("/operation-batches/{id}", "not-an-id").then().statusCode(404);
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select count(*) from operation where debit_account_id = '" + from + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("nothing booked").isZero();
        } catch (java.sql.SQLException failure) {
            throw new AssertionError(failure);
        }
    }

    private void assertBalanced() {
        assertThat(Api.as(Tokens.auditor()).get("/ledger/verify").then().statusCode(200).extract().jsonPath()
                .getBoolean("verified")).isTrue();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select count(*) from (select currency from account group by currency "
                     + "having sum(ledger_balance) <> 0) unbalanced")) {
            rows.next();
            assertThat(rows.getInt(1)).as("trial balance").isZero();
        } catch (java.sql.SQLException failure) {
            throw new AssertionError(failure);
        }
    }
}
