package fr.backoffice.reconciliation;

import fr.backoffice.reconciliation.Camt.Tx;
import fr.backoffice.reconciliation.Day.Credit;
import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The report of a reconciled account's day (docs/reconciliation.md "Daily report"): both sides' balances, the lines by
 * state, the entries no line reports, the open items and the difference, which the queue's resolutions bring to zero.
 */
@QuarkusTest
class ReconciliationReportApiTest {

    private static final String ACME = "DE89370400440532013000";
    private static final String HOOLI = "DE91100000000123456789";

    /**
     * Two credits the bank reports in one line (matched), a fee the ledger does not have (unmatched), a credit the bank
     * does not report (unreported): the figures say so, and writing both differences off brings the difference to zero.
     */
    @Test
    void a_day_with_a_statement_shows_both_sides_and_the_difference_is_zero_once_the_queue_is_resolved() {
        Day day = new Day();
        String batch = Day.id("STET-RP");
        day.incoming(batch, List.of(new Credit("E2E-P1", "TP1", "100.00", "Acme GmbH", ACME),
                new Credit("E2E-P2", "TP2", "250.00", "Acme GmbH", ACME)));
        day.incoming(Day.id("STET-RH"), List.of(new Credit("NOTPROVIDED", "TH1", "42.00", "Hooli", HOOLI)));
        Map<String, String> account = day.settlement();
        String statement = Camt.statement(Day.id("STMT"), 1, account.get("iban"), "0.00", List.of(
                Camt.batch("350.00", "CRDT", batch),
                Camt.details("5.00", "DBIT", new Tx("5.00", null, null, null, "Settlement bank", null))));
        Camt.post(statement).then().statusCode(201).body(at("matched", equalTo(1))).body(at("unmatched", equalTo(1)))
                .body(at("unreportedEntries", equalTo(1)));

        JsonPath report = report(Tokens.auditor(), account.get("id"), Camt.TODAY).then().statusCode(200).extract().jsonPath();
        assertThat(report.getString("accountId")).isEqualTo(account.get("id"));
        assertThat(report.getString("iban")).isEqualTo(account.get("iban"));
        assertThat(report.getString("currency")).isEqualTo("EUR");
        assertThat(report.getString("date")).isEqualTo(Camt.TODAY);
        assertThat(report.getBoolean("complete")).isFalse();
        assertThat(report.getInt("bank.statements")).isEqualTo(1);
        assertThat(report.getString("bank.opening")).isEqualTo("0.00");
        assertThat(report.getString("bank.closing")).isEqualTo("345.00");
        // the ledger in the bank's sign: the credits' debits of the clearing settlement account are money in at the bank
        assertThat(report.getString("ledger.opening")).isEqualTo("0.00");
        assertThat(report.getString("ledger.closing")).isEqualTo("392.00");
        assertThat(figure(report, "matched")).isEqualTo("1 350.00");
        assertThat(figure(report, "unmatched")).isEqualTo("1 -5.00");
        assertThat(figure(report, "partial")).isEqualTo("0 0.00");
        assertThat(figure(report, "unreported")).isEqualTo("1 42.00");
        assertThat(report.getLong("openExceptions")).isEqualTo(2);
        assertThat(report.getString("difference")).isEqualTo("-47.00");

        // the fee and the unreported credit written off: both sides agree
        List<Map<String, Object>> queue = Api.as(Tokens.auditor()).queryParam("accountId", account.get("id"))
                .get("/reconciliation/exceptions").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(queue).hasSize(2);
        for (Map<String, Object> item : queue) {
            Api.as(Camt.desk()).body(Map.of("resolution", "WRITE_OFF", "reason", "Explained, booked to suspense"))
                    .post("/reconciliation/exceptions/{id}/resolve", item.get("id")).then().statusCode(200)
                    .body(at("status", equalTo("RESOLVED")));
        }
        JsonPath resolved = report(Camt.desk(), account.get("id"), Camt.TODAY).then().statusCode(200).extract().jsonPath();
        assertThat(resolved.getString("bank.closing")).isEqualTo("345.00");
        assertThat(resolved.getString("ledger.closing")).isEqualTo("345.00");
        assertThat(figure(resolved, "matched")).isEqualTo("2 345.00");
        assertThat(figure(resolved, "unmatched")).isEqualTo("0 0.00");
        assertThat(figure(resolved, "unreported")).isEqualTo("0 0.00");
        assertThat(resolved.getLong("openExceptions")).isZero();
        assertThat(resolved.getString("difference")).isEqualTo("0.00");
    }

