package fr.backoffice.operation;

import fr.backoffice.operation.service.AuthorizationExpiry;
import fr.backoffice.support.Json;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorizations through HTTP (docs/operations-and-ledger.md "Authorizations"): the available balance at every step,
 * captures booked as executed transfers, voids, over-captures, expiry, replays and races; the ledger verified after.
 */
@QuarkusTest
class AuthorizationsTest {

    private static final String FRONT = Tokens.frontOffice();

    @Inject
    AgroalDataSource database;

    @Inject
    AuthorizationExpiry expiry;

    private record Accounts(String unit, String debit, String credit) {
    }

    private static Accounts funded(String amount) {
        String unit = Fixtures.unit();
        String debit = Fixtures.account(unit, "CURRENT", "EUR", "0.00").getString("id");
        String credit = Fixtures.currentAccount(unit);
        Ledgers.fund(debit, amount);
        return new Accounts(unit, debit, credit);
    }

    private static Map<String, Object> authorization(String debit, String credit, String amount) {
        return new HashMap<>(Map.of("debitAccountId", debit, "creditAccountId", credit, "amount", amount,
                "currency", "EUR", "label", "Hotel booking"));
    }

    private static Response create(Map<String, Object> body, String key) {
        return Api.as(FRONT).header("Idempotency-Key", key).body(body).post("/authorizations").then().extract().response();
    }

    private static JsonPath authorized(Accounts accounts, String amount) {
        return create(authorization(accounts.debit(), accounts.credit(), amount), UUID.randomUUID().toString())
                .then().statusCode(201).extract().jsonPath();
    }

    private static Response capture(String id, String amount, String key) {
        var request = Api.as(FRONT).body(Map.of("amount", amount));
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/authorizations/{id}/capture", id).then().extract().response();
    }

    private static Response voided(String id, String key) {
        var request = Api.as(FRONT);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/authorizations/{id}/void", id).then().extract().response();
    }

    private static void assertBalances(String account, String ledger, String held, String available) {
        JsonPath view = Ledgers.account(account);
        assertThat(view.getString("ledgerBalance")).as("ledger balance").isEqualTo(ledger);
        assertThat(view.getString("heldAmount")).as("held amount").isEqualTo(held);
        assertThat(view.getString("availableBalance")).as("available balance").isEqualTo(available);
    }

