package fr.backoffice.filing;

import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.filing.FilingApi.agent;
import static fr.backoffice.filing.FilingApi.annualContent;
import static fr.backoffice.filing.FilingApi.line;
import static fr.backoffice.filing.FilingApi.vatContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Validation runs every check and lists every failure at once; a refused validation changes nothing. */
@QuarkusTest
class FilingChecksTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Paris"));

    private static String annualDraft(Map<String, Object> content) {
        String declarantId = FilingApi.declarant("MONTHLY", "12-31", null).getString("id");
        return FilingApi.draft("ANNUAL_ACCOUNTS", declarantId, "2025-01-01", "2025-12-31", content).getString("id");
    }

    private static Map<String, Object> with(Map<String, Object> content, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(content);
        if (value == null) {
            changed.remove(field);
        } else {
            changed.put(field, value);
        }
        return changed;
    }

    @ParameterizedTest(name = "{0} fails alone when {1} is {2}")
    @CsvSource({
            "BALANCE_SHEET_MISMATCH, totalAssets, 1200001, content.totalAssets",
            "NET_INCOME_MISMATCH, netIncome, 149999, content.netIncome",
            "LATE_APPROVAL, approvalDate, 2026-07-01, content.approvalDate",
            "APPROVAL_BEFORE_YEAR_END, approvalDate, 2025-12-31, content.approvalDate",
            "APPROVAL_DATE_MISSING, approvalDate, , content.approvalDate",
            "MISSING_FIGURES, revenue, , content.revenue"})
    void each_check_of_annual_accounts_fails_on_its_own(String code, String field, String value, String errorField) {
        Object typed = value == null ? null : field.equals("approvalDate") ? value : Long.parseLong(value);
        String id = annualDraft(with(annualContent("2026-05-20"), field, typed));

        FilingApi.validate(agent(), id).then().statusCode(422)
                .contentType("application/problem+json")
                .body(at("code", equalTo("FILING_CHECKS_FAILED")))
                .body(at("errors", hasSize(1)))
                .body(at("errors[0].field", equalTo(errorField)))
                .body(at("errors[0].message", startsWith(code + ": ")));

        JsonPath filing = FilingApi.get(id);
        assertThat(filing.getString("status")).isEqualTo("DRAFT");
        assertThat(filing.getLong("version")).isZero();
        assertThat(filing.getBoolean("checks.passed")).isFalse();
        assertThat(filing.getList("checks.results.findAll { it.outcome == 'FAILED' }.code", String.class)).containsExactly(code);
        assertThat(filing.getString("validatedBy")).isNull();
        assertThat(filing.getList("history")).hasSize(1);
    }

    @Test
    void an_approval_date_in_the_future_fails_on_its_own() {
        LocalDate yearEnd = TODAY.minusMonths(2).with(TemporalAdjusters.lastDayOfMonth());
        String fiscalYearEnd = String.format("%02d-%02d", yearEnd.getMonthValue(), yearEnd.getDayOfMonth());
        String declarantId = FilingApi.declarant("QUARTERLY", fiscalYearEnd, null).getString("id");
        String start = yearEnd.minusYears(1).plusDays(1).toString();
        String id = FilingApi.draft("ANNUAL_ACCOUNTS", declarantId, start, yearEnd.toString(),
                annualContent(TODAY.plusDays(10).toString())).getString("id");
        FilingApi.validate(agent(), id).then().statusCode(422)
                .body(at("errors", hasSize(1)))
                .body(at("errors[0].message", startsWith("APPROVAL_DATE_IN_FUTURE: ")));
    }

    @Test
    void several_failed_checks_are_listed_together() {
        Map<String, Object> content = with(with(with(annualContent("2026-09-01"), "totalAssets", 1L), "netIncome", 1L), "expenses", 7L);
        String id = annualDraft(content);
        FilingApi.validate(agent(), id).then().statusCode(422)
                .body(at("code", equalTo("FILING_CHECKS_FAILED")))
                .body(at("detail", equalTo("3 check(s) failed: BALANCE_SHEET_MISMATCH, NET_INCOME_MISMATCH, LATE_APPROVAL.")))
                .body(at("errors.field", equalTo(List.of("content.totalAssets", "content.netIncome", "content.approvalDate"))))
                .body(at("errors[0].message", startsWith("BALANCE_SHEET_MISMATCH: ")))
                .body(at("errors[1].message", startsWith("NET_INCOME_MISMATCH: ")))
                .body(at("errors[2].message", startsWith("LATE_APPROVAL: ")));
    }

    @Test
    void the_checks_follow_the_content_and_a_fixed_draft_validates() {
        String id = annualDraft(with(annualContent(null), "totalAssets", 1_000_000L));
        JsonPath draft = FilingApi.get(id);
        assertThat(draft.getList("checks.results.findAll { it.outcome == 'FAILED' }.code", String.class))
                .containsExactly("BALANCE_SHEET_MISMATCH", "APPROVAL_DATE_MISSING");
        assertThat(draft.getList("checks.results.findAll { it.outcome == 'SKIPPED' }.code", String.class))
                .containsExactly("APPROVAL_BEFORE_YEAR_END", "LATE_APPROVAL", "APPROVAL_DATE_IN_FUTURE");
        assertThat(draft.getLong("computed.balanceSheetDifference")).isEqualTo(-200_000L);

        Api.as(Tokens.frontOffice()).header("If-Match", "\"0\"").body(annualContent("2026-06-30"))
                .put("/filings/{id}/content", id).then().statusCode(200)
                .body(at("checks.passed", equalTo(true)))
                .body(at("computed.balanceSheetDifference", equalTo(0)));
        FilingApi.validate(agent(), id).then().statusCode(200).body(at("status", equalTo("VALIDATED")))
                .body(at("checks.results.outcome", hasSize(8)));
    }

    @Test
    void a_vat_return_with_two_lines_at_one_rate_fails_duplicate_rate() {
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2025-03-01", "2025-03-31",
                vatContent(List.of(line("20", 100), line("20", 200)), 0, null)).getString("id");
        FilingApi.validate(agent(), id).then().statusCode(422)
                .body(at("errors", hasSize(1)))
                .body(at("errors[0].field", equalTo("content.taxableSales[1].rate")))
                .body(at("errors[0].message", startsWith("DUPLICATE_RATE: ")));
    }

    @Test
    void a_vat_return_must_state_its_figures_even_when_they_are_zero() {
        String declarantId = FilingApi.monthlyDeclarant();
        String id = FilingApi.draft("VAT_RETURN", declarantId, "2025-04-01", "2025-04-30",
                Map.of("taxableSales", List.of(line("20", 100)))).getString("id");
        FilingApi.validate(agent(), id).then().statusCode(422)
                .body(at("errors", hasSize(1)))
                .body(at("errors[0].field", equalTo("content.deductibleVat.goodsAndServices")))
                .body(at("errors[0].message", startsWith("MISSING_FIGURES: ")));
        // (a declarant of its own: May's return would otherwise wait for April's to be accepted)
        String zero = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2025-05-01", "2025-05-31",
                vatContent(List.of(), 0, null)).getString("id");
        FilingApi.validate(agent(), zero).then().statusCode(200);
    }

    @Test
    void a_return_for_a_period_not_yet_over_is_a_draft_that_cannot_be_validated() {
        LocalDate nextMonth = TODAY.plusMonths(1).withDayOfMonth(1);
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), nextMonth.toString(),
                nextMonth.with(TemporalAdjusters.lastDayOfMonth()).toString(), vatContent(List.of(), 0, null)).getString("id");
        FilingApi.validate(agent(), id).then().statusCode(422)
                .body(at("errors", hasSize(1)))
                .body(at("errors[0].field", equalTo("periodEnd")))
                .body(at("errors[0].message", startsWith("PERIOD_NOT_ENDED: ")));
    }

    @Test
    void a_validated_filing_is_not_validated_again() {
        String id = FilingApi.draft("VAT_RETURN", FilingApi.monthlyDeclarant(), "2025-06-01", "2025-06-30",
                vatContent(List.of(), 0, null)).getString("id");
        FilingApi.validate(agent(), id).then().statusCode(200);
        FilingApi.validate(agent(), id).then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
    }
}