    /** Without a statement, the bank's side is empty and there is no difference; the ledger's side is still read. */
    @Test
    void a_day_without_a_statement_has_no_bank_balances_and_no_difference() {
        Day day = new Day();
        day.incoming(Day.id("STET-RN"), List.of(new Credit("NOTPROVIDED", "TN1", "42.00", "Hooli", HOOLI)));
        String accountId = day.settlement().get("id");

        JsonPath today = report(Camt.desk(), accountId, Camt.TODAY).then().statusCode(200).extract().jsonPath();
        assertThat(today.getInt("bank.statements")).isZero();
        assertThat(today.getString("bank.opening")).isNull();
        assertThat(today.getString("bank.closing")).isNull();
        assertThat(today.getString("ledger.opening")).isEqualTo("0.00");
        assertThat(today.getString("ledger.closing")).isEqualTo("42.00");
        assertThat(figure(today, "matched")).isEqualTo("0 0.00");
        assertThat(figure(today, "unreported")).isEqualTo("1 42.00");
        assertThat(today.getLong("openExceptions")).isZero();
        assertThat(today.getString("difference")).isNull();

        String yesterday = LocalDate.parse(Camt.TODAY).minusDays(1).toString();
        JsonPath before = report(Tokens.admin(), accountId, yesterday).then().statusCode(200).extract().jsonPath();
        assertThat(before.getBoolean("complete")).isTrue();
        assertThat(before.getString("ledger.opening")).isEqualTo("0.00");
        assertThat(before.getString("ledger.closing")).isEqualTo("0.00");
        assertThat(figure(before, "unreported")).isEqualTo("0 0.00");
        assertThat(before.getString("difference")).isNull();
    }

    /** An unknown account is 404, a customer's 422, a bad or future date 400 and 422, other roles 403. */
    @Test
    void unknown_accounts_customer_accounts_bad_dates_and_other_roles_are_refused() {
        Day day = new Day();
        day.incoming(Day.id("STET-RX"), List.of(new Credit("NOTPROVIDED", "TX1", "10.00", "Hooli", HOOLI)));
        String accountId = day.settlement().get("id");
        assertProblem(report(Camt.desk(), UUID.randomUUID().toString(), Camt.TODAY), 404, "NOT_FOUND");
        assertProblem(report(Camt.desk(), "not-an-id", Camt.TODAY), 404, "NOT_FOUND");
        assertProblem(report(Camt.desk(), day.customerId, Camt.TODAY), 422, "UNKNOWN_SETTLEMENT_ACCOUNT");
        // not dates: the contract's format refuses them too, so they are sent without checking the request against it
        for (String date : List.of("2026-02-30", "yesterday")) {
            assertProblem(Api.invalidRequestAs(Camt.desk()).get("/reconciliation/reports/{accountId}/{date}", accountId, date),
                    400, "VALIDATION_FAILED");
        }
        assertProblem(report(Camt.desk(), accountId, LocalDate.parse(Camt.TODAY).plusDays(2).toString()), 422,
                "STATEMENT_DATE_IN_FUTURE");
        for (String token : List.of(Tokens.frontOffice(), Tokens.agent(day.unit), Tokens.supervisor(day.unit),
                Tokens.clearing("recon-clearing"))) {
            assertProblem(report(token, accountId, Camt.TODAY), 403, "FORBIDDEN");
        }
    }

    private static Response report(String token, String accountId, String date) {
        return Api.as(token).get("/reconciliation/reports/{accountId}/{date}", accountId, date);
    }

    private static String figure(JsonPath report, String name) {
        return report.getLong(name + ".count") + " " + report.getString(name + ".total");
    }
}