    @Test
    void an_authorization_holds_its_amount_the_available_balance_drops_and_the_ledger_balance_does_not() {
        Accounts accounts = funded("500.00");
        JsonPath a = authorized(accounts, "120.00");
        assertThat(a.getString("status")).isEqualTo("AUTHORIZED");
        assertThat(a.getString("amount")).isEqualTo("120.00");
        assertThat(a.getString("capturedAmount")).isEqualTo("0.00");
        assertThat(a.getString("remainingAmount")).isEqualTo("120.00");
        assertThat(a.getString("captureLimit")).isEqualTo("120.00");
        assertThat(a.getList("captures")).isEmpty();
        assertThat(Instant.parse(a.getString("expiresAt"))).isCloseTo(Instant.now().plus(7, ChronoUnit.DAYS),
                org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertBalances(accounts.debit(), "500.00", "120.00", "380.00");
        assertBalances(accounts.credit(), "0.00", "0.00", "0.00");

        String id = a.getString("id");
        assertThat(Api.as(Tokens.agent(accounts.unit())).get("/authorizations/{id}", id).then().statusCode(200)
                .extract().jsonPath().getString("remainingAmount")).isEqualTo("120.00");
        Api.as(Tokens.agent(Fixtures.unit())).get("/authorizations/{id}", id).then().statusCode(404);
        assertThat(Api.as(Tokens.auditor()).queryParam("accountId", accounts.debit()).get("/authorizations")
                .then().statusCode(200).extract().jsonPath().getList("items.id")).containsExactly(id);
        // never a booked entry
        assertThat(Api.as(Tokens.admin()).get("/accounts/{id}/entries", accounts.debit()).then().statusCode(200)
                .extract().jsonPath().getList("items")).hasSize(1);
        assertThat(events(id, "authorization.created")).isEqualTo(1);
        assertLedgerVerified();
    }

    @Test
    void partial_captures_book_executed_transfers_until_the_amount_is_captured() {
        Accounts accounts = funded("500.00");
        String id = authorized(accounts, "100.00").getString("id");

        JsonPath first = capture(id, "30.00", null).then().statusCode(200).extract().jsonPath();
        assertThat(first.getString("status")).isEqualTo("AUTHORIZED");
        assertThat(first.getString("capturedAmount")).isEqualTo("30.00");
        assertThat(first.getString("remainingAmount")).isEqualTo("70.00");
        assertThat(first.getList("captures")).hasSize(1);
        assertBalances(accounts.debit(), "470.00", "70.00", "400.00");
        assertBalances(accounts.credit(), "30.00", "0.00", "30.00");
        String operation = first.getString("captures[0].operationId");
        JsonPath booked = Api.as(FRONT).get("/operations/{id}", operation).then().statusCode(200).extract().jsonPath();
        assertThat(booked.getString("status")).isEqualTo("EXECUTED");
        assertThat(booked.getString("type")).isEqualTo("TRANSFER");
        assertThat(booked.getString("amount")).isEqualTo("30.00");
        assertThat(booked.getString("debitAccountId")).isEqualTo(accounts.debit());
        assertThat(booked.getString("creditAccountId")).isEqualTo(accounts.credit());

        JsonPath second = capture(id, "50.00", null).then().statusCode(200).extract().jsonPath();
        assertThat(second.getString("remainingAmount")).isEqualTo("20.00");
        assertBalances(accounts.debit(), "420.00", "20.00", "400.00");

        JsonPath last = capture(id, "20.00", null).then().statusCode(200).extract().jsonPath();
        assertThat(last.getString("status")).isEqualTo("CAPTURED");
        assertThat(last.getString("remainingAmount")).isEqualTo("0.00");
        assertThat(last.getString("closedAt")).isNotNull();
        assertThat(last.getList("captures.amount")).containsExactly("30.00", "50.00", "20.00");
        assertBalances(accounts.debit(), "400.00", "0.00", "400.00");
        assertBalances(accounts.credit(), "100.00", "0.00", "100.00");
        assertThat(events(id, "authorization.captured")).isEqualTo(3);

        JsonPath problem = assertProblem(capture(id, "1.00", null), 409, "INVALID_TRANSITION");
        assertThat(problem.getString("detail")).contains("CAPTURED");
        assertProblem(voided(id, null), 409, "INVALID_TRANSITION");
        assertLedgerVerified();
    }

    @Test
    void a_void_releases_what_remains_and_a_capture_after_it_is_409_with_the_state() {
        Accounts accounts = funded("300.00");
        String id = authorized(accounts, "200.00").getString("id");
        capture(id, "50.00", null).then().statusCode(200);
        JsonPath v = voided(id, null).then().statusCode(200).extract().jsonPath();
        assertThat(v.getString("status")).isEqualTo("VOIDED");
        assertThat(v.getString("capturedAmount")).isEqualTo("50.00");
        assertThat(v.getString("remainingAmount")).isEqualTo("0.00");
        assertBalances(accounts.debit(), "250.00", "0.00", "250.00");

        JsonPath problem = assertProblem(capture(id, "10.00", null), 409, "INVALID_TRANSITION");
        assertThat(problem.getString("detail")).contains("VOIDED");
        assertProblem(voided(id, null), 409, "INVALID_TRANSITION");
        assertBalances(accounts.debit(), "250.00", "0.00", "250.00");
        assertThat(events(id, "authorization.voided")).isEqualTo(1);
        assertLedgerVerified();
    }

    @Test
    void an_over_capture_is_refused_and_books_nothing() {
        Accounts accounts = funded("300.00");
        String id = authorized(accounts, "100.00").getString("id");
        capture(id, "60.00", null).then().statusCode(200);
        assertProblem(capture(id, "40.01", null), 422, "CAPTURE_EXCEEDS_AUTHORIZATION");
        assertBalances(accounts.debit(), "240.00", "40.00", "200.00");
        JsonPath now = Api.as(FRONT).get("/authorizations/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(now.getList("captures")).hasSize(1);
        assertThat(now.getString("capturedAmount")).isEqualTo("60.00");
        assertThat(Api.as(Tokens.admin()).queryParam("accountId", accounts.debit()).get("/operations")
                .then().statusCode(200).extract().jsonPath().getList("items")).hasSize(2);
        assertLedgerVerified();
    }

    @Test
    void an_authorization_the_available_balance_cannot_afford_is_refused_and_holds_nothing() {
        Accounts accounts = funded("100.00");
        authorized(accounts, "80.00");
        assertProblem(create(authorization(accounts.debit(), accounts.credit(), "20.01"), UUID.randomUUID().toString()),
                422, "INSUFFICIENT_FUNDS");
        assertBalances(accounts.debit(), "100.00", "80.00", "20.00");
        // a transfer cannot spend what is authorized either
        assertProblem(Api.as(FRONT).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Ledgers.transfer(accounts.debit(), accounts.credit(), "20.01")).post("/operations")
                .then().extract().response(), 422, "INSUFFICIENT_FUNDS");
        assertThat(Api.as(FRONT).queryParam("accountId", accounts.debit()).get("/authorizations")
                .then().statusCode(200).extract().jsonPath().getList("items")).hasSize(1);
        assertLedgerVerified();
    }

    @Test
    void bad_requests_are_clear_problems_and_create_nothing() {
        Accounts accounts = funded("2000.00");
        assertProblem(create(authorization(accounts.debit(), accounts.credit(), "1000.01"), UUID.randomUUID().toString()),
                422, "AMOUNT_ABOVE_STRAIGHT_THROUGH");
        Map<String, Object> past = authorization(accounts.debit(), accounts.credit(), "10.00");
        past.put("expiresAt", Instant.now().minusSeconds(60).toString());
        assertProblem(create(past, UUID.randomUUID().toString()), 400, "VALIDATION_FAILED");
        Map<String, Object> far = authorization(accounts.debit(), accounts.credit(), "10.00");
        far.put("expiresAt", Instant.now().plus(31, ChronoUnit.DAYS).toString());
        assertProblem(create(far, UUID.randomUUID().toString()), 400, "VALIDATION_FAILED");
        assertProblem(create(authorization(accounts.debit(), accounts.debit(), "10.00"), UUID.randomUUID().toString()),
                422, "SAME_ACCOUNT");
        assertProblem(create(authorization(accounts.debit(), UUID.randomUUID().toString(), "10.00"),
                UUID.randomUUID().toString()), 422, "UNKNOWN_ACCOUNT");
        assertProblem(Api.invalidRequestAs(FRONT).body(authorization(accounts.debit(), accounts.credit(), "10.00"))
                .post("/authorizations").then().extract().response(), 400, "VALIDATION_FAILED");
        assertProblem(Api.as(Tokens.agent(accounts.unit())).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(authorization(accounts.debit(), accounts.credit(), "10.00")).post("/authorizations")
                .then().extract().response(), 403, "FORBIDDEN");
        assertProblem(capture(UUID.randomUUID().toString(), "1.00", null), 404, "NOT_FOUND");
        assertProblem(voided("not-an-id", null), 404, "NOT_FOUND");
        assertBalances(accounts.debit(), "2000.00", "0.00", "2000.00");
        String id = authorized(accounts, "10.00").getString("id");
        assertProblem(Api.invalidRequestAs(FRONT).body(Map.of("amount", "1.001")).post("/authorizations/{id}/capture", id)
                .then().extract().response(), 400, "VALIDATION_FAILED");
    }

    @Test
    void retries_with_the_same_key_replay_the_first_answer_and_change_nothing_twice() {
        Accounts accounts = funded("500.00");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = authorization(accounts.debit(), accounts.credit(), "100.00");
        JsonPath first = create(body, key).then().statusCode(201).extract().jsonPath();
        Response again = create(body, key);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.jsonPath().getString("id")).isEqualTo(first.getString("id"));
        assertProblem(create(authorization(accounts.debit(), accounts.credit(), "99.00"), key), 422, "IDEMPOTENCY_KEY_REUSED");
        assertBalances(accounts.debit(), "500.00", "100.00", "400.00");

        String id = first.getString("id");
        String captureKey = UUID.randomUUID().toString();
        JsonPath captured = capture(id, "40.00", captureKey).then().statusCode(200).extract().jsonPath();
        Response replayed = capture(id, "40.00", captureKey);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.jsonPath().getList("captures.operationId")).isEqualTo(captured.getList("captures.operationId"));
        assertBalances(accounts.debit(), "460.00", "60.00", "400.00");

