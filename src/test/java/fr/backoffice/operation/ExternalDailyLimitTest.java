package fr.backoffice.operation;

import fr.backoffice.common.time.TimeSource;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * The daily total of transfers to other banks per debit account (backoffice.limits.external-transfers-per-day,
 * 10000.00 by default and in tests): a transfer that would take the day's total above it waits for four eyes, an
 * agent's validation then a supervisor's approval, however small it is (docs/operations-and-ledger.md
 * "Operations and the ledger").
 */
@QuarkusTest
class ExternalDailyLimitTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static JsonPath external(String from, String amount) {
        return submit(Tokens.frontOffice(), Ledgers.externalTransfer(from, amount));
    }

    private static void assertExecuted(JsonPath op) {
        assertThat(op.getString("status")).as(op.prettify()).isEqualTo("EXECUTED");
    }

    private static void assertWaitsForFourEyes(JsonPath op) {
        assertThat(op.getString("status")).as(op.prettify()).isEqualTo("RECEIVED");
        assertThat(op.getBoolean("requiresApproval")).as(op.prettify()).isTrue();
    }

    @Test
    void transfers_to_other_banks_split_under_the_thresholds_need_four_eyes_past_the_daily_total() {
        // the finding: 10 x 1000.00 stays under the approval threshold, each straight through
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "12000.00");
        for (int i = 0; i < 10; i++) {
            assertExecuted(external(from, "1000.00"));
        }
        // 10000.00 is the total allowed: one cent more is above it
        JsonPath over = external(from, "1000.00");
        assertWaitsForFourEyes(over);
        assertWaitsForFourEyes(external(from, "0.01"));
        JsonPath account = Ledgers.account(from);
        assertThat(account.getString("ledgerBalance")).isEqualTo("2000.00");
        assertThat(account.getString("heldAmount")).isEqualTo("1000.01");

        // transfers between our accounts are not counted, and every debit account has its own total
        assertExecuted(submit(Tokens.frontOffice(), Ledgers.transfer(from, Fixtures.currentAccount(unit), "500.00")));
        String another = Fixtures.currentAccount(unit);
        Ledgers.fund(another, "1000.00");
        assertExecuted(external(another, "1000.00"));

        // four eyes: an agent validates, then a supervisor approves
        String id = over.getString("id");
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200)
                .body(at("status", equalTo("PENDING_APPROVAL")));
        Api.as(Tokens.supervisor(unit)).post("/operations/{id}/approve", id).then().statusCode(200)
                .body(at("status", equalTo("EXECUTED")));
        assertThat(Ledgers.balance(from)).isEqualTo("500.00");
    }

    /**
     * A creditor IBAN the account first paid two days ago: transfers of thousands to it are not a new creditor's
     * (docs/operations-and-ledger.md "Velocity rules"), so only the daily total decides.
     */
    private static String established(String from) {
        String iban = Fixtures.externalIban();
        MovableTime time = new MovableTime(Instant.now().minus(Duration.ofDays(2)));
        QuarkusMock.installMockForType(time, TimeSource.class);
        Map<String, Object> transfer = Ledgers.externalTransfer(from, "1.00");
        transfer.put("creditor", Map.of("name", "Dupont SARL", "iban", iban));
        assertExecuted(submit(Tokens.frontOffice(), transfer));
        time.at(Instant.now());
        return iban;
    }

    private static JsonPath external(String from, String iban, String amount) {
        Map<String, Object> transfer = Ledgers.externalTransfer(from, amount);
        transfer.put("creditor", Map.of("name", "Dupont SARL", "iban", iban));
        return submit(Tokens.frontOffice(), transfer);
    }

    @Test
    void waiting_transfers_count_toward_the_daily_total_and_rejected_or_cancelled_ones_do_not() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "20000.00");
        String iban = established(from);
        JsonPath first = external(from, iban, "6000.00");
        assertThat(first.getString("status")).isEqualTo("RECEIVED");
        assertThat(first.getBoolean("requiresApproval")).as("6000.00 is below the approval threshold").isFalse();
        JsonPath second = external(from, iban, "4000.00");
        assertThat(second.getBoolean("requiresApproval")).as("exactly the daily total").isFalse();
        assertWaitsForFourEyes(external(from, iban, "1000.00"));

        Api.as(Tokens.frontOffice()).post("/operations/{id}/cancel", first.getString("id")).then().statusCode(200);
        JsonPath afterCancel = external(from, iban, "5000.00");
        assertThat(afterCancel.getBoolean("requiresApproval")).as("4000 + 1000 + 5000, the cancelled one left out").isFalse();

        Api.as(Tokens.agent(unit)).body(Map.of("reasonCode", "OTHER")).post("/operations/{id}/reject", second.getString("id"))
                .then().statusCode(200);
        JsonPath afterReject = external(from, iban, "4000.00");
        assertThat(afterReject.getBoolean("requiresApproval")).as("1000 + 5000 + 4000, the rejected one left out").isFalse();
        assertWaitsForFourEyes(external(from, iban, "0.01"));
    }

    @Test
    void concurrent_transfers_to_other_banks_never_both_slip_under_the_daily_total() throws Exception {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "20000.00");
        for (int i = 0; i < 9; i++) {
            assertExecuted(external(from, "1000.00"));
        }
        // each of these alone would take the total to exactly 10000.00: only one may
        int clients = 8;
        String token = Tokens.frontOffice();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/operations");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                String body = new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(Ledgers.externalTransfer(from, "1000.00"));
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
            int waiting = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                JsonPath op = JsonPath.from(response.body());
                if ("EXECUTED".equals(op.getString("status"))) {
                    executed++;
                } else {
                    assertWaitsForFourEyes(op);
                    waiting++;
                }
            }
            assertThat(executed).isEqualTo(1);
            assertThat(waiting).isEqualTo(clients - 1);
        } finally {
            pool.shutdownNow();
        }
        JsonPath account = Ledgers.account(from);
        assertThat(account.getString("ledgerBalance")).isEqualTo("10000.00");
        assertThat(account.getString("heldAmount")).isEqualTo("7000.00");
    }

    @Test
    void the_daily_total_is_that_of_the_business_day_in_paris() {
        LocalDate day = LocalDate.now(PARIS).minusDays(20);
        MovableTime time = new MovableTime(day.atTime(23, 59, 59).atZone(PARIS).toInstant());
        QuarkusMock.installMockForType(time, TimeSource.class);
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "12000.00");
        for (int i = 0; i < 10; i++) {
            assertExecuted(external(from, "1000.00"));
        }
        assertWaitsForFourEyes(external(from, "0.01"));

        // midnight in Paris (22:00 or 23:00 UTC, the same UTC day): a new business day, a new total
        time.at(day.plusDays(1).atTime(LocalTime.MIDNIGHT).atZone(PARIS).toInstant());
        assertExecuted(external(from, "1000.00"));
    }

    /** The service's clock, at an instant the test chooses. */
    static class MovableTime extends TimeSource {
        private volatile Instant now;

        MovableTime(Instant now) {
            this.now = now;
        }

        void at(Instant instant) {
            this.now = instant;
        }

        @Override
        public ZoneId businessZone() {
            return PARIS;
        }

        @Override
        public LocalDate today() {
            return LocalDate.ofInstant(now, PARIS);
        }

        @Override
        public Instant now() {
            return now.truncatedTo(ChronoUnit.MICROS);
        }
    }
}
