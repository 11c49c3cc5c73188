package fr.backoffice.filing;

import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.filing.FilingApi.annualContent;
import static fr.backoffice.filing.FilingApi.vatContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** A declarant's expected declarations over a range, and how filings move them from OPEN or OVERDUE to FULFILLED. */
@QuarkusTest
class ObligationResourceTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Paris"));

    private static JsonPath obligations(String declarantId, String from, String to) {
        return Api.as(Tokens.frontOffice()).queryParam("from", from).queryParam("to", to)
                .get("/declarants/{id}/obligations", declarantId).then().statusCode(200).extract().jsonPath();
    }

    /** The one obligation of this type starting on {@code periodStart}. */
    private static Map<String, Object> find(JsonPath obligations, String type, String periodStart) {
        List<Map<String, Object>> items = obligations.getList("items");
        return items.stream().filter(o -> o.get("type").equals(type) && o.get("periodStart").equals(periodStart))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " starting " + periodStart + " in " + items));
    }

    @Test
    void every_vat_period_and_fiscal_year_of_the_range_is_listed_with_its_due_date() {
        String declarantId = FilingApi.declarant("QUARTERLY", "06-30", null).getString("id");
        JsonPath result = obligations(declarantId, "2020-01-01", "2020-12-31");
        assertThat(result.getString("declarantId")).isEqualTo(declarantId);
        assertThat(result.getList("items.type", String.class)).containsExactly("VAT_RETURN", "VAT_RETURN", "ANNUAL_ACCOUNTS",
                "VAT_RETURN", "VAT_RETURN", "ANNUAL_ACCOUNTS");
        assertThat(result.getList("items.periodStart", String.class)).containsExactly("2020-01-01", "2020-04-01",
                "2019-07-01", "2020-07-01", "2020-10-01", "2020-07-01");
        assertThat(result.getList("items.periodEnd", String.class)).containsExactly("2020-03-31", "2020-06-30",
                "2020-06-30", "2020-09-30", "2020-12-31", "2021-06-30");
        assertThat(result.getList("items.dueDate", String.class)).containsExactly("2020-04-19", "2020-07-19",
                "2021-01-30", "2020-10-19", "2021-01-19", "2022-01-30");
        // nothing was filed for 2020, long past: every obligation is overdue
        assertThat(result.getList("items.status", String.class)).containsOnly("OVERDUE");
        assertThat(result.getList("items.filingId")).containsOnlyNulls();
    }

    @Test
    void a_submitted_filing_fulfils_its_obligation_and_a_draft_does_not() {
        String declarantId = FilingApi.declarant("MONTHLY", "12-31", null).getString("id");
        String march = FilingApi.draft("VAT_RETURN", declarantId, "2025-03-01", "2025-03-31",
                vatContent(List.of(), 0, null)).getString("id");

        Map<String, Object> before = find(obligations(declarantId, "2025-03-01", "2025-03-31"), "VAT_RETURN", "2025-03-01");
        assertThat(before).containsEntry("status", "OVERDUE").containsEntry("filingId", march)
                .containsEntry("filingStatus", "DRAFT").containsEntry("dueDate", "2025-04-19");

        FilingApi.validateAndSubmit(march);
        Map<String, Object> after = find(obligations(declarantId, "2025-03-01", "2025-03-31"), "VAT_RETURN", "2025-03-01");
        assertThat(after).containsEntry("status", "FULFILLED").containsEntry("filingId", march)
                .containsEntry("filingStatus", "SUBMITTED");

        FilingApi.acknowledge(march, "ACCEPTED", null).then().statusCode(200);
        assertThat(find(obligations(declarantId, "2025-03-01", "2025-03-31"), "VAT_RETURN", "2025-03-01"))
                .containsEntry("status", "FULFILLED").containsEntry("filingStatus", "ACCEPTED");
    }

    @Test
    void an_obligation_is_open_until_its_due_date_and_fulfilled_once_submitted() {
        String declarantId = FilingApi.declarant("MONTHLY", "12-31", null).getString("id");
        LocalDate lastMonth = TODAY.minusMonths(1).withDayOfMonth(1);
        LocalDate nextMonth = TODAY.plusMonths(1).withDayOfMonth(1);
        String from = lastMonth.toString();
        String to = nextMonth.with(TemporalAdjusters.lastDayOfMonth()).toString();

        JsonPath open = obligations(declarantId, from, to);
        // this month's and next month's returns are due after today
        assertThat(find(open, "VAT_RETURN", TODAY.withDayOfMonth(1).toString())).containsEntry("status", "OPEN");
        assertThat(find(open, "VAT_RETURN", nextMonth.toString())).containsEntry("status", "OPEN")
                .containsEntry("dueDate", nextMonth.plusMonths(1).withDayOfMonth(19).toString());
        assertThat(find(open, "ANNUAL_ACCOUNTS", LocalDate.of(TODAY.getYear(), 1, 1).toString())).containsEntry("status", "OPEN");

        // last month's return can be filed now; once submitted it is fulfilled, whatever its due date
        String id = FilingApi.draft("VAT_RETURN", declarantId, from, lastMonth.with(TemporalAdjusters.lastDayOfMonth()).toString(),
                vatContent(List.of(), 0, null)).getString("id");
        FilingApi.validateAndSubmit(id);
        assertThat(find(obligations(declarantId, from, to), "VAT_RETURN", from)).containsEntry("status", "FULFILLED")
                .containsEntry("filingId", id);
    }

    @Test
    void a_rejected_filing_leaves_the_obligation_unfulfilled_until_its_amendment_is_submitted() {
        String declarantId = FilingApi.declarant("MONTHLY", "12-31", null).getString("id");
        String id = FilingApi.draft("ANNUAL_ACCOUNTS", declarantId, "2024-01-01", "2024-12-31",
                annualContent("2025-06-01")).getString("id");
        FilingApi.filedAndAcknowledged(id, "REJECTED");
        Map<String, Object> rejected = find(obligations(declarantId, "2024-01-01", "2024-12-31"), "ANNUAL_ACCOUNTS", "2024-01-01");
        assertThat(rejected).containsEntry("status", "OVERDUE").containsEntry("filingId", id)
                .containsEntry("filingStatus", "REJECTED")
                // annual accounts are due one month after their approval
                .containsEntry("dueDate", "2025-07-01");

        String amendment = Api.as(Tokens.frontOffice()).post("/filings/{id}/amend", id).then().statusCode(201).extract().path("id");
        assertThat(find(obligations(declarantId, "2024-01-01", "2024-12-31"), "ANNUAL_ACCOUNTS", "2024-01-01"))
                .containsEntry("status", "OVERDUE").containsEntry("filingId", amendment).containsEntry("filingStatus", "DRAFT");
        FilingApi.validateAndSubmit(amendment);
        assertThat(find(obligations(declarantId, "2024-01-01", "2024-12-31"), "ANNUAL_ACCOUNTS", "2024-01-01"))
                .containsEntry("status", "FULFILLED").containsEntry("filingId", amendment);
    }

    @Test
    void obligations_start_when_the_declarant_becomes_liable() {
        String declarantId = FilingApi.declarant("MONTHLY", "12-31", "2024-03-15").getString("id");
        JsonPath result = obligations(declarantId, "2023-11-01", "2024-04-30");
        // the VAT months from March 2024, and the fiscal year 2024 that overlaps the range; nothing of 2023
        assertThat(result.getList("items.periodStart", String.class)).containsExactly("2024-03-01", "2024-04-01", "2024-01-01");
        assertThat(result.getList("items.type", String.class)).containsExactly("VAT_RETURN", "VAT_RETURN", "ANNUAL_ACCOUNTS");
        assertThat(obligations(declarantId, "2024-12-01", "2024-12-31").getList("items.type", String.class))
                .containsExactly("VAT_RETURN", "ANNUAL_ACCOUNTS");
        assertThat(obligations(declarantId, "2023-01-01", "2023-12-31").getList("items")).isEmpty();
    }

    @Test
    void the_range_is_required_ordered_and_at_most_ten_years() {
        String declarantId = FilingApi.monthlyDeclarant();
        Api.as(Tokens.auditor()).queryParam("from", "2016-01-01").queryParam("to", "2025-12-31")
                .get("/declarants/{id}/obligations", declarantId).then().statusCode(200).body(at("items", hasSize(130)));
        Api.as(Tokens.auditor()).queryParam("from", "2016-01-01").queryParam("to", "2026-01-01")
                .get("/declarants/{id}/obligations", declarantId).then().statusCode(400)
                .body(at("errors[0].field", equalTo("to")));
        Api.invalidRequestAs(Tokens.auditor()).queryParam("from", "2026-01-01")
                .get("/declarants/{id}/obligations", declarantId).then().statusCode(400).body(at("errors[0].field", equalTo("to")));
        Api.as(Tokens.auditor()).queryParam("from", "2026-02-01").queryParam("to", "2026-01-01")
                .get("/declarants/{id}/obligations", declarantId).then().statusCode(400);
        Api.invalidRequestAs(Tokens.auditor()).queryParam("from", "yesterday").queryParam("to", "2026-01-01")
                .get("/declarants/{id}/obligations", declarantId).then().statusCode(400).body(at("errors[0].field", equalTo("from")));
        Api.as(Tokens.auditor()).queryParam("from", "2026-01-01").queryParam("to", "2026-01-31")
                .get("/declarants/{id}/obligations", UUID.randomUUID().toString()).then().statusCode(404);
    }
}
