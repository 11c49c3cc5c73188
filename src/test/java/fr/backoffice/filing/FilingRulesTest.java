package fr.backoffice.filing;

import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.filing.FilingApi.agent;
import static fr.backoffice.filing.FilingApi.annualContent;
import static fr.backoffice.filing.FilingApi.line;
import static fr.backoffice.filing.FilingApi.newFiling;
import static fr.backoffice.filing.FilingApi.vatContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** What a filing may be created or edited with: periods, one live filing per period, content rules, concurrency. */
@QuarkusTest
class FilingRulesTest {

    private static List<Object> filingsOf(String declarantId) {
        return Api.as(Tokens.auditor()).queryParam("declarantId", declarantId).get("/filings").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    @Test
    void the_period_must_be_a_month_or_a_quarter_as_the_regime_says() {
        String monthly = FilingApi.monthlyDeclarant();
        String quarterly = FilingApi.declarant("QUARTERLY", "12-31", null).getString("id");
        Map<String, Object> content = vatContent(List.of(), 0, null);

        FilingApi.create(Tokens.frontOffice(), "VAT_RETURN", monthly, "2026-07-01", "2026-09-30", content)
                .then().statusCode(422).body(at("code", equalTo("INVALID_PERIOD")))
                .body(at("detail", containsString("calendar month")));
        FilingApi.create(Tokens.frontOffice(), "VAT_RETURN", quarterly, "2026-07-01", "2026-07-31", content)
                .then().statusCode(422).body(at("code", equalTo("INVALID_PERIOD")))
                .body(at("detail", containsString("calendar quarter")));
        FilingApi.create(Tokens.frontOffice(), "VAT_RETURN", monthly, "2026-07-02", "2026-08-01", content)
                .then().statusCode(422).body(at("code", equalTo("INVALID_PERIOD")));
        FilingApi.create(Tokens.frontOffice(), "VAT_RETURN", monthly, "2026-07-31", "2026-07-01", content)
                .then().statusCode(422).body(at("code", equalTo("INVALID_PERIOD")));
        assertThat(filingsOf(monthly)).isEmpty();

        FilingApi.create(Tokens.frontOffice(), "VAT_RETURN", quarterly, "2026-07-01", "2026-09-30", content)
                .then().statusCode(201).body(at("dueDate", equalTo("2026-10-19")));
    }

    @Test
    void annual_accounts_cover_the_fiscal_year_ending_on_the_declarants_year_end() {
        String declarantId = FilingApi.declarant("MONTHLY", "06-30", null).getString("id");
        FilingApi.create(agent(), "ANNUAL_ACCOUNTS", declarantId, "2025-01-01", "2025-12-31", annualContent(null))
                .then().statusCode(422).body(at("code", equalTo("INVALID_PERIOD")))
                .body(at("detail", containsString("2024-07-01 to 2025-06-30")));
        FilingApi.create(agent(), "ANNUAL_ACCOUNTS", declarantId, "2024-07-01", "2025-06-30", annualContent(null))
                .then().statusCode(201).body(at("dueDate", equalTo("2026-01-30")));
    }

    @Test
    void nothing_is_filed_for_periods_before_the_declarant_became_liable() {
        String declarantId = FilingApi.declarant("MONTHLY", "12-31", "2026-03-15").getString("id");
        FilingApi.create(agent(), "VAT_RETURN", declarantId, "2026-02-01", "2026-02-28", vatContent(List.of(), 0, null))
                .then().statusCode(422).body(at("code", equalTo("NOT_LIABLE")));
        FilingApi.create(agent(), "VAT_RETURN", declarantId, "2026-03-01", "2026-03-31", vatContent(List.of(), 0, null))
                .then().statusCode(201);
    }

    @Test
    void a_filing_names_a_registered_declarant() {
        FilingApi.create(agent(), "VAT_RETURN", UUID.randomUUID().toString(), "2026-03-01", "2026-03-31",
                vatContent(List.of(), 0, null)).then().statusCode(422).body(at("code", equalTo("UNKNOWN_DECLARANT")));
        Api.invalidRequestAs(agent()).body(newFiling("VAT_RETURN", "someone", "2026-03-01", "2026-03-31", vatContent(List.of(), 0, null)))
                .post("/filings").then().statusCode(422).body(at("code", equalTo("UNKNOWN_DECLARANT")));
    }

    @Test
    void one_live_filing_per_declarant_type_and_period_until_it_is_rejected() {
        String declarantId = FilingApi.monthlyDeclarant();
        Map<String, Object> content = vatContent(List.of(line("20", 100)), 0, null);
        String first = FilingApi.draft("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31", content).getString("id");
        FilingApi.create(agent(), "VAT_RETURN", declarantId, "2025-01-01", "2025-01-31", content)
                .then().statusCode(409).body(at("code", equalTo("FILING_EXISTS"))).body(at("detail", containsString(first)));
        // another period, or another type, is another obligation
        FilingApi.create(agent(), "VAT_RETURN", declarantId, "2025-02-01", "2025-02-28", content).then().statusCode(201);
        FilingApi.create(agent(), "ANNUAL_ACCOUNTS", declarantId, "2025-01-01", "2025-12-31", annualContent(null)).then().statusCode(201);

        FilingApi.filedAndAcknowledged(first, "REJECTED");
        String second = FilingApi.create(agent(), "VAT_RETURN", declarantId, "2025-01-01", "2025-01-31", content)
                .then().statusCode(201).body(at("amends", nullValue())).extract().path("id");
        assertThat(second).isNotEqualTo(first);
        FilingApi.create(agent(), "VAT_RETURN", declarantId, "2025-01-01", "2025-01-31", content)
                .then().statusCode(409).body(at("code", equalTo("FILING_EXISTS")));
    }

    @Test
    void concurrent_creations_for_one_period_give_one_draft_and_conflicts_never_an_error() throws Exception {
        String declarantId = FilingApi.monthlyDeclarant();
        Map<String, Object> body = newFiling("VAT_RETURN", declarantId, "2024-06-01", "2024-06-30", vatContent(List.of(), 0, null));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> Api.as(agent()).body(body).post("/filings").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(filingsOf(declarantId)).hasSize(1);
    }

    @Test
    void amounts_are_whole_euros_given_as_json_integers() {
        String declarantId = FilingApi.monthlyDeclarant();
        for (Object base : new Object[]{10.5, "100", 1e3, true, 10_000_000_000_000_000L}) {
            Api.invalidRequestAs(Tokens.frontOffice())
                    .body(newFiling("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31",
                            Map.of("taxableSales", List.of(Map.of("rate", "20", "base", base)))))
                    .post("/filings").then().statusCode(400)
                    .body(at("errors[0].field", equalTo("content.taxableSales[0].base")));
        }
        Api.invalidRequestAs(Tokens.frontOffice())
                .body(newFiling("ANNUAL_ACCOUNTS", declarantId, "2025-01-01", "2025-12-31", Map.of("netIncome", 150000.01)))
                .post("/filings").then().statusCode(400).body(at("code", equalTo("INVALID_JSON")))
                .body(at("errors[0].field", equalTo("content.netIncome")));
        Api.invalidRequestAs(Tokens.frontOffice())
                .body(newFiling("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31",
                        Map.of("taxableSales", List.of(Map.of("rate", "20", "base", -1)), "creditCarriedForward", -5)))
                .post("/filings").then().statusCode(400).body(at("code", equalTo("VALIDATION_FAILED")))
                .body(at("errors.field", equalTo(List.of("content.taxableSales[0].base", "content.creditCarriedForward"))));
        assertThat(filingsOf(declarantId)).isEmpty();
    }

    @Test
    void rates_are_decimal_strings_from_the_allowed_list() {
        String declarantId = FilingApi.monthlyDeclarant();
        Api.as(Tokens.frontOffice()).body(newFiling("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31",
                        vatContent(List.of(line("19.6", 100), line("5.5", 100)), 0, null)))
                .post("/filings").then().statusCode(400).body(at("code", equalTo("VALIDATION_FAILED")))
                .body(at("errors", hasSize(1)))
                .body(at("errors[0].field", equalTo("content.taxableSales[0].rate")))
                .body(at("errors[0].message", containsString("20, 10, 5.5, 2.1")));
        Api.invalidRequestAs(Tokens.frontOffice()).body(newFiling("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31",
                        Map.of("taxableSales", List.of(Map.of("rate", 20, "base", 100)))))
                .post("/filings").then().statusCode(400).body(at("code", equalTo("INVALID_JSON")))
                .body(at("errors[0].field", equalTo("content.taxableSales[0].rate")));
        Api.as(Tokens.frontOffice()).body(newFiling("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31",
                        vatContent(List.of(line("5.50", 105)), 0, null)))
                .post("/filings").then().statusCode(201)
                .body(at("content.taxableSales[0].rate", equalTo("5.5")))
                .body(at("computed.lines[0].vat", equalTo(6)));
    }

    @Test
    void computed_figures_and_unknown_fields_are_refused_never_trusted() {
        String declarantId = FilingApi.monthlyDeclarant();
        Map<String, Object> content = new LinkedHashMap<>(vatContent(List.of(line("20", 100)), 0, null));
        content.put("computed", Map.of("netVatDue", 0));
        Api.invalidRequestAs(Tokens.frontOffice()).body(newFiling("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31", content))
                .post("/filings").then().statusCode(400).body(at("code", equalTo("UNKNOWN_PROPERTY")))
                .body(at("errors[0].field", equalTo("content.computed")));

        Map<String, Object> topLevel = new HashMap<>(newFiling("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31",
                vatContent(List.of(line("20", 100)), 0, null)));
        topLevel.put("computed", Map.of("netVatDue", 0));
        Api.invalidRequestAs(Tokens.frontOffice()).body(topLevel).post("/filings").then().statusCode(400)
                .body(at("code", equalTo("UNKNOWN_PROPERTY")));

        // the fields of the other type are unknown too
        Api.invalidRequestAs(Tokens.frontOffice()).body(newFiling("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31",
                annualContent(null))).post("/filings").then().statusCode(400).body(at("code", equalTo("UNKNOWN_PROPERTY")));
        assertThat(filingsOf(declarantId)).isEmpty();
    }

    @Test
    void malformed_bodies_are_400_problems() {
        String declarantId = FilingApi.monthlyDeclarant();
        Api.invalidRequestAs(Tokens.frontOffice()).body("{\"type\": \"VAT_RETURN\", ").post("/filings").then().statusCode(400)
                .body(at("code", equalTo("MALFORMED_JSON")));
        Api.invalidRequestAs(Tokens.frontOffice()).body(Map.of("type", "VAT_RETURN", "declarantId", declarantId,
                "periodStart", "2025-01-01", "periodEnd", "2025-01-31", "content", List.of())).post("/filings")
                .then().statusCode(400).body(at("errors[0].field", equalTo("content")));
        Api.invalidRequestAs(Tokens.frontOffice()).body(Map.of("type", "PAYROLL", "declarantId", declarantId,
                "periodStart", "2025-01-01", "periodEnd", "2025-01-31", "content", Map.of())).post("/filings")
                .then().statusCode(400).body(at("code", equalTo("INVALID_JSON")));
        Api.invalidRequestAs(Tokens.frontOffice()).body(Map.of("type", "VAT_RETURN", "declarantId", declarantId,
                "periodStart", "2025-02-30", "periodEnd", "2025-01-31", "content", Map.of())).post("/filings")
                .then().statusCode(400);
        Api.invalidRequestAs(Tokens.frontOffice()).body(Map.of("type", "VAT_RETURN")).post("/filings")
                .then().statusCode(400).body(at("code", equalTo("VALIDATION_FAILED")))
                .body(at("errors.field", hasItem("content"))).body(at("errors.field", hasItem("declarantId")));
        Api.invalidRequestAs(Tokens.frontOffice()).body(newFiling("VAT_RETURN", declarantId, "+10000-01-01", "+10000-01-31",
                Map.of())).post("/filings").then().statusCode(400);
        Api.invalidRequestAs(Tokens.frontOffice()).body(newFiling("ANNUAL_ACCOUNTS", declarantId, "2025-01-01", "2025-12-31",
                Map.of("approvalDate", "2026-02-30"))).post("/filings").then().statusCode(400)
                .body(at("errors[0].field", equalTo("content.approvalDate")));
        assertThat(filingsOf(declarantId)).isEmpty();
    }

    @Test
    void a_draft_is_replaced_only_with_if_match_naming_its_current_version() {
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2025-01-01", "2025-01-31",
                vatContent(List.of(line("20", 100)), 0, null)).getString("id");
        Map<String, Object> content = vatContent(List.of(line("20", 200)), 0, null);
        Api.as(Tokens.frontOffice()).body(content).put("/filings/{id}/content", id).then().statusCode(428)
                .body(at("code", equalTo("PRECONDITION_REQUIRED")));
        Api.as(Tokens.frontOffice()).header("If-Match", "\"3\"").body(content).put("/filings/{id}/content", id)
                .then().statusCode(412).body(at("code", equalTo("PRECONDITION_FAILED")));
        Api.invalidRequestAs(Tokens.frontOffice()).header("If-Match", "\"0\"")
                .body(Map.of("taxableSales", List.of(Map.of("rate", "20", "base", 1.5))))
                .put("/filings/{id}/content", id).then().statusCode(400).body(at("errors[0].field", equalTo("content.taxableSales[0].base")));
        Api.invalidRequestAs(Tokens.frontOffice()).header("If-Match", "\"0\"").body(Map.of("computed", Map.of()))
                .put("/filings/{id}/content", id).then().statusCode(400).body(at("code", equalTo("UNKNOWN_PROPERTY")));
        JsonPath unchanged = FilingApi.get(id);
        assertThat(unchanged.getLong("version")).isZero();
        assertThat(unchanged.getInt("computed.totalOutputVat")).isEqualTo(20);

        Api.as(agent()).header("If-Match", "\"0\"").body(content).put("/filings/{id}/content", id)
                .then().statusCode(200).header("ETag", "\"1\"").body(at("computed.totalOutputVat", equalTo(40)));
        Api.as(Tokens.frontOffice()).header("If-Match", "\"0\"").body(content).put("/filings/{id}/content", id)
                .then().statusCode(412);
        Api.as(Tokens.auditor()).get("/filings/{id}", id).then().statusCode(200).header("ETag", "\"1\"");
    }

