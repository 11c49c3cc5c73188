package fr.backoffice.operation;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit (docs/performance.md "Group commit and batches"): submissions that arrive while the calls in flight
 * are busy are booked together by one call, in one transaction, and each still gets its own outcome. The test makes
 * the grouping certain: it holds the row locks of two accounts, so that the two calls in flight wait, queues more
 * submissions behind them, then lets go.
 */
@QuarkusTest
class GroupCommitTest {

    private static final Pattern WAITING = Pattern.compile("(?m)^backoffice_submissions_waiting(\\{[^}]*})? ([0-9.]+)");

    @Inject
    AgroalDataSource database;

    @Test
    void submissions_queued_together_are_booked_in_one_transaction_each_with_its_own_outcome() throws Exception {
        String unit = Fixtures.unit();
        String blockedA = Fixtures.currentAccount(unit);
        String blockedB = Fixtures.currentAccount(unit);
        String hot = Fixtures.currentAccount(unit);
        String rich = Fixtures.currentAccount(unit);
        String target = Fixtures.currentAccount(unit);
        String targetA = Fixtures.currentAccount(unit);
        String targetB = Fixtures.currentAccount(unit);
        for (String account : List.of(blockedA, blockedB, rich)) {
            Ledgers.fund(account, "500.00");
        }
        Ledgers.fund(hot, "100.00");
        String front = Tokens.frontOffice();
        String reusedKey = "group-reused-" + UUID.randomUUID();

        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Response>> first = new ArrayList<>();
        Map<String, CompletableFuture<Response>> grouped = new java.util.LinkedHashMap<>();
        try (Connection holder = database.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select id from account where id = any (?) for update")) {
                lock.setArray(1, holder.createArrayOf("uuid", new Object[]{UUID.fromString(blockedA), UUID.fromString(blockedB)}));
                lock.executeQuery().close();
            }
            // the two calls in flight: each waits for a row lock the test holds
            first.add(submit(clients, front, UUID.randomUUID().toString(), Ledgers.transfer(blockedA, targetA, "10.00")));
            first.add(submit(clients, front, UUID.randomUUID().toString(), Ledgers.transfer(blockedB, targetB, "10.00")));
            awaitCallsWaitingForLocks(holder, 2);
            // queued behind them, to leave together
            grouped.put("ok", submit(clients, front, UUID.randomUUID().toString(), Ledgers.transfer(rich, target, "20.00")));
            grouped.put("refused", submit(clients, front, UUID.randomUUID().toString(), Ledgers.transfer(rich, target, "900.00")));
            grouped.put("hot1", submit(clients, front, UUID.randomUUID().toString(), Ledgers.transfer(hot, target, "60.00")));
            grouped.put("hot2", submit(clients, front, UUID.randomUUID().toString(), Ledgers.transfer(hot, target, "60.00")));
            grouped.put("reused1", submit(clients, front, reusedKey, Ledgers.cashDeposit(target, "5.00")));
            grouped.put("reused2", submit(clients, front, reusedKey, Ledgers.cashDeposit(target, "5.00")));
            awaitWaiting(grouped.size());
            holder.rollback();
        }
        for (CompletableFuture<Response> response : first) {
            assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        }
        Map<String, Response> answers = new java.util.HashMap<>();
        for (Map.Entry<String, CompletableFuture<Response>> entry : grouped.entrySet()) {
            answers.put(entry.getKey(), entry.getValue().get(60, TimeUnit.SECONDS));
        }
        clients.shutdown();

        assertThat(answers.get("ok").statusCode()).isEqualTo(201);
        assertThat(answers.get("ok").jsonPath().getString("status")).isEqualTo("EXECUTED");
        assertThat(answers.get("refused").statusCode()).isEqualTo(422);
        assertThat(answers.get("refused").jsonPath().getString("code")).isEqualTo("INSUFFICIENT_FUNDS");
        // one hot account, 100.00, two debits of 60.00: one books, the one after it is refused
        List<Integer> hotAnswers = List.of(answers.get("hot1").statusCode(), answers.get("hot2").statusCode());
        assertThat(hotAnswers).containsExactlyInAnyOrder(201, 422);
        // one key given twice in the same group: one books, the other is a duplicate in flight
        List<Integer> reused = List.of(answers.get("reused1").statusCode(), answers.get("reused2").statusCode());
        assertThat(reused).containsExactlyInAnyOrder(201, 409);

