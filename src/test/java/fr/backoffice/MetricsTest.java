package fr.backoffice;

import fr.backoffice.common.metrics.MetricsRefresh;
import fr.backoffice.filing.FilingApi;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static fr.backoffice.support.Ledgers.submit;
import static fr.backoffice.support.Ledgers.transfer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The business metrics in {@code /q/metrics} (docs/deployment.md "Metrics"): counters move as operations are submitted
 * and executed, and the gauges the background refresh computes carry the expected tags once a refresh has run (called
 * here directly rather than waited for).
 */
@QuarkusTest
class MetricsTest {

    @Inject
    MetricsRefresh refresh;

    @Test
    void operations_are_counted_by_type_and_outcome_and_the_queues_are_measured_per_unit() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "3000.00");
        String before = metrics();

        submit(Tokens.frontOffice(), transfer(from, to, "120.50"));
        String queued = submit(Tokens.frontOffice(), transfer(from, to, "2500.00")).getString("id");
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(transfer(Fixtures.currentAccount(unit), to, "10.00")).post("/operations").then().statusCode(422);
        refreshed();
        String after = metrics();

        String submitted = "backoffice_operations_submitted_total";
        assertThat(sum(after, submitted, "type=\"TRANSFER\"", "outcome=\"straight_through\""))
                .isEqualTo(sum(before, submitted, "type=\"TRANSFER\"", "outcome=\"straight_through\"") + 1);
        assertThat(sum(after, submitted, "type=\"TRANSFER\"", "outcome=\"queued\""))
                .isEqualTo(sum(before, submitted, "type=\"TRANSFER\"", "outcome=\"queued\"") + 1);
        assertThat(sum(after, submitted, "type=\"TRANSFER\"", "outcome=\"refused\""))
                .isEqualTo(sum(before, submitted, "type=\"TRANSFER\"", "outcome=\"refused\"") + 1);
        String transitions = "backoffice_operations_transitions_total";
        assertThat(sum(after, transitions, "type=\"TRANSFER\"", "status=\"RECEIVED\""))
                .isEqualTo(sum(before, transitions, "type=\"TRANSFER\"", "status=\"RECEIVED\"") + 2);
        assertThat(sum(after, transitions, "type=\"TRANSFER\"", "status=\"EXECUTED\""))
                .isEqualTo(sum(before, transitions, "type=\"TRANSFER\"", "status=\"EXECUTED\"") + 1);
        assertThat(sum(after, "backoffice_ledger_postings_total")).isEqualTo(sum(before, "backoffice_ledger_postings_total") + 2);

        // the gauges are refreshed by the scheduler too: a run that read the queue before the submission may land last
        for (int tries = 0; tries < 20 && sum(after, "backoffice_operations_queue_depth", "unit=\"" + unit + "\"",
                "status=\"RECEIVED\"") != 1; tries++) {
            refreshed();
            after = metrics();
        }
        assertThat(sum(after, "backoffice_operations_queue_depth", "unit=\"" + unit + "\"", "status=\"RECEIVED\"")).isEqualTo(1);
        assertThat(lines(after, "backoffice_operations_queue_oldest_age_seconds", "unit=\"" + unit + "\"")).hasSize(1);
        assertThat(sum(after, "backoffice_operations_queue_past_due_seconds", "unit=\"" + unit + "\"")).isZero();
        assertThat(sum(after, "backoffice_ledger_holds_outstanding", "currency=\"EUR\"")).isGreaterThanOrEqualTo(1);
        assertThat(sum(after, "backoffice_ledger_holds_outstanding_amount", "currency=\"EUR\"")).isGreaterThanOrEqualTo(2500);

        // the agent's validation goes through the journal, as every change after the submission does
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", queued).then().statusCode(200);
        refreshed();
        String validated = metrics();
        assertThat(sum(validated, transitions, "type=\"TRANSFER\"", "status=\"EXECUTED\""))
                .isEqualTo(sum(after, transitions, "type=\"TRANSFER\"", "status=\"EXECUTED\"") + 1);
        assertThat(sum(validated, "backoffice_ledger_postings_total")).isEqualTo(sum(after, "backoffice_ledger_postings_total") + 2);
        assertThat(lines(validated, "backoffice_operations_queue_depth", "unit=\"" + unit + "\"")).isEmpty();
        assertThat(lines(validated, "backoffice_operations_queue_oldest_age_seconds", "unit=\"" + unit + "\"")).isEmpty();
    }

    @Test
    void the_gauges_the_refresh_computes_are_exposed() {
        FilingApi.declarant("MONTHLY", "12-31", null);
        refreshed();
        String metrics = metrics();

        // a declarant liable since ever owes every monthly return of the last two years
        assertThat(sum(metrics, "backoffice_obligations_overdue", "type=\"VAT_RETURN\"")).isGreaterThanOrEqualTo(20);
        assertThat(lines(metrics, "backoffice_obligations_overdue", "type=\"ANNUAL_ACCOUNTS\"")).hasSize(1);
        assertThat(lines(metrics, "backoffice_events_feed_lag_seconds")).hasSize(1);
        assertThat(lines(metrics, "backoffice_events_feed_waiting")).hasSize(1);
        assertThat(lines(metrics, "backoffice_audit_unsealed")).hasSize(1);
        assertThat(lines(metrics, "backoffice_audit_unsealed_oldest_age_seconds")).hasSize(1);
        assertThat(lines(metrics, "backoffice_ledger_differences")).hasSize(1);
        assertThat(lines(metrics, "backoffice_reconciliation_exceptions_open")).hasSize(1);
        assertThat(lines(metrics, "backoffice_reconciliation_exceptions_oldest_age_seconds")).hasSize(1);
        assertThat(lines(metrics, "backoffice_reconciliation_expected_payments_overdue")).hasSize(1);
        for (String budget : List.of("writes", "reads", "stream", "unauthenticated")) {
            assertThat(lines(metrics, "backoffice_http_rate_limited_total", "budget=\"" + budget + "\"")).hasSize(1);
        }
    }

    @Test
    void http_requests_are_a_histogram_with_the_latency_objectives_as_buckets() {
        Api.as(Tokens.admin()).get("/units").then().statusCode(200);
        String metrics = metrics();

        for (String bucket : List.of("0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "+Inf")) {
            assertThat(lines(metrics, "http_server_requests_seconds_bucket", "uri=\"/units\"", "le=\"" + bucket + "\""))
                    .as("bucket " + bucket).isNotEmpty();
        }
    }

    private void refreshed() {
        refresh.refresh().await().atMost(Duration.ofSeconds(30));
    }

    private static String metrics() {
        return RestAssured.given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The samples of {@code name} whose labels include every one given. */
    private static List<String> lines(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .toList();
    }

    private static double sum(String metrics, String name, String... labels) {
        return lines(metrics, name, labels).stream()
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
