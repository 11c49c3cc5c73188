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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Ledgers.submit;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The velocity rules with their default parameters (docs/operations-and-ledger.md "Velocity rules"): a new creditor
 * IBAN paid more than 3000.00 in its first 24 hours by one customer, more than 20 transfers to other banks from one
 * account in 10 minutes, an amount above 10 times the account's median: each sends the operation to four eyes with the
 * rule as the reason, counted in {@code backoffice_velocity_rules_fired_total}; what stays under them goes straight
 * through.
 */
@QuarkusTest
class VelocityRulesTest {

    private ExternalDailyLimitTest.MovableTime time;

    @BeforeEach
    void atNoonToday() {
        // noon in Paris, so that a test's minutes stay in one business day (the daily limits stay out of the way)
        time = new ExternalDailyLimitTest.MovableTime(Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(11)));
        QuarkusMock.installMockForType(time, TimeSource.class);
    }

    private static Map<String, Object> to(String debit, String iban, String amount) {
        Map<String, Object> transfer = Ledgers.externalTransfer(debit, amount);
        transfer.put("creditor", Map.of("name", "Dupont SARL", "iban", iban));
        return transfer;
    }

    private static void assertReviewedBy(JsonPath operation, String rule) {
        assertThat(operation.getString("status")).isEqualTo("RECEIVED");
        assertThat(operation.getBoolean("requiresApproval")).isTrue();
        assertThat(operation.getString("history[0].reason")).isEqualTo("REVIEW: velocity rule " + rule);
    }

    private static double fired(String rule) {
        String metrics = RestAssured.given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher sample = Pattern.compile("^backoffice_velocity_rules_fired_total\\{[^}]*rule=\"" + rule + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(sample.find()).as("the counter of " + rule).isTrue();
        return Double.parseDouble(sample.group(1));
    }

    private static String accountOf(String customer, String unit) {
        return Api.as(Tokens.frontOffice())
                .body(Map.of("holder", Map.of("name", "Holder " + customer, "customerId", customer),
                        "type", "CURRENT", "currency", "EUR", "unit", unit))
                .post("/accounts").then().statusCode(201).extract().path("id");
    }

    @Test
    void a_new_creditor_paid_more_than_3000_in_its_first_day_by_one_customer_goes_to_four_eyes() {
        String unit = Fixtures.unit();
        String customer = Fixtures.newCustomerId();
        String first = accountOf(customer, unit);
        String second = accountOf(customer, unit);
        Ledgers.fund(first, "5000.00");
        Ledgers.fund(second, "2000.00");
        String iban = Fixtures.externalIban();
        double before = fired("VELOCITY_NEW_CREDITOR");

        // 3000.00 in all from the customer's two accounts: up to the rule, straight through
        assertThat(submit(Tokens.frontOffice(), to(first, iban, "1000.00")).getString("status")).isEqualTo("EXECUTED");
        time.at(time.now().plus(Duration.ofHours(2)));
        assertThat(submit(Tokens.frontOffice(), to(second, iban, "1000.00")).getString("status")).isEqualTo("EXECUTED");
        assertThat(submit(Tokens.frontOffice(), to(first, iban, "1000.00")).getString("status")).isEqualTo("EXECUTED");
        // one cent more, from either account, is for four eyes
        JsonPath over = submit(Tokens.frontOffice(), to(second, iban, "0.01"));
        assertReviewedBy(over, "VELOCITY_NEW_CREDITOR");
        assertThat(Ledgers.account(second).getString("heldAmount")).isEqualTo("0.01");
        assertThat(fired("VELOCITY_NEW_CREDITOR")).isEqualTo(before + 1);
        // another creditor is not concerned
        assertThat(submit(Tokens.frontOffice(), to(first, Fixtures.externalIban(), "500.00")).getString("status"))
                .isEqualTo("EXECUTED");

        // the reviewed one executes once an agent validates it and a supervisor approves it
        String id = over.getString("id");
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200)
                .body(at("status", equalTo("PENDING_APPROVAL")));
        Api.as(Tokens.supervisor(unit)).post("/operations/{id}/approve", id).then().statusCode(200)
                .body(at("status", equalTo("EXECUTED")));

        // 24 hours after the first transfer to it, the creditor is no longer new
        time.at(time.now().plus(Duration.ofHours(23)));
        assertThat(submit(Tokens.frontOffice(), to(first, iban, "1000.00")).getString("status")).isEqualTo("EXECUTED");
    }

    @Test
    void the_21st_transfer_to_other_banks_in_10_minutes_goes_to_four_eyes_in_a_request_and_in_a_batch() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "1000.00");
        double before = fired("VELOCITY_EXTERNAL_BURST");
        for (int i = 0; i < 15; i++) {
            assertThat(submit(Tokens.frontOffice(), Ledgers.externalTransfer(from, "1.00")).getString("status"))
                    .isEqualTo("EXECUTED");
            time.at(time.now().plus(Duration.ofSeconds(20)));
        }
        // five more in a batch go through, the sixth and seventh are reviewed: the batch counts its own items in order
        List<Map<String, Object>> operations = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> item = new HashMap<>(Ledgers.externalTransfer(from, "1.00"));
            item.put("key", UUID.randomUUID().toString());
            operations.add(item);
        }
        JsonPath batch = Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("mode", "INDEPENDENT", "operations", operations)).post("/operation-batches")
                .then().statusCode(200).extract().jsonPath();
        assertThat(batch.getList("results.operation.status"))
                .containsExactly("EXECUTED", "EXECUTED", "EXECUTED", "EXECUTED", "EXECUTED", "RECEIVED", "RECEIVED");
        assertThat(batch.getString("results[5].operation.history[0].reason"))
                .isEqualTo("REVIEW: velocity rule VELOCITY_EXTERNAL_BURST");
        assertReviewedBy(submit(Tokens.frontOffice(), Ledgers.externalTransfer(from, "1.00")), "VELOCITY_EXTERNAL_BURST");
        assertThat(fired("VELOCITY_EXTERNAL_BURST")).isEqualTo(before + 3);
        // transfers between our accounts are not counted
        assertThat(submit(Tokens.frontOffice(), Ledgers.transfer(from, Fixtures.currentAccount(unit), "1.00"))
                .getString("status")).isEqualTo("EXECUTED");

        // ten minutes after the first ones, they have left the window
        time.at(time.now().plus(Duration.ofMinutes(8)));
        assertThat(submit(Tokens.frontOffice(), Ledgers.externalTransfer(from, "1.00")).getString("status"))
                .isEqualTo("EXECUTED");
    }

    @Test
    void an_amount_above_10_times_the_account_s_median_goes_to_four_eyes_once_it_has_10_debits() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "3000.00");
        double before = fired("VELOCITY_UNUSUAL_AMOUNT");
        for (int i = 0; i < 9; i++) {
            submit(Tokens.frontOffice(), Ledgers.externalTransfer(from, "10.00"));
            time.at(time.now().plus(Duration.ofMinutes(1)));
        }
        // nine debits: too few to judge
        assertThat(submit(Tokens.frontOffice(), Ledgers.externalTransfer(from, "100.01")).getString("status"))
                .isEqualTo("EXECUTED");
        // ten (median 10.00): up to 100.00 goes through, more is for four eyes, cash withdrawals as transfers
        assertThat(submit(Tokens.frontOffice(), Ledgers.externalTransfer(from, "100.00")).getString("status"))
                .isEqualTo("EXECUTED");
        assertReviewedBy(submit(Tokens.frontOffice(), Ledgers.externalTransfer(from, "100.01")), "VELOCITY_UNUSUAL_AMOUNT");
        Map<String, Object> withdrawal = new HashMap<>(Map.of("type", "CASH_WITHDRAWAL", "amount", "500.00",
                "currency", "EUR", "debitAccountId", from));
        assertReviewedBy(submit(Tokens.frontOffice(), withdrawal), "VELOCITY_UNUSUAL_AMOUNT");
        assertThat(fired("VELOCITY_UNUSUAL_AMOUNT")).isEqualTo(before + 2);
        // a transfer between our accounts is not judged
        assertThat(submit(Tokens.frontOffice(), Ledgers.transfer(from, Fixtures.currentAccount(unit), "500.00"))
                .getString("status")).isEqualTo("EXECUTED");
    }

    @Test
    void a_capture_a_rule_catches_is_refused_with_nothing_booked_and_its_reservation_kept() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "5000.00");
        Map<String, Object> creditor = Map.of("name", "Dupont SARL", "iban", Fixtures.externalIban());
        // three authorizations of 1000.00 (the straight-through threshold) captured whole: 3000.00, up to the rule
        for (int i = 0; i < 3; i++) {
            String id = authorize(from, creditor, "1000.00");
            Api.as(Tokens.frontOffice()).body(Map.of("amount", "1000.00")).post("/authorizations/{id}/capture", id)
                    .then().statusCode(200).body(at("status", equalTo("CAPTURED")));
        }
        // a cent more is what the rule sends to four eyes; a capture cannot wait for them, so it is refused
        String id = authorize(from, creditor, "100.00");
        assertProblem(Api.as(Tokens.frontOffice()).body(Map.of("amount", "0.01")).post("/authorizations/{id}/capture", id),
                422, "CAPTURE_NEEDS_APPROVAL");

        JsonPath authorization = Api.as(Tokens.frontOffice()).get("/authorizations/{id}", id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(authorization.getString("status")).isEqualTo("AUTHORIZED");
        assertThat(authorization.getString("capturedAmount")).isEqualTo("0.00");
        assertThat(authorization.getList("captures")).isEmpty();
        JsonPath account = Ledgers.account(from);
        assertThat(account.getString("ledgerBalance")).as("only the three captures booked").isEqualTo("2000.00");
        assertThat(account.getString("heldAmount")).as("the refused capture's reservation kept").isEqualTo("100.00");
    }

    private static String authorize(String debit, Map<String, Object> creditor, String amount) {
        return Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("debitAccountId", debit, "amount", amount, "currency", "EUR", "creditor", creditor))
                .post("/authorizations").then().statusCode(201).extract().path("id");
    }
}