    @Test
    void the_credit_brought_forward_is_taken_from_the_previous_accepted_return_when_omitted() {
        String declarantId = FilingApi.monthlyDeclarant();
        // January: output 200, deductible 1500 → credit 1300 to carry forward; accepted
        String january = FilingApi.draft("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31",
                vatContent(List.of(line("20", 1_000)), 1_500, null)).getString("id");
        FilingApi.filedAndAcknowledged(january, "ACCEPTED");

        // February, no credit declared: January's 1300 is used; output 400, deductible 600 → credit 1500
        String february = FilingApi.draft("VAT_RETURN", declarantId, "2025-02-01", "2025-02-28",
                vatContent(List.of(line("20", 2_000)), 600, null)).getString("id");
        JsonPath feb = FilingApi.get(february);
        assertThat(feb.getInt("computed.creditCarriedForward.amount")).isEqualTo(1300);
        assertThat(feb.getString("computed.creditCarriedForward.source")).isEqualTo("PREVIOUS_RETURN");
        assertThat(feb.getString("computed.creditCarriedForward.filingId")).isEqualTo(january);
        assertThat(feb.getInt("computed.creditToCarryForward")).isEqualTo(1500);
        assertThat(feb.getMap("content")).doesNotContainKey("creditCarriedForward");

        // March, before February is accepted, does not fall back on January (its credit went into February):
        // nothing is brought forward and validation says why; once February is accepted, March builds on it
        String march = FilingApi.draft("VAT_RETURN", declarantId, "2025-03-01", "2025-03-31",
                vatContent(List.of(line("20", 12_000)), 500, null)).getString("id");
        assertThat(FilingApi.get(march).getString("computed.creditCarriedForward.source")).isEqualTo("NONE");
        FilingApi.validate(agent(), march).then().statusCode(422)
                .body(at("errors[0].message", containsString("PREVIOUS_RETURN_NOT_ACCEPTED: ")))
                .body(at("errors[0].message", containsString("DRAFT")));
        FilingApi.filedAndAcknowledged(february, "ACCEPTED");
        JsonPath validated = FilingApi.validate(agent(), march).then().statusCode(200).extract().jsonPath();
        assertThat(validated.getString("computed.creditCarriedForward.filingId")).isEqualTo(february);
        assertThat(validated.getInt("computed.creditCarriedForward.amount")).isEqualTo(1500);
        assertThat(validated.getInt("computed.netVatDue")).isEqualTo(400);
        assertThat(validated.getInt("computed.creditToCarryForward")).isZero();
    }

