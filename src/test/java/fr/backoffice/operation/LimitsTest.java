package fr.backoffice.operation;

import fr.backoffice.common.time.TimeSource;
import fr.backoffice.operation.service.ScheduledExecutions;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Ledgers.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Limits and decisions (docs/operations-and-ledger.md "Limits and decisions"): the limits an account shows, a
 * supervisor's override (four eyes to raise), DENY (422 LIMIT_EXCEEDED) and REVIEW (four eyes, then executed), the
 * day and month windows in the bank's time zone, batches crossing a limit part-way, concurrent submissions, and a
 * customer's limit over its accounts.
 */
@QuarkusTest
class LimitsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Inject
    AgroalDataSource database;

    @Inject
    ScheduledExecutions scheduler;

    private static JsonPath limit(String account, String limitId) {
        return Api.as(Tokens.admin()).get("/accounts/{id}/limits/{limitId}", account, limitId).then().statusCode(200)
                .extract().jsonPath();
    }

    private static String etag(String account, String limitId) {
        return Api.as(Tokens.admin()).get("/accounts/{id}/limits/{limitId}", account, limitId).then().statusCode(200)
                .extract().header("ETag");
    }

    private static Response put(String token, String account, String limitId, String value) {
        return Api.as(token).header("If-Match", etag(account, limitId)).body(Map.of("limit", value))
                .put("/accounts/{id}/limits/{limitId}", account, limitId).then().extract().response();
    }

    /** A supervisor of the unit lowers (from unlimited) a limit: in force at once. */
    private static void set(String unit, String account, String limitId, String value) {
        assertThat(put(Tokens.supervisor(unit), account, limitId, value).statusCode()).isEqualTo(200);
    }

    private static Response post(Map<String, Object> operation) {
        return Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString()).body(operation)
                .post("/operations").then().extract().response();
    }

    private static void assertLimitExceeded(Response response, String limitId) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
        assertThat(response.jsonPath().getString("code")).isEqualTo("LIMIT_EXCEEDED");
        assertThat(response.jsonPath().getString("detail")).contains(limitId);
    }

    private long operations(String account) throws Exception {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from operation where debit_account_id = ?::uuid")) {
            s.setString(1, account);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void an_account_shows_its_limits_with_what_the_day_used_and_what_remains() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "2000.00");
        submit(Tokens.frontOffice(), Ledgers.externalTransfer(from, "1000.00"));
        JsonPath limits = Api.as(Tokens.agent(unit)).get("/accounts/{id}/limits", from).then().statusCode(200)
                .extract().jsonPath();
        assertThat(limits.getList("items.id")).contains("EXTERNAL_TRANSFERS_PER_DAY", "DEBITS_PER_DAY",
                "DEBIT_COUNT_PER_DAY", "CUSTOMER_DEBITS_PER_MONTH");
        Map<String, Object> external = limits.getMap("items.find { it.id == 'EXTERNAL_TRANSFERS_PER_DAY' }");
        assertThat(external).containsEntry("scope", "ACCOUNT").containsEntry("kind", "AMOUNT").containsEntry("window", "DAY")
                .containsEntry("limit", "10000.00").containsEntry("used", "1000.00").containsEntry("remaining", "9000.00")
                .containsEntry("onExceed", "REVIEW").containsEntry("overridden", false);
        Map<String, Object> count = limits.getMap("items.find { it.id == 'DEBIT_COUNT_PER_DAY' }");
        assertThat(count).containsEntry("limit", null).containsEntry("used", "1").containsEntry("remaining", null);
        // another unit's agent does not see it; an unknown limit is 404
        Api.as(Tokens.agent(Fixtures.unit())).get("/accounts/{id}/limits", from).then().statusCode(404);
        Api.as(Tokens.admin()).get("/accounts/{id}/limits/{limitId}", from, "NO_SUCH_LIMIT").then().statusCode(404);
    }

    @Test
    void a_supervisor_lowers_at_once_and_a_raise_needs_a_second_supervisor() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String first = Tokens.supervisor(unit);
        String second = Tokens.token("second-supervisor-" + unit, unit, "supervisor");
        // lowering (from the default 10000.00) applies at once
        Response lowered = put(first, account, "EXTERNAL_TRANSFERS_PER_DAY", "5000.00");
        assertThat(lowered.statusCode()).isEqualTo(200);
        assertThat(lowered.jsonPath().getString("limit")).isEqualTo("5000.00");
        assertThat(lowered.jsonPath().getBoolean("overridden")).isTrue();
        assertThat(lowered.header("ETag")).isEqualTo("\"1\"");
        // a raise waits
        Response asked = put(first, account, "EXTERNAL_TRANSFERS_PER_DAY", "20000.00");
        assertThat(asked.statusCode()).isEqualTo(202);
        assertThat(asked.jsonPath().getString("limit")).isEqualTo("5000.00");
        assertThat(asked.jsonPath().getString("pendingLimit")).isEqualTo("20000.00");
        assertThat(asked.jsonPath().getString("pendingBy")).isEqualTo("supervisor-" + unit);
        // the one who asked cannot confirm it
        Response own = put(first, account, "EXTERNAL_TRANSFERS_PER_DAY", "20000.00");
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(own.jsonPath().getString("code")).isEqualTo("FOUR_EYES_VIOLATION");
        // another supervisor does
        Response confirmed = put(second, account, "EXTERNAL_TRANSFERS_PER_DAY", "20000.00");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.jsonPath().getString("limit")).isEqualTo("20000.00");
        assertThat(confirmed.jsonPath().getString("pendingLimit")).isNull();

        // If-Match: required, and current; an agent may not; a bad value is 400
        Api.as(first).body(Map.of("limit", "1.00")).put("/accounts/{id}/limits/{limitId}", account, "EXTERNAL_TRANSFERS_PER_DAY")
                .then().statusCode(428);
        Api.as(first).header("If-Match", "\"1\"").body(Map.of("limit", "1.00"))
                .put("/accounts/{id}/limits/{limitId}", account, "EXTERNAL_TRANSFERS_PER_DAY").then().statusCode(412);
        Api.as(Tokens.agent(unit)).header("If-Match", etag(account, "EXTERNAL_TRANSFERS_PER_DAY")).body(Map.of("limit", "1.00"))
                .put("/accounts/{id}/limits/{limitId}", account, "EXTERNAL_TRANSFERS_PER_DAY").then().statusCode(403);
        assertThat(put(first, account, "DEBIT_COUNT_PER_DAY", "2.5").statusCode()).isEqualTo(400);
        assertThat(limit(account, "EXTERNAL_TRANSFERS_PER_DAY").getString("limit")).isEqualTo("20000.00");

        // evented and audited
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("select (select count(*) from event where resource_id = ? and type = "
                     + "'account.limit-changed'), (select count(*) from event where resource_id = ? and type = "
                     + "'account.limit-raise-requested'), (select count(*) from audit_record where resource_id = ? "
                     + "and action like 'PUT%')")) {
            s.setString(1, account);
            s.setString(2, account);
            s.setString(3, account);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(2);
                assertThat(r.getLong(2)).isEqualTo(1);
                assertThat(r.getLong(3)).isGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void a_deny_limit_refuses_what_exceeds_it_and_books_nothing() throws Exception {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "3000.00");
        set(unit, from, "DEBITS_PER_DAY", "1500.00");
        assertThat(submit(Tokens.frontOffice(), Ledgers.transfer(from, to, "1000.00")).getString("status")).isEqualTo("EXECUTED");
        long before = operations(from);
        assertLimitExceeded(post(Ledgers.transfer(from, to, "600.00")), "DEBITS_PER_DAY");
        assertThat(operations(from)).isEqualTo(before);
        assertThat(Ledgers.balance(from)).isEqualTo("2000.00");
        // exactly up to it passes
        assertThat(submit(Tokens.frontOffice(), Ledgers.transfer(from, to, "500.00")).getString("status")).isEqualTo("EXECUTED");
        assertThat(limit(from, "DEBITS_PER_DAY").getString("remaining")).isEqualTo("0.00");
        // an amount per operation
        set(unit, to, "DEBIT_PER_OPERATION", "100.00");
        assertLimitExceeded(post(Ledgers.transfer(to, from, "100.01")), "DEBIT_PER_OPERATION");
    }

    @Test
    void a_review_limit_sends_the_operation_to_four_eyes_and_it_executes_once_validated_and_approved() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "1000.00");
        set(unit, from, "DEBIT_COUNT_PER_DAY", "2");
        submit(Tokens.frontOffice(), Ledgers.transfer(from, to, "10.00"));
        submit(Tokens.frontOffice(), Ledgers.transfer(from, to, "10.00"));
        JsonPath third = submit(Tokens.frontOffice(), Ledgers.transfer(from, to, "10.00"));
        assertThat(third.getString("status")).isEqualTo("RECEIVED");
        assertThat(third.getBoolean("requiresApproval")).isTrue();
        assertThat(third.getString("history[0].reason")).contains("DEBIT_COUNT_PER_DAY");
        assertThat(Ledgers.account(from).getString("heldAmount")).isEqualTo("10.00");
        String id = third.getString("id");
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200)
                .body(at("status", equalTo("PENDING_APPROVAL")));
        Api.as(Tokens.supervisor(unit)).post("/operations/{id}/approve", id).then().statusCode(200)
                .body(at("status", equalTo("EXECUTED")));
        assertThat(Ledgers.balance(from)).isEqualTo("970.00");
        assertThat(limit(from, "DEBIT_COUNT_PER_DAY").getString("used")).isEqualTo("3");
    }

    @Test
    void the_day_and_the_month_are_those_of_the_bank_s_time_zone() {
        // the last second of a month in Paris, then its first of the next (22:00 or 23:00 UTC the day before)
        LocalDate first = LocalDate.now(PARIS).withDayOfMonth(1).minusMonths(2);
        LocalDate last = first.minusDays(1);
        ExternalDailyLimitTest.MovableTime time = new ExternalDailyLimitTest.MovableTime(
                last.atTime(23, 59, 59).atZone(PARIS).toInstant());
        QuarkusMock.installMockForType(time, TimeSource.class);
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "5000.00");
        set(unit, from, "DEBITS_PER_DAY", "1000.00");
        set(unit, from, "DEBITS_PER_MONTH", "1500.00");
        assertThat(submit(Tokens.frontOffice(), Ledgers.transfer(from, to, "1000.00")).getString("status")).isEqualTo("EXECUTED");
        assertLimitExceeded(post(Ledgers.transfer(from, to, "1.00")), "DEBITS_PER_DAY");
        // a new day and a new month at midnight in Paris
        time.at(first.atTime(LocalTime.MIDNIGHT).atZone(PARIS).toInstant());
        assertThat(submit(Tokens.frontOffice(), Ledgers.transfer(from, to, "1000.00")).getString("status")).isEqualTo("EXECUTED");
        // the next day: a new day, the same month
        time.at(first.plusDays(1).atTime(12, 0).atZone(PARIS).toInstant());
        assertThat(submit(Tokens.frontOffice(), Ledgers.transfer(from, to, "500.00")).getString("status")).isEqualTo("EXECUTED");
        assertLimitExceeded(post(Ledgers.transfer(from, to, "0.01")), "DEBITS_PER_MONTH");
        JsonPath month = limit(from, "DEBITS_PER_MONTH");
        assertThat(month.getString("used")).isEqualTo("1500.00");
        assertThat(limit(from, "DEBITS_PER_DAY").getString("used")).isEqualTo("500.00");
    }

    private static Map<String, Object> item(String key, Map<String, Object> operation) {
        Map<String, Object> item = new HashMap<>(operation);
        item.put("key", key);
        return item;
    }

    private static JsonPath batch(String mode, String from, String to) {
        String k = UUID.randomUUID().toString();
        List<Map<String, Object>> operations = List.of(item(k + "-1", Ledgers.transfer(from, to, "1000.00")),
                item(k + "-2", Ledgers.transfer(from, to, "1000.00")), item(k + "-3", Ledgers.transfer(from, to, "1000.00")));
        return Api.as(Tokens.frontOffice()).header("Idempotency-Key", "batch-" + k)
                .body(Map.of("mode", mode, "operations", operations)).post("/operation-batches").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void a_batch_crossing_a_limit_part_way_refuses_the_rest_independent_or_books_none_atomic() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "5000.00");
        set(unit, from, "DEBITS_PER_DAY", "2500.00");
        JsonPath independent = batch("INDEPENDENT", from, to);
        assertThat(independent.getList("results.status")).containsExactly("CREATED", "CREATED", "REFUSED");
        assertThat(independent.getString("results[2].problem.code")).isEqualTo("LIMIT_EXCEEDED");
        assertThat(Ledgers.balance(from)).isEqualTo("3000.00");

        String other = Fixtures.currentAccount(unit);
        Ledgers.fund(other, "5000.00");
        set(unit, other, "DEBITS_PER_DAY", "2500.00");
        JsonPath atomic = batch("ATOMIC", other, to);
        assertThat(atomic.getString("status")).isEqualTo("REFUSED");
        assertThat(atomic.getList("results.status")).containsExactly("NOT_BOOKED", "NOT_BOOKED", "REFUSED");
        assertThat(atomic.getString("results[2].problem.code")).isEqualTo("LIMIT_EXCEEDED");
        assertThat(Ledgers.balance(other)).isEqualTo("5000.00");

        // a REVIEW limit crossed part-way: the rest waits for four eyes
        String third = Fixtures.currentAccount(unit);
        Ledgers.fund(third, "5000.00");
        set(unit, third, "DEBIT_COUNT_PER_DAY", "1");
        JsonPath reviewed = batch("INDEPENDENT", third, to);
        assertThat(reviewed.getList("results.status")).containsExactly("CREATED", "CREATED", "CREATED");
        assertThat(reviewed.getList("results.operation.status")).containsExactly("EXECUTED", "RECEIVED", "RECEIVED");
        assertThat(reviewed.getList("results.operation.requiresApproval")).containsExactly(false, true, true);
    }

    @Test
    void concurrent_submissions_that_together_exceed_a_daily_limit_never_both_execute() throws Exception {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "10000.00");
        set(unit, from, "DEBITS_PER_DAY", "1000.00");
        int clients = 6;
        String token = Tokens.frontOffice();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/operations");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Ledgers.transfer(from, to, "600.00"));
            for (int i = 0; i < clients; i++) {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            int executed = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response.statusCode() == 201) {
                    executed++;
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
                    assertThat(JsonPath.from(response.body()).getString("code")).isEqualTo("LIMIT_EXCEEDED");
                }
            }
            assertThat(executed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Ledgers.balance(from)).isEqualTo("9400.00");
    }

    @Test
    void a_customer_limit_counts_every_account_of_the_customer() {
        String unit = Fixtures.unit();
        String customer = Fixtures.newCustomerId();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            accounts.add(Api.as(Tokens.frontOffice())
                    .body(Map.of("holder", Map.of("name", "Holder " + customer, "customerId", customer),
                            "type", "CURRENT", "currency", "EUR", "unit", unit))
                    .post("/accounts").then().statusCode(201).extract().path("id"));
        }
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(accounts.get(0), "2000.00");
        Ledgers.fund(accounts.get(1), "2000.00");
        set(unit, accounts.get(0), "CUSTOMER_DEBITS_PER_MONTH", "1500.00");
        assertThat(limit(accounts.get(1), "CUSTOMER_DEBITS_PER_MONTH").getString("limit")).isEqualTo("1500.00");
        assertThat(submit(Tokens.frontOffice(), Ledgers.transfer(accounts.get(0), to, "1000.00")).getString("status"))
                .isEqualTo("EXECUTED");
        assertLimitExceeded(post(Ledgers.transfer(accounts.get(1), to, "600.00")), "CUSTOMER_DEBITS_PER_MONTH");
        assertThat(limit(accounts.get(1), "CUSTOMER_DEBITS_PER_MONTH").getString("used")).isEqualTo("1000.00");
    }

    @Test
    void a_scheduled_debit_over_a_deny_limit_on_its_date_is_rejected_by_the_scheduler_and_releases_its_hold()
            throws Throwable {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "1000.00");
        LocalDate later = LocalDate.now(PARIS).plusDays(20);
        List<String> ids = new ArrayList<>();
        for (String amount : List.of("300.00", "50.00")) {
            Map<String, Object> request = Ledgers.transfer(from, to, amount);
            request.put("requestedExecutionDate", later.toString());
            String id = submit(Tokens.frontOffice(), request).getString("id");
            Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200)
                    .body(at("status", equalTo("SCHEDULED")));
            ids.add(id);
        }
        assertThat(Ledgers.account(from).getString("availableBalance")).isEqualTo("650.00");
        // lowered after they were submitted: on their date, the 300.00 is over it, the 50.00 is not
        set(unit, from, "DEBIT_PER_OPERATION", "100.00");
        QuarkusMock.installMockForType(new OperationLifecycleApiTest.FixedTime(BusinessCalendar.onOrAfter(later)),
                TimeSource.class);
        VertxContextSupport.subscribeAndAwait(() -> scheduler.runDue());

        JsonPath rejected = Api.as(Tokens.admin()).get("/operations/{id}", ids.get(0)).then().statusCode(200)
                .extract().jsonPath();
        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.getString("reasonCode")).isEqualTo("LIMIT_EXCEEDED");
        assertThat(rejected.getString("history[-1].reason")).contains("DEBIT_PER_OPERATION");
        assertThat(rejected.getString("history[-1].actor")).isEqualTo("system:scheduler");
        Api.as(Tokens.admin()).get("/operations/{id}", ids.get(1)).then().body(at("status", equalTo("EXECUTED")));
        assertThat(Ledgers.balance(from)).isEqualTo("950.00");
        assertThat(Ledgers.account(from).getString("availableBalance")).isEqualTo("950.00");
    }
}