        String voidKey = UUID.randomUUID().toString();
        voided(id, voidKey).then().statusCode(200);
        Response voidReplayed = voided(id, voidKey);
        assertThat(voidReplayed.statusCode()).isEqualTo(200);
        assertThat(voidReplayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(voidReplayed.jsonPath().getString("status")).isEqualTo("VOIDED");
        // the capture's retry after the void still replays its own answer
        assertThat(capture(id, "40.00", captureKey).statusCode()).isEqualTo(200);
        assertBalances(accounts.debit(), "460.00", "0.00", "460.00");
        assertThat(events(id, "authorization.captured")).isEqualTo(1);
        assertThat(events(id, "authorization.voided")).isEqualTo(1);
        assertLedgerVerified();
    }

    @Test
    void a_capture_and_a_void_at_the_same_instant_have_exactly_one_outcome() throws Exception {
        Accounts accounts = funded("1000.00");
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                String id = authorized(accounts, "50.00").getString("id");
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<Response> capture = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return capture(id, "50.00", null);
                }, clients);
                CompletableFuture<Response> voiding = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return voided(id, null);
                }, clients);
                start.countDown();
                int captured = capture.get().statusCode();
                int voidedStatus = voiding.get().statusCode();
                assertThat(List.of(captured, voidedStatus)).as("round " + round).containsExactlyInAnyOrder(200, 409);
                String status = Api.as(FRONT).get("/authorizations/{id}", id).then().statusCode(200).extract()
                        .jsonPath().getString("status");
                assertThat(status).isEqualTo(captured == 200 ? "CAPTURED" : "VOIDED");
            }
        } finally {
            clients.shutdownNow();
        }
        JsonPath debit = Ledgers.account(accounts.debit());
        assertThat(debit.getString("heldAmount")).isEqualTo("0.00");
        assertThat(new java.math.BigDecimal(debit.getString("ledgerBalance"))
                .add(new java.math.BigDecimal(Ledgers.account(accounts.credit()).getString("ledgerBalance"))))
                .isEqualByComparingTo("1000.00");
        assertLedgerVerified();
    }

    @Test
    void the_expiry_voids_an_authorization_exactly_once_even_run_twice_at_once() throws Exception {
        Accounts accounts = funded("500.00");
        String id = authorized(accounts, "100.00").getString("id");
        capture(id, "30.00", null).then().statusCode(200);
        pastItsExpiry(id);
        assertProblem(capture(id, "10.00", null), 409, "AUTHORIZATION_EXPIRED");
        assertProblem(voided(id, null), 409, "AUTHORIZATION_EXPIRED");

        ExecutorService runs = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return expiry.expireDue().await().indefinitely();
                }, runs));
            }
            start.countDown();
            for (CompletableFuture<Integer> run : both) {
                run.get();
            }
        } finally {
            runs.shutdownNow();
        }
        expiry.expireDue().await().indefinitely();

        JsonPath expired = Api.as(FRONT).get("/authorizations/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(expired.getString("status")).isEqualTo("EXPIRED");
        assertThat(expired.getString("capturedAmount")).isEqualTo("30.00");
        assertThat(expired.getString("remainingAmount")).isEqualTo("0.00");
        assertThat(events(id, "authorization.expired")).isEqualTo(1);
        assertBalances(accounts.debit(), "470.00", "0.00", "470.00");
        assertProblem(capture(id, "10.00", null), 409, "INVALID_TRANSITION");
        assertLedgerVerified();
    }

    @Test
    void a_capture_a_void_and_the_expiry_at_the_same_instant_close_it_exactly_once() throws Exception {
        Accounts accounts = funded("1000.00");
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 4; round++) {
                String id = authorized(accounts, "40.00").getString("id");
                expiringSoon(id, 100 + 50 * round);
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<Response> capture = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return capture(id, "40.00", null);
                }, clients);
                CompletableFuture<Response> voiding = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return voided(id, null);
                }, clients);
                CompletableFuture<Integer> expiring = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    sleep(100);
                    return expiry.expireDue().await().indefinitely();
                }, clients);
                start.countDown();
                List<Integer> answers = List.of(capture.get().statusCode(), voiding.get().statusCode());
                expiring.get();
                sleep(300);
                expiry.expireDue().await().indefinitely();
                assertThat(answers).as("round " + round).allMatch(status -> status == 200 || status == 409);
                String status = Api.as(FRONT).get("/authorizations/{id}", id).then().statusCode(200).extract()
                        .jsonPath().getString("status");
                int closings = events(id, "authorization.captured") + events(id, "authorization.voided")
                        + events(id, "authorization.expired");
                assertThat(closings).as("round " + round + ": " + answers + " " + status).isEqualTo(1);
                assertThat(answers.stream().filter(code -> code == 200).count() + ("EXPIRED".equals(status) ? 1 : 0))
                        .as("round " + round).isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(Ledgers.account(accounts.debit()).getString("heldAmount")).isEqualTo("0.00");
        assertLedgerVerified();
    }

    /** Moves the authorization's expiry to {@code millis} from now. */
    private void expiringSoon(String id, int millis) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement sql = connection.prepareStatement(
                "update payment_authorization set expires_at = now() + ? * interval '1 millisecond' where id = ?::uuid")) {
            sql.setInt(1, millis);
            sql.setString(2, id);
            assertThat(sql.executeUpdate()).isEqualTo(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    @Test
    void its_events_are_in_the_feed_for_front_office_applications_and_auditors() throws InterruptedException {
        Accounts accounts = funded("200.00");
        String id = authorized(accounts, "20.00").getString("id");
        capture(id, "5.00", null).then().statusCode(200);
        voided(id, null).then().statusCode(200);
        for (String reader : List.of(FRONT, Tokens.auditor())) {
            // the feed shows an event once every transaction older than it has ended, in the whole database
            long deadline = System.currentTimeMillis() + 20_000;
            List<String> types = feedTypesOf(reader, id);
            while (types.size() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                types = feedTypesOf(reader, id);
            }
            assertThat(types).containsExactly("authorization.created", "authorization.captured", "authorization.voided");
        }
    }

    /** The types of the feed's events about this authorization, in feed order. */
    private static List<String> feedTypesOf(String reader, String id) {
        List<String> types = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            var request = Api.as(reader).queryParam("types", "authorization.created,authorization.captured,"
                    + "authorization.voided,authorization.expired").queryParam("limit", 200);
            if (after != null) {
                request = request.queryParam("after", after);
            }
            Json.Page feed = Json.page(request.get("/events").then().statusCode(200).extract().response());
            List<Map<String, Object>> items = feed.items();
            for (Map<String, Object> event : items) {
                if (id.equals(((Map<?, ?>) event.get("resource")).get("id"))) {
                    types.add((String) event.get("type"));
                }
            }
            if (items.isEmpty()) {
                break;
            }
            after = feed.nextCursor();
        }
        return types;
    }

    @Test
    void a_capture_to_another_bank_is_an_executed_external_transfer() {
        Accounts accounts = funded("300.00");
        Map<String, Object> body = new HashMap<>(Map.of("debitAccountId", accounts.debit(), "amount", "50.00",
                "currency", "EUR", "creditor", Map.of("name", "Dupont SARL", "iban", Fixtures.externalIban())));
        JsonPath a = create(body, UUID.randomUUID().toString()).then().statusCode(201).extract().jsonPath();
        assertThat(a.getString("creditor.bic")).isNotNull();
        JsonPath captured = capture(a.getString("id"), "50.00", null).then().statusCode(200).extract().jsonPath();
        assertThat(captured.getString("status")).isEqualTo("CAPTURED");
        JsonPath transfer = Api.as(FRONT).get("/operations/{id}", captured.getString("captures[0].operationId"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(transfer.getString("status")).isEqualTo("EXECUTED");
        assertThat(transfer.getString("creditor.iban")).isEqualTo(a.getString("creditor.iban"));
        assertBalances(accounts.debit(), "250.00", "0.00", "250.00");
        assertLedgerVerified();
    }

    @Test
    void a_capture_the_accounts_refuse_books_nothing_and_keeps_the_reservation() {
        Accounts accounts = funded("300.00");
        String id = authorized(accounts, "100.00").getString("id");
        JsonPath credit = Ledgers.account(accounts.credit());
        Api.as(Tokens.agent(accounts.unit())).header("If-Match", "\"" + credit.getLong("version") + "\"")
                .body(Map.of("reason", "Investigation")).post("/accounts/{id}/freeze", accounts.credit())
                .then().statusCode(200);
        JsonPath problem = assertProblem(capture(id, "40.00", null), 422, "ACCOUNT_FROZEN");
        assertThat(problem.getString("detail")).contains("creditAccountId");
        JsonPath still = Api.as(FRONT).get("/authorizations/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(still.getString("remainingAmount")).isEqualTo("100.00");
        assertThat(still.getList("captures")).isEmpty();
        assertBalances(accounts.debit(), "300.00", "100.00", "200.00");
        voided(id, null).then().statusCode(200);
        assertBalances(accounts.debit(), "300.00", "0.00", "300.00");
        assertLedgerVerified();
    }

    private void pastItsExpiry(String id) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement sql = connection.prepareStatement(
                "update payment_authorization set created_at = created_at - interval '2 hours', "
                        + "expires_at = now() - interval '1 second' where id = ?::uuid")) {
            sql.setString(1, id);
            assertThat(sql.executeUpdate()).isEqualTo(1);
        }
    }

    private int events(String resourceId, String type) {
        try (Connection connection = database.getConnection(); PreparedStatement sql = connection.prepareStatement(
                "select count(*) from event where resource_type = 'authorization' and resource_id = ? and type = ?")) {
            sql.setString(1, resourceId);
            sql.setString(2, type);
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private void assertLedgerVerified() {
        assertThat(Api.as(Tokens.auditor()).get("/ledger/verify").then().statusCode(200).extract().jsonPath()
                .getBoolean("verified")).isTrue();
        try (Connection connection = database.getConnection(); PreparedStatement sql = connection.prepareStatement(
                "select count(*) from (select currency from account group by currency having sum(ledger_balance) <> 0) u");
             ResultSet rows = sql.executeQuery()) {
            rows.next();
            assertThat(rows.getInt(1)).as("trial balance").isZero();
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
