package fr.backoffice;

import fr.backoffice.support.ProductionInstances;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kill -9 of the production build while it books coalesced submissions
 * (docs/performance.md "Group commit and batches"): clients that lose their answer retry with the same key on the other instance, and afterwards every
 * transfer exists exactly once, the trial balance is zero and {@code /ledger/verify} finds nothing.
 */
class GroupCommitKillIT {

    private static final int TRANSFERS = 400;
    private static final String CHECKPOINT_KEY = Base64.getEncoder().encodeToString(
            "group-commit-kill-it-checkpoint-key".getBytes(StandardCharsets.US_ASCII));
    private static ProductionInstances instances;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        instances = new ProductionInstances("backoffice_it_kill");
        instances.start(Map.of("BACKOFFICE_AUDIT_CHECKPOINT_KEY", CHECKPOINT_KEY));
        instances.start(Map.of("BACKOFFICE_AUDIT_CHECKPOINT_KEY", CHECKPOINT_KEY));
    }

    @AfterAll
    static void stop() {
        instances.close();
    }

    @Test
    void a_kill_in_the_middle_of_coalesced_submissions_loses_and_duplicates_nothing_after_retries() throws Exception {
        String admin = instances.token("kill-admin", "admin");
        String front = instances.token("kill-front", "front-office");
        instances.on(1, admin).body(Map.of("code", "KIL-01", "name", "Killed", "region", "Test")).post("/units")
                .then().statusCode(201);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = instances.on(1, front).header("Idempotency-Key", "kill-open-" + i)
                    .body(Map.of("holder", Map.of("name", "Holder " + i, "customerId", "C-KILL-" + i), "type", "CURRENT",
                            "currency", "EUR", "unit", "KIL-01", "overdraftLimit", "0.00"))
                    .post("/accounts").then().statusCode(201).extract().path("id");
            accounts.add(id);
            instances.on(1, front).header("Idempotency-Key", "kill-fund-" + i)
                    .body(Map.of("type", "CASH_DEPOSIT", "amount", "1000.00", "currency", "EUR", "creditAccountId", id))
                    .post("/operations").then().statusCode(201);
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> created = ConcurrentHashMap.newKeySet();
        AtomicInteger retried = new AtomicInteger();
        CountDownLatch halfway = new CountDownLatch(TRANSFERS / 4);
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            int n = i;
            done.add(clients.submit(() -> {
                String body = """
                        {"type":"TRANSFER","amount":"1.00","currency":"EUR","debitAccountId":"%s","creditAccountId":"%s"}"""
                        .formatted(accounts.get(n % 8), accounts.get((n + 1 + n / 8 % 7) % 8));
                int instance = 0;
                for (int attempt = 0; attempt < 20; attempt++) {
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + instances.port(instance) + "/operations"))
                                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + front)
                                .header("Content-Type", "application/json").header("Idempotency-Key", "kill-" + n)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201) {
                            created.add(JsonPath.from(response.body()).getString("id"));
                            halfway.countDown();
                            return null;
                        }
                        // 409 in flight (the killed instance's transaction is being rolled back) or 503: retry
                        assertThat(response.statusCode()).as(response.body()).isIn(409, 503);
                    } catch (IOException lost) {
                        // the instance was killed with the request in flight: the other one gets the retry
                    }
                    retried.incrementAndGet();
                    instance = 1;
                    Thread.sleep(200);
                }
                throw new AssertionError("transfer " + n + " never answered 201");
            }));
        }
        assertThat(halfway.await(120, TimeUnit.SECONDS)).isTrue();
        instances.process(0).destroyForcibly();
        assertThat(instances.process(0).waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (Future<?> future : done) {
            future.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();

        assertThat(created).as("one operation per key").hasSize(TRANSFERS);
        assertThat(retried.get()).as("some requests were cut by the kill and retried").isPositive();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement sql = connection.createStatement()) {
            sql.execute("set search_path to backoffice_it_kill");
            assertThat(count(sql, "select count(*) from operation where type = 'TRANSFER'")).isEqualTo(TRANSFERS);
            assertThat(count(sql, "select count(*) from idempotency_key where idempotency_key like 'kill-%' "
                    + "and idempotency_key not like 'kill-open-%' and idempotency_key not like 'kill-fund-%'")).isEqualTo(TRANSFERS);
            assertThat(count(sql, "select count(*) from ledger_entry e join operation o on o.id = e.operation_id "
                    + "where o.type = 'TRANSFER'")).isEqualTo(2L * TRANSFERS);
            assertThat(count(sql, "select count(*) from (select currency from account group by currency "
                    + "having sum(ledger_balance) <> 0) unbalanced")).isZero();
        }
        JsonPath verified = instances.on(1, instances.token("kill-auditor", "auditor")).get("/ledger/verify")
                .then().statusCode(200).extract().jsonPath();
        assertThat(verified.getBoolean("verified")).isTrue();
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
