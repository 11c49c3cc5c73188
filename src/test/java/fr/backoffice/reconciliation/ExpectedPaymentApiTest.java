package fr.backoffice.reconciliation;

import com.sun.net.httpserver.HttpServer;
import fr.backoffice.common.security.Roles;
import fr.backoffice.reconciliation.Day.Credit;
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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a customer account expects to receive (docs/reconciliation.md "Expected payments"): registered, matched by the
 * credit that arrives, or overdue; both events reach a front office's webhook.
 */
@QuarkusTest
class ExpectedPaymentApiTest {

    private static final String ACME = "DE89370400440532013000";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Paris"));

    @Inject
    AgroalDataSource database;

    /**
     * An invoice is paid by an incoming SEPA credit naming it, a range is paid by an internal transfer from the named
     * payer, one expectation is overdue: each event arrives at the front office's webhook.
     */
    @Test
    void an_expected_payment_is_matched_by_the_credit_that_arrives_another_is_overdue_and_a_webhook_hears_both() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String app = Tokens.token("ar-app-" + UUID.randomUUID().toString().substring(0, 8), null, Roles.FRONT_OFFICE);
            Api.as(app).body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
                            "eventTypes", List.of("expected-payment.matched", "expected-payment.overdue"), "description", "AR"))
                    .post("/webhook-endpoints").then().statusCode(201);
            Day day = new Day();
            String invoice = "INV-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> exact = new HashMap<>(Map.of("accountId", day.customerId, "amount", "250.00", "currency", "EUR",
                    "reference", invoice, "counterparty", Map.of("iban", ACME), "from", TODAY.toString(),
                    "to", TODAY.plusDays(10).toString()));
            String key = UUID.randomUUID().toString();
            JsonPath registered = register(app, key, exact).then().statusCode(201).extract().jsonPath();
            assertThat(registered.getString("status")).isEqualTo("OPEN");
            assertThat(registered.getString("amount")).isEqualTo("250.00");
            String paid = registered.getString("id");
            register(app, key, exact).then().statusCode(201).header("Idempotent-Replayed", "true");
            String payer = Fixtures.account(day.unit, "CURRENT", "EUR", "0.00").getString("id");
            String payerName = Ledgers.account(payer).getString("holder.name");
            String ranged = register(app, UUID.randomUUID().toString(), Map.of("accountId", day.customerId, "range",
                    Map.of("min", "10.00", "max", "20.00"), "currency", "EUR",
                    "counterparty", Map.of("name", payerName.toUpperCase(java.util.Locale.ROOT)),
                    "from", TODAY.toString(), "to", TODAY.toString())).then().statusCode(201).extract().jsonPath().getString("id");
            String late = register(app, UUID.randomUUID().toString(), Map.of("accountId", day.customerId, "amount", "99.00",
                    "currency", "EUR", "from", TODAY.toString(), "to", TODAY.toString())).then().statusCode(201)
                    .extract().jsonPath().getString("id");
            windowPassed(late);

            // a credit of another amount does not match; the one naming the invoice does
            day.incoming(Day.id("STET-E"), List.of(new Credit(invoice, "TE0", "240.00", "Acme GmbH", ACME),
                    new Credit(invoice, "TE1", "250.00", "Acme GmbH", ACME)));
            Ledgers.fund(payer, "100.00");
            Ledgers.submit(Tokens.frontOffice(), Map.of("type", "TRANSFER", "amount", "15.00", "currency", "EUR",
                    "debitAccountId", payer, "creditAccountId", day.customerId));

            await("matched and overdue", () -> "MATCHED".equals(status(paid)) && "MATCHED".equals(status(ranged))
                    && "OVERDUE".equals(status(late)));
            JsonPath matched = Api.as(Tokens.auditor()).get("/expected-payments/{id}", paid).then().statusCode(200).extract().jsonPath();
            JsonPath credit = Api.as(Tokens.admin()).get("/operations/{id}", matched.getString("operationId")).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(credit.getString("type")).isEqualTo("INCOMING_TRANSFER");
            assertThat(credit.getString("amount")).isEqualTo("250.00");
            assertThat(credit.getString("creditAccountId")).isEqualTo(day.customerId);
            assertThat(matched.getString("matchedAt")).isNotNull();

            await("both events at the webhook", () -> received.stream().anyMatch(b -> b.contains("expected-payment.matched")
                    && b.contains(paid)) && received.stream().anyMatch(b -> b.contains("expected-payment.overdue") && b.contains(late)));
            List<Map<String, Object>> listed = Api.as(Tokens.auditor()).queryParam("accountId", day.customerId)
                    .get("/expected-payments").then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(listed).extracting(i -> i.get("id")).contains(paid, ranged, late);
            assertThat(Api.as(Tokens.auditor()).queryParam("accountId", day.customerId).queryParam("status", "OVERDUE")
                    .get("/expected-payments").then().statusCode(200).extract().jsonPath().getList("items.id")).containsExactly(late);
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * A SEPA credit and an internal transfer each match their expected payment as they are booked: MATCHED, with its
     * event in the feed, as soon as the request that booked the credit has answered.
     */
    @Test
    void a_credit_matches_its_expected_payment_on_arrival_and_the_event_is_in_the_feed_when_the_request_returns() {
        Day day = new Day();
        String invoice = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        String bySepa = register(Tokens.frontOffice(), Map.of("accountId", day.customerId, "amount", "310.00", "currency", "EUR",
                "reference", invoice, "from", TODAY.toString(), "to", TODAY.plusDays(5).toString()))
                .then().statusCode(201).extract().jsonPath().getString("id");
        String payer = Fixtures.account(day.unit, "CURRENT", "EUR", "0.00").getString("id");
        Ledgers.fund(payer, "100.00");
        String byTransfer = register(Tokens.frontOffice(), Map.of("accountId", day.customerId, "amount", "17.00",
                "currency", "EUR", "counterparty", Map.of("iban", Ledgers.account(payer).getString("iban")),
                "from", TODAY.toString(), "to", TODAY.toString())).then().statusCode(201).extract().jsonPath().getString("id");

        day.incoming(Day.id("STET-AR"), List.of(new Credit(invoice, "TAR1", "310.00", "Acme GmbH", ACME)));
        // no waiting: the credit's request answered once the match was committed
        JsonPath matched = Api.as(Tokens.auditor()).get("/expected-payments/{id}", bySepa).then().statusCode(200).extract().jsonPath();
        assertThat(matched.getString("status")).isEqualTo("MATCHED");
        JsonPath credit = Api.as(Tokens.admin()).get("/operations/{id}", matched.getString("operationId")).then()
                .statusCode(200).extract().jsonPath();
        assertThat(credit.getString("type")).isEqualTo("INCOMING_TRANSFER");
        assertThat(credit.getString("endToEndId")).isEqualTo(invoice);
        assertThat(matchedEvents(bySepa)).isEqualTo(1);

        JsonPath transfer = Ledgers.submit(Tokens.frontOffice(), Map.of("type", "TRANSFER", "amount", "17.00", "currency", "EUR",
                "debitAccountId", payer, "creditAccountId", day.customerId));
        assertThat(transfer.getString("status")).isEqualTo("EXECUTED");
        JsonPath paid = Api.as(Tokens.auditor()).get("/expected-payments/{id}", byTransfer).then().statusCode(200).extract().jsonPath();
        assertThat(paid.getString("status")).isEqualTo("MATCHED");
        assertThat(paid.getString("operationId")).isEqualTo(transfer.getString("id"));
        assertThat(matchedEvents(byTransfer)).isEqualTo(1);
    }

    /** Two credits that both fit one expected payment, booked at the same time: one matches it, once. */
    @Test
    void two_concurrent_credits_fitting_one_expected_payment_match_it_once() throws Exception {
        Day day = new Day();
        String expected = register(Tokens.frontOffice(), Map.of("accountId", day.customerId, "amount", "23.00",
                "currency", "EUR", "from", TODAY.toString(), "to", TODAY.toString())).then().statusCode(201)
                .extract().jsonPath().getString("id");
        String payer = Fixtures.account(day.unit, "CURRENT", "EUR", "0.00").getString("id");
        Ledgers.fund(payer, "100.00");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            var sepa = pool.submit(() -> {
                start.await();
                day.incoming(Day.id("STET-CC"), List.of(new Credit("NOTPROVIDED", "TCC1", "23.00", "Acme GmbH", ACME)));
                return null;
            });
            var internal = pool.submit(() -> {
                start.await();
                return Ledgers.submit(Tokens.frontOffice(), Map.of("type", "TRANSFER", "amount", "23.00", "currency", "EUR",
                        "debitAccountId", payer, "creditAccountId", day.customerId)).getString("id");
            });
            start.countDown();
            sepa.get(60, java.util.concurrent.TimeUnit.SECONDS);
            String transfer = internal.get(60, java.util.concurrent.TimeUnit.SECONDS);
            JsonPath matched = Api.as(Tokens.auditor()).get("/expected-payments/{id}", expected).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(matched.getString("status")).isEqualTo("MATCHED");
            List<Map<String, Object>> credits = Api.as(Tokens.admin()).get("/accounts/{id}/entries", day.customerId).then()
                    .statusCode(200).extract().jsonPath().getList("items");
            assertThat(credits).extracting(c -> c.get("operationId")).contains(transfer, matched.getString("operationId"));
            assertThat(matchedEvents(expected)).isEqualTo(1);
            // the other credit stays free: no expected payment names it
            assertThat(Api.as(Tokens.auditor()).queryParam("accountId", day.customerId).get("/expected-payments").then()
                    .statusCode(200).extract().jsonPath().getList("items.operationId")).containsExactly(matched.getString("operationId"));
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many expected-payment.matched events of this expected payment the feed holds, read to its end. */
    private static int matchedEvents(String id) {
        int count = 0;
        String after = null;
        while (true) {
            var request = Api.as(Tokens.admin()).queryParam("types", "expected-payment.matched").queryParam("limit", 200);
            JsonPath page = (after == null ? request : request.queryParam("after", after)).get("/events").then().statusCode(200)
                    .extract().jsonPath();
            List<String> found = page.getList("items.resource.id", String.class);
            if (found.isEmpty()) {
                return count;
            }
            count += (int) found.stream().filter(id::equals).count();
            after = page.getString("nextCursor");
        }
    }

    /** Malformed terms, other accounts and roles are refused with problems, and nothing is registered. */
    @Test
    void bad_terms_unknown_accounts_and_other_roles_are_refused() {
        Day day = new Day();
        Map<String, Object> base = Map.of("accountId", day.customerId, "amount", "10.00", "currency", "EUR",
                "from", TODAY.toString(), "to", TODAY.plusDays(1).toString());
        assertProblem(Api.invalidRequestAs(Tokens.frontOffice()).body(base).post("/expected-payments"), 400, "VALIDATION_FAILED");
        assertProblem(register(Tokens.frontOffice(), with(base, "range", Map.of("min", "1.00", "max", "2.00"))), 400, "VALIDATION_FAILED");
        Map<String, Object> range = new HashMap<>(base);
        range.remove("amount");
        assertProblem(register(Tokens.frontOffice(), with(range, "range", Map.of("min", "5.00", "max", "2.00"))), 400, "VALIDATION_FAILED");
        assertProblem(register(Tokens.frontOffice(), with(base, "to", TODAY.minusDays(1).toString())), 400, "VALIDATION_FAILED");
        assertProblem(register(Tokens.frontOffice(), with(base, "counterparty", Map.of("iban", "DE00123"))), 400, "VALIDATION_FAILED");
        assertProblem(register(Tokens.frontOffice(), with(base, "accountId", UUID.randomUUID().toString())), 422, "UNKNOWN_ACCOUNT");
        assertProblem(register(Tokens.frontOffice(), with(base, "accountId", internalAccount(day.unit))), 422, "UNKNOWN_ACCOUNT");
        assertProblem(register(Tokens.frontOffice(), with(base, "currency", "USD")), 422, "CURRENCY_MISMATCH");
        for (String token : List.of(Tokens.agent(day.unit), Tokens.supervisor(day.unit), Tokens.auditor(), Camt.desk())) {
            assertProblem(register(token, base), 403, "FORBIDDEN");
        }
        assertThat(Api.as(Tokens.auditor()).queryParam("accountId", day.customerId).get("/expected-payments").then()
                .statusCode(200).extract().jsonPath().getList("items")).isEmpty();
        assertProblem(Api.as(Tokens.auditor()).get("/expected-payments/{id}", UUID.randomUUID().toString()), 404, "NOT_FOUND");
    }

    private static Response register(String token, String key, Map<String, Object> body) {
        return Api.as(token).header("Idempotency-Key", key).body(body).post("/expected-payments");
    }

    private static Response register(String token, Map<String, Object> body) {
        return register(token, UUID.randomUUID().toString(), body);
    }

    private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> body = new HashMap<>(base);
        body.put(field, value);
        return body;
    }

    /** One of the unit's internal accounts (its cash account, which funding the customer created). */
    private static String internalAccount(String unit) {
        return Api.as(Tokens.admin()).queryParam("unit", unit).queryParam("type", "INTERNAL").get("/accounts").then()
                .statusCode(200).extract().jsonPath().getString("items[0].id");
    }

    private static String status(String id) {
        return Api.as(Tokens.auditor()).get("/expected-payments/{id}", id).then().statusCode(200).extract().jsonPath().getString("status");
    }

    /** The window of days ended yesterday: what a day passing does, without waiting a day. */
    private void windowPassed(String id) throws java.sql.SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update expected_payment set window_from = current_date - 3, window_to = current_date - 2 where id = ?::uuid")) {
            update.setString(1, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