        List<String> booked = new ArrayList<>();
        for (Response answer : answers.values()) {
            if (answer.statusCode() == 201) {
                booked.add(answer.jsonPath().getString("id"));
            }
        }
        try (Connection connection = database.getConnection();
             PreparedStatement sql = connection.prepareStatement(
                     "select count(distinct xmin::text), count(*) from operation where id = any (?)")) {
            sql.setArray(1, connection.createArrayOf("uuid", booked.stream().map(UUID::fromString).toArray()));
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(2)).isEqualTo(3);
                assertThat(rows.getInt(1)).as("booked by one transaction").isEqualTo(1);
            }
        }
        assertThat(Ledgers.balance(hot)).isEqualTo("40.00");
        assertThat(Ledgers.balance(rich)).isEqualTo("480.00");
        assertThat(Ledgers.balance(target)).isEqualTo("85.00");
        assertThat(Ledgers.balance(targetA)).isEqualTo("10.00");
        for (String id : booked) {
            JsonPath operation = Api.as(Tokens.admin()).get("/operations/{id}", id).then().statusCode(200).extract().jsonPath();
            assertThat(operation.getList("history.toStatus")).isNotEmpty();
        }
        JsonPath replay = Api.as(front).header("Idempotency-Key", reusedKey).body(Ledgers.cashDeposit(target, "5.00"))
                .post("/operations").then().statusCode(201).header("Idempotent-Replayed", "true").extract().jsonPath();
        assertThat(booked).contains(replay.getString("id"));
        assertThat(Api.as(Tokens.auditor()).get("/ledger/verify").then().statusCode(200).extract().jsonPath()
                .getBoolean("verified")).isTrue();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select count(*) from (select currency from account group by currency "
                     + "having sum(ledger_balance) <> 0) unbalanced")) {
            rows.next();
            assertThat(rows.getInt(1)).as("trial balance").isZero();
        }
    }

    private static CompletableFuture<Response> submit(ExecutorService clients, String token, String key,
                                                      Map<String, Object> operation) {
        return CompletableFuture.supplyAsync(() -> Api.as(token).header("Idempotency-Key", key).body(operation)
                .post("/operations").then().extract().response(), clients);
    }

    /**
     * Waits until this many backends wait for the row locks the test's {@code holder} holds (its two calls in flight),
     * and says, if they never do, what the database's backends were doing.
     */
    private void awaitCallsWaitingForLocks(Connection holder, int count) throws Exception {
        int holderPid;
        try (Statement pid = holder.createStatement(); ResultSet row = pid.executeQuery("select pg_backend_pid()")) {
            row.next();
            holderPid = row.getInt(1);
        }
        long deadline = System.currentTimeMillis() + 20_000;
        try (Connection connection = database.getConnection();
             PreparedStatement blocked = connection.prepareStatement(
                     "select count(*) from pg_stat_activity where ? = any (pg_blocking_pids(pid))")) {
            blocked.setInt(1, holderPid);
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rows = blocked.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == count) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
            StringBuilder backends = new StringBuilder();
            try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(
                    "select pid, state, wait_event_type, wait_event, pg_blocking_pids(pid)::text, left(query, 80) "
                            + "from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")) {
                while (rows.next()) {
                    backends.append("\n  ").append(rows.getInt(1)).append(' ').append(rows.getString(2)).append(' ')
                            .append(rows.getString(3)).append('/').append(rows.getString(4)).append(" blocked by ")
                            .append(rows.getString(5)).append(": ").append(rows.getString(6));
                }
            }
            throw new AssertionError("never " + count + " calls waiting for the locks the test holds (backend "
                    + holderPid + "); submissions waiting for a call: "
                    + RestAssured.get("/q/metrics").then().extract().asString().lines()
                    .filter(line -> line.startsWith("backoffice_submissions_waiting")).toList()
                    + "; backends:" + backends);
        }
    }

    /** Waits until this many submissions wait for a call (the metric backoffice_submissions_waiting). */
    private static void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            Matcher waiting = WAITING.matcher(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString());
            if (waiting.find() && Double.parseDouble(waiting.group(2)) == count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never " + count + " submissions waiting");
    }
}
