package fr.backoffice.filing;

import fr.backoffice.declarant.FiscalYearEnd;
import fr.backoffice.declarant.VatRegime;
import fr.backoffice.filing.FilingCalendar.Expected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilingCalendarTest {

    private static final MonthDay DECEMBER_31 = MonthDay.of(12, 31);
    private static final MonthDay JUNE_30 = MonthDay.of(6, 30);

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    private static Period p(String start, String end) {
        return new Period(d(start), d(end));
    }

    @ParameterizedTest(name = "VAT for {0}..{1} is due {2}")
    @CsvSource({
            "2026-10-01, 2026-10-31, 2026-11-19",
            "2026-12-01, 2026-12-31, 2027-01-19",
            "2026-01-01, 2026-01-31, 2026-02-19",
            "2026-01-01, 2026-03-31, 2026-04-19",
            "2026-10-01, 2026-12-31, 2027-01-19"})
    void vat_is_due_on_the_19th_of_the_month_after_the_period(String start, String end, String due) {
        assertThat(FilingCalendar.vatDueDate(p(start, end))).isEqualTo(d(due));
    }

    @Test
    void annual_accounts_are_due_a_month_after_approval_or_seven_months_after_year_end() {
        Period fy2025 = p("2025-01-01", "2025-12-31");
        assertThat(FilingCalendar.annualAccountsDueDate(fy2025, d("2026-05-20"))).isEqualTo(d("2026-06-20"));
        assertThat(FilingCalendar.annualAccountsDueDate(fy2025, d("2026-01-31"))).isEqualTo(d("2026-02-28"));
        assertThat(FilingCalendar.annualAccountsDueDate(fy2025, null)).isEqualTo(d("2026-07-31"));
        assertThat(FilingCalendar.annualAccountsDueDate(p("2025-07-01", "2026-06-30"), null)).isEqualTo(d("2027-01-30"));
        assertThat(FilingCalendar.approvalDeadline(fy2025)).isEqualTo(d("2026-06-30"));
        assertThat(FilingCalendar.approvalDeadline(p("2025-07-01", "2026-06-30"))).isEqualTo(d("2026-12-30"));
    }

    @Test
    void monthly_periods_over_a_range_are_the_calendar_months_it_touches() {
        assertThat(FilingCalendar.vatPeriods(VatRegime.MONTHLY, d("2026-01-15"), d("2026-03-02"))).containsExactly(
                p("2026-01-01", "2026-01-31"), p("2026-02-01", "2026-02-28"), p("2026-03-01", "2026-03-31"));
        assertThat(FilingCalendar.vatPeriods(VatRegime.MONTHLY, d("2024-02-10"), d("2024-02-10")))
                .containsExactly(p("2024-02-01", "2024-02-29"));
        assertThat(FilingCalendar.vatPeriods(VatRegime.MONTHLY, d("2016-01-01"), d("2025-12-31"))).hasSize(120);
    }

    @Test
    void quarterly_periods_over_a_range_are_the_calendar_quarters_it_touches() {
        assertThat(FilingCalendar.vatPeriods(VatRegime.QUARTERLY, d("2026-02-01"), d("2026-08-01"))).containsExactly(
                p("2026-01-01", "2026-03-31"), p("2026-04-01", "2026-06-30"), p("2026-07-01", "2026-09-30"));
        assertThat(FilingCalendar.vatPeriodContaining(VatRegime.QUARTERLY, d("2026-12-31"))).isEqualTo(p("2026-10-01", "2026-12-31"));
    }

    @Test
    void fiscal_years_are_named_by_their_end() {
        assertThat(FilingCalendar.fiscalYearEndingIn(DECEMBER_31, 2025)).isEqualTo(p("2025-01-01", "2025-12-31"));
        assertThat(FilingCalendar.fiscalYearEndingIn(JUNE_30, 2026)).isEqualTo(p("2025-07-01", "2026-06-30"));
        assertThat(FilingCalendar.fiscalYearContaining(JUNE_30, d("2026-07-01"))).isEqualTo(p("2026-07-01", "2027-06-30"));
        assertThat(FilingCalendar.fiscalYearContaining(JUNE_30, d("2026-06-30"))).isEqualTo(p("2025-07-01", "2026-06-30"));
    }

    @Test
    void a_fiscal_year_ending_29_february_ends_on_the_28th_in_common_years() {
        MonthDay leapDay = FiscalYearEnd.parse("02-29");
        assertThat(FilingCalendar.fiscalYearEndingIn(leapDay, 2024)).isEqualTo(p("2023-03-01", "2024-02-29"));
        assertThat(FilingCalendar.fiscalYearEndingIn(leapDay, 2025)).isEqualTo(p("2024-03-01", "2025-02-28"));
    }

    @Test
    void fiscal_years_overlapping_a_range() {
        assertThat(FilingCalendar.fiscalYears(DECEMBER_31, d("2025-06-01"), d("2026-02-01")))
                .containsExactly(p("2025-01-01", "2025-12-31"), p("2026-01-01", "2026-12-31"));
        assertThat(FilingCalendar.fiscalYears(JUNE_30, d("2026-01-01"), d("2026-12-31")))
                .containsExactly(p("2025-07-01", "2026-06-30"), p("2026-07-01", "2027-06-30"));
        assertThat(FilingCalendar.fiscalYears(JUNE_30, d("2026-07-01"), d("2026-07-01")))
                .containsExactly(p("2026-07-01", "2027-06-30"));
    }

    @Test
    void a_period_a_client_gives_must_be_one_of_the_regime_or_the_fiscal_year() {
        assertThat(FilingCalendar.periodError(FilingType.VAT_RETURN, VatRegime.MONTHLY, DECEMBER_31, d("2026-10-01"), d("2026-10-31"))).isEmpty();
        assertThat(FilingCalendar.periodError(FilingType.VAT_RETURN, VatRegime.MONTHLY, DECEMBER_31, d("2026-10-01"), d("2026-12-31")))
                .hasValueSatisfying(error -> assertThat(error).contains("calendar month", "2026-10-01 to 2026-10-31"));
        assertThat(FilingCalendar.periodError(FilingType.VAT_RETURN, VatRegime.QUARTERLY, DECEMBER_31, d("2026-10-01"), d("2026-12-31"))).isEmpty();
        assertThat(FilingCalendar.periodError(FilingType.VAT_RETURN, VatRegime.QUARTERLY, DECEMBER_31, d("2026-10-01"), d("2026-10-31")))
                .hasValueSatisfying(error -> assertThat(error).contains("calendar quarter"));
        assertThat(FilingCalendar.periodError(FilingType.VAT_RETURN, VatRegime.QUARTERLY, DECEMBER_31, d("2026-11-01"), d("2027-01-31"))).isPresent();
        assertThat(FilingCalendar.periodError(FilingType.VAT_RETURN, VatRegime.MONTHLY, DECEMBER_31, d("2026-10-02"), d("2026-10-31"))).isPresent();
        assertThat(FilingCalendar.periodError(FilingType.ANNUAL_ACCOUNTS, VatRegime.MONTHLY, JUNE_30, d("2025-07-01"), d("2026-06-30"))).isEmpty();
        assertThat(FilingCalendar.periodError(FilingType.ANNUAL_ACCOUNTS, VatRegime.MONTHLY, JUNE_30, d("2025-01-01"), d("2025-12-31")))
                .hasValueSatisfying(error -> assertThat(error).contains("fiscal year ending on 06-30"));
        assertThat(FilingCalendar.periodError(FilingType.VAT_RETURN, VatRegime.MONTHLY, DECEMBER_31, d("2026-10-31"), d("2026-10-01")))
                .hasValue("The period ends before it starts.");
    }

    @Test
    void obligations_list_every_vat_period_and_fiscal_year_ordered_by_period_end() {
        List<Expected> obligations = FilingCalendar.obligations(VatRegime.QUARTERLY, JUNE_30, null, d("2026-01-01"), d("2026-12-31"));
        assertThat(obligations).containsExactly(
                new Expected(FilingType.VAT_RETURN, p("2026-01-01", "2026-03-31")),
                new Expected(FilingType.VAT_RETURN, p("2026-04-01", "2026-06-30")),
                new Expected(FilingType.ANNUAL_ACCOUNTS, p("2025-07-01", "2026-06-30")),
                new Expected(FilingType.VAT_RETURN, p("2026-07-01", "2026-09-30")),
                new Expected(FilingType.VAT_RETURN, p("2026-10-01", "2026-12-31")),
                new Expected(FilingType.ANNUAL_ACCOUNTS, p("2026-07-01", "2027-06-30")));
    }

    @Test
    void obligations_start_when_the_declarant_becomes_liable() {
        List<Expected> obligations = FilingCalendar.obligations(VatRegime.MONTHLY, DECEMBER_31, d("2026-03-15"),
                d("2025-11-01"), d("2026-05-31"));
        assertThat(obligations).containsExactly(
                new Expected(FilingType.VAT_RETURN, p("2026-03-01", "2026-03-31")),
                new Expected(FilingType.VAT_RETURN, p("2026-04-01", "2026-04-30")),
                new Expected(FilingType.VAT_RETURN, p("2026-05-01", "2026-05-31")),
                new Expected(FilingType.ANNUAL_ACCOUNTS, p("2026-01-01", "2026-12-31")));
        assertThat(FilingCalendar.isLiable(d("2026-03-15"), p("2026-02-01", "2026-02-28"))).isFalse();
        assertThat(FilingCalendar.isLiable(null, p("1990-02-01", "1990-02-28"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12-31", "06-30", "02-29", "01-01"})
    void fiscal_year_ends_are_month_and_day(String value) {
        assertThat(FiscalYearEnd.format(FiscalYearEnd.parse(value))).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"02-30", "13-01", "00-10", "12-32", "1231", "12/31", "--12-31", "2-28", ""})
    void anything_else_is_not_a_fiscal_year_end(String value) {
        assertThatThrownBy(() -> FiscalYearEnd.parse(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void obligation_status_is_overdue_only_after_the_due_date() {
        LocalDate due = d("2026-11-19");
        assertThat(ObligationStatus.of(false, due, d("2026-11-19"))).isEqualTo(ObligationStatus.OPEN);
        assertThat(ObligationStatus.of(false, due, d("2026-11-20"))).isEqualTo(ObligationStatus.OVERDUE);
        assertThat(ObligationStatus.of(true, due, d("2027-01-01"))).isEqualTo(ObligationStatus.FULFILLED);
    }
}