    @Test
    void a_declared_credit_that_contradicts_the_previous_accepted_return_fails_validation() {
        String declarantId = FilingApi.monthlyDeclarant();
        String january = FilingApi.draft("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31",
                vatContent(List.of(line("20", 1_000)), 1_500, null)).getString("id");
        FilingApi.filedAndAcknowledged(january, "ACCEPTED");
        String february = FilingApi.draft("VAT_RETURN", declarantId, "2025-02-01", "2025-02-28",
                vatContent(List.of(line("20", 2_000)), 600, 1_000L)).getString("id");
        assertThat(FilingApi.get(february).getString("computed.creditCarriedForward.source")).isEqualTo("DECLARED");
        FilingApi.validate(agent(), february).then().statusCode(422)
                .body(at("errors", hasSize(1)))
                .body(at("errors[0].field", equalTo("content.creditCarriedForward")))
                .body(at("errors[0].message", containsString("CREDIT_CARRIED_FORWARD_MISMATCH: ")));
    }

    @Test
    void filings_are_listed_oldest_first_and_filtered() {
        String declarantId = FilingApi.monthlyDeclarant();
        Map<String, Object> content = vatContent(List.of(), 0, null);
        String january = FilingApi.draft("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31", content).getString("id");
        String february = FilingApi.draft("VAT_RETURN", declarantId, "2025-02-01", "2025-02-28", content).getString("id");
        String accounts = FilingApi.draft("ANNUAL_ACCOUNTS", declarantId, "2025-01-01", "2025-12-31", annualContent("2026-03-01")).getString("id");
        FilingApi.validate(agent(), january).then().statusCode(200);

        assertThat(Api.as(Tokens.auditor()).queryParam("declarantId", declarantId).get("/filings").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactly(january, february, accounts);
        assertThat(Api.as(Tokens.auditor()).queryParam("declarantId", declarantId).queryParam("type", "VAT_RETURN")
                .get("/filings").jsonPath().getList("items.id", String.class)).containsExactly(january, february);
        assertThat(Api.as(Tokens.auditor()).queryParam("declarantId", declarantId).queryParam("status", "VALIDATED")
                .get("/filings").jsonPath().getList("items.id", String.class)).containsExactly(january);
        assertThat(Api.as(Tokens.auditor()).queryParam("declarantId", declarantId).queryParam("periodFrom", "2025-02-01")
                .get("/filings").jsonPath().getList("items.id", String.class)).containsExactly(february);
        assertThat(Api.as(Tokens.auditor()).queryParam("declarantId", declarantId).queryParam("periodTo", "2025-01-31")
                .get("/filings").jsonPath().getList("items.id", String.class)).containsExactly(january);

        JsonPath first = Api.as(Tokens.frontOffice()).queryParam("declarantId", declarantId).queryParam("limit", 2)
                .get("/filings").then().statusCode(200).body(at("items", hasSize(2))).body(at("nextCursor", notNullValue()))
                .body(at("items[0].history[0].action", equalTo("CREATED")))
                .extract().jsonPath();
        Api.as(Tokens.frontOffice()).queryParam("declarantId", declarantId).queryParam("after", first.getString("nextCursor"))
                .get("/filings").then().statusCode(200).body(at("items.id", equalTo(List.of(accounts)))).body(at("nextCursor", nullValue()));

        Api.invalidRequestAs(Tokens.auditor()).queryParam("status", "LOST").get("/filings").then().statusCode(400)
                .body(at("errors[0].field", equalTo("status")));
        Api.invalidRequestAs(Tokens.auditor()).queryParam("periodFrom", "01/01/2025").get("/filings").then().statusCode(400)
                .body(at("errors[0].field", equalTo("periodFrom")));
        Api.invalidRequestAs(Tokens.auditor()).queryParam("declarantId", "x").get("/filings").then().statusCode(400);
    }

    @Test
    void a_retried_creation_with_the_same_idempotency_key_replays_the_draft() {
        String declarantId = FilingApi.monthlyDeclarant();
        Map<String, Object> body = newFiling("VAT_RETURN", declarantId, "2025-01-01", "2025-01-31", vatContent(List.of(), 0, null));
        String id = Api.as(Tokens.frontOffice()).header("Idempotency-Key", "filing-" + declarantId).body(body).post("/filings")
                .then().statusCode(201).extract().path("id");
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", "filing-" + declarantId).body(body).post("/filings")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body(at("id", equalTo(id)));
        assertThat(filingsOf(declarantId)).hasSize(1);
    }
}
