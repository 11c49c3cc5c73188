package fr.backoffice;

import fr.backoffice.support.ProductionInstances;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the production build on one database, as a deployment scales out: writers on both, one feed
 * reader. Every executed operation appears in the feed exactly once, each operation's events in the order of its
 * changes, and every transfer is answered 201. Run by {@code ./mvnw verify} after the jar is packaged; the instances
 * use their own schema ({@code backoffice_it}) of the local PostgreSQL.
 */
class TwoInstancesIT {

    private static final String CHECKPOINT_KEY = Base64.getEncoder().encodeToString(
            "two-instances-it-audit-checkpoint-key".getBytes(StandardCharsets.US_ASCII));
    private static ProductionInstances instances;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        instances = new ProductionInstances("backoffice_it");
        // one after the other: the first migrates the schema
        start();
        start();
    }

    /** Starts one more instance, with its schedulers every second: both instances' expiry runs overlap. */
    private static void start() throws Exception {
        instances.start(Map.of("BACKOFFICE_AUDIT_CHECKPOINT_KEY", CHECKPOINT_KEY,
                "BACKOFFICE_AUDIT_CHECKPOINT_EVERY", "1s", "BACKOFFICE_SCHEDULER_EVERY", "1s"));
    }

    @AfterAll
    static void stop() {
        instances.close();
    }

    private static String token(String sub, String role) {
        return instances.token(sub, role);
    }

    private static RequestSpecification on(int instance, String token) {
        return instances.on(instance, token);
    }

    @Test
    void two_instances_write_and_the_feed_gives_every_event_once_in_each_resource_order() throws Exception {
        String admin = token("it-admin", "admin");
        String front = token("it-front", "front-office");
        on(0, admin).body(Map.of("code", "TWO-01", "name", "Two instances", "region", "Test")).post("/units")
                .then().statusCode(201);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = on(i % 2, front).header("Idempotency-Key", "open-" + i)
                    .body(Map.of("holder", Map.of("name", "Holder " + i, "customerId", "C-IT-" + i), "type", "CURRENT",
                            "currency", "EUR", "unit", "TWO-01", "overdraftLimit", "0.00"))
                    .post("/accounts").then().statusCode(201).extract().path("id");
            accounts.add(id);
            for (int n = 0; n < 3; n++) {
                on(i % 2, front).header("Idempotency-Key", "fund-" + i + "-" + n)
                        .body(Map.of("type", "CASH_DEPOSIT", "amount", "1000.00", "currency", "EUR", "creditAccountId", id))
                        .post("/operations").then().statusCode(201);
            }
        }
        String auditor = token("it-auditor", "auditor");
        String start = feedPage(auditor, null).getString("nextCursor");

        AtomicBoolean writing = new AtomicBoolean(true);
        List<Map<String, Object>> polled = new ArrayList<>();
        ExecutorService poller = Executors.newSingleThreadExecutor();
        String[] cursor = {start};
        Future<?> polling = poller.submit(() -> {
            while (writing.get()) {
                cursor[0] = pollAll(auditor, cursor[0], polled);
            }
            return null;
        });

        // six accounts shared by all: many transfers wait for one another's row locks, on both instances
        Set<String> executed = ConcurrentHashMap.newKeySet();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService writers = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int n = i;
            done.add(writers.submit(() -> {
                String body = """
                        {"type":"TRANSFER","amount":"1.00","currency":"EUR","debitAccountId":"%s","creditAccountId":"%s"}"""
                        .formatted(accounts.get(n % 6), accounts.get((n % 6 + 1 + (n / 6) % 5) % 6));
                URI uri = URI.create("http://127.0.0.1:" + instances.port(n % 2) + "/operations");
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + front).header("Content-Type", "application/json")
                        .header("Idempotency-Key", "two-" + n).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                executed.add(JsonPath.from(response.body()).getString("id"));
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(5, TimeUnit.MINUTES);
        }
        writers.shutdown();
        writing.set(false);
        polling.get(1, TimeUnit.MINUTES);
        poller.shutdown();
        long deadline = System.currentTimeMillis() + 20_000;
        while (executedIn(polled, executed) < executed.size() && System.currentTimeMillis() < deadline) {
            cursor[0] = pollAll(auditor, cursor[0], polled);
            Thread.sleep(100);
        }

        assertThat(executed).hasSize(300);
        List<String> ids = polled.stream().map(event -> (String) event.get("id")).toList();
        assertThat(new HashSet<>(ids)).as("no event twice").hasSize(ids.size());
        assertThat(executedIn(polled, executed)).as("every executed operation exactly once").isEqualTo(300);
        Map<String, List<String>> byOperation = new HashMap<>();
        for (Map<String, Object> event : polled) {
            byOperation.computeIfAbsent(resourceId(event), id -> new ArrayList<>()).add((String) event.get("type"));
        }
        for (String id : executed) {
            assertThat(byOperation.get(id)).as("events of " + id).containsExactly("operation.received", "operation.executed");
        }
    }

    @Test
    void the_audit_chain_both_instances_write_is_checkpointed_once_per_head_and_verifies() throws Exception {
        String admin = token("it-checkpoints", "admin");
        for (int i = 0; i < 4; i++) {
            on(i % 2, admin).body(Map.of("code", "CKP-0" + i, "name", "Checkpoints", "region", "Test")).post("/units")
                    .then().statusCode(201);
        }
        String auditor = token("it-auditor", "auditor");
        long deadline = System.currentTimeMillis() + 30_000;
        JsonPath verification;
        do {
            Thread.sleep(200);
            verification = on(1, auditor).get("/audit/verify").then().statusCode(200).extract().jsonPath();
        // records still being written (the other instance's schedulers audit too) are anchored by a later checkpoint
        } while ((verification.getLong("unsealed") > 0 || verification.getLong("unanchored") > 0
                || verification.getLong("anchoredSeq") != verification.getLong("records"))
                && System.currentTimeMillis() < deadline);
        assertThat(verification.getBoolean("verified")).as(verification.prettify()).isTrue();
        assertThat(verification.getLong("unanchored")).as(verification.prettify()).isZero();
        long anchored = verification.getLong("anchoredSeq");
        assertThat(anchored).isEqualTo(verification.getLong("records"));

        List<Map<String, Object>> events = new ArrayList<>();
        String cursor = null;
        JsonPath page;
        do {
            RequestSpecification request = on(0, auditor).queryParam("types", "audit.checkpoint").queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            page = request.get("/events").then().statusCode(200).extract().jsonPath();
            events.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (!page.getList("items").isEmpty());
        List<String> heads = events.stream().map(TwoInstancesIT::resourceId).toList();
        assertThat(new HashSet<>(heads)).as("one checkpoint per head, whichever instance took it").hasSize(heads.size());
        assertThat(heads).contains(Long.toString(anchored));
    }

    @Test
    void authorizations_expiring_at_one_instant_are_expired_exactly_once_by_two_instances() throws Exception {
        String admin = token("it-expiry-admin", "admin");
        String front = token("it-expiry", "front-office");
        String auditor = token("it-expiry-auditor", "auditor");
        on(0, admin).body(Map.of("code", "EXP-01", "name", "Expiry", "region", "Test")).post("/units").then().statusCode(201);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = on(i % 2, front).header("Idempotency-Key", "exp-open-" + i)
                    .body(Map.of("holder", Map.of("name", "Expiry " + i, "customerId", "C-EXP-" + i), "type", "CURRENT",
                            "currency", "EUR", "unit", "EXP-01", "overdraftLimit", "0.00"))
                    .post("/accounts").then().statusCode(201).extract().path("id");
            accounts.add(id);
        }
        for (int i = 0; i < 3; i++) {
            on(0, front).header("Idempotency-Key", "exp-fund-" + i)
                    .body(Map.of("type", "CASH_DEPOSIT", "amount", "1000.00", "currency", "EUR", "creditAccountId", accounts.get(i)))
                    .post("/operations").then().statusCode(201);
        }
        String start = feedPage(auditor, null).getString("nextCursor");
        // forty authorizations created on both instances, then all brought to expire at the same instant
        Set<String> created = new HashSet<>();
        for (int n = 0; n < 40; n++) {
            created.add(on(n % 2, front).header("Idempotency-Key", "exp-auth-" + n)
                    .body(Map.of("debitAccountId", accounts.get(n % 3), "creditAccountId", accounts.get(3), "amount", "10.00",
                            "currency", "EUR"))
                    .post("/authorizations").then().statusCode(201).extract().<String>path("id"));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(on(1, auditor).get("/accounts/{id}", accounts.get(i)).then().statusCode(200).extract()
                    .<String>path("heldAmount")).isIn("130.00", "140.00");
        }

        try (Connection sql = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=backoffice_it", "postgres", "");
             PreparedStatement expire = sql.prepareStatement(
                     "update payment_authorization set expires_at = now() + interval '1 second' where id = any (?::uuid[])")) {
            expire.setArray(1, sql.createArrayOf("text", created.toArray()));
            assertThat(expire.executeUpdate()).isEqualTo(40);
        }

        long deadline = System.currentTimeMillis() + 60_000;
        List<String> open;
        do {
            Thread.sleep(500);
            open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                open.addAll(on(i % 2, auditor).queryParam("accountId", accounts.get(i)).queryParam("limit", 100)
                        .get("/authorizations").then().statusCode(200).extract().jsonPath()
                        .getList("items.findAll { it.status != 'EXPIRED' }.id"));
            }
        } while (!open.isEmpty() && System.currentTimeMillis() < deadline);
        assertThat(open).as("still not expired").isEmpty();

        List<Map<String, Object>> events = new ArrayList<>();
        pollAll(auditor, start, events);
        List<String> expired = events.stream().filter(event -> "authorization.expired".equals(event.get("type")))
                .map(TwoInstancesIT::resourceId).toList();
        assertThat(expired).as("one expiry event per authorization").hasSize(40);
        assertThat(new HashSet<>(expired)).isEqualTo(created);
        for (int i = 0; i < 3; i++) {
            JsonPath account = on(i % 2, auditor).get("/accounts/{id}", accounts.get(i)).then().statusCode(200).extract().jsonPath();
            assertThat(account.getString("heldAmount")).as("nothing still held").isEqualTo("0.00");
            assertThat(account.getString("availableBalance")).isEqualTo("1000.00");
            assertThat(account.getString("ledgerBalance")).isEqualTo("1000.00");
        }
        assertThat(on(1, auditor).get("/ledger/verify").then().statusCode(200).extract().jsonPath().getBoolean("verified"))
                .isTrue();
    }

    private static long executedIn(List<Map<String, Object>> polled, Set<String> executed) {
        return polled.stream().filter(event -> "operation.executed".equals(event.get("type")))
                .filter(event -> executed.contains(resourceId(event))).count();
    }

    @SuppressWarnings("unchecked")
    private static String resourceId(Map<String, Object> event) {
        return (String) ((Map<String, Object>) event.get("resource")).get("id");
    }

    private static JsonPath feedPage(String token, String after) {
        RequestSpecification request = on(0, token).queryParam("limit", 200);
        if (after != null) {
            request.queryParam("after", after);
        }
        return request.get("/events").then().statusCode(200).extract().jsonPath();
    }

    /** Reads pages until an empty one, adding the events to {@code into}; returns the cursor to go on from. */
    private static String pollAll(String token, String after, List<Map<String, Object>> into) {
        String cursor = after;
        while (true) {
            JsonPath page = feedPage(token, cursor);
            List<Map<String, Object>> items = page.getList("items");
            if (page.getString("nextCursor") != null) {
                cursor = page.getString("nextCursor");
            }
            if (items.isEmpty()) {
                return cursor;
            }
            into.addAll(items);
        }
    }
}
