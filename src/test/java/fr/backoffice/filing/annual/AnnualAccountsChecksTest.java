package fr.backoffice.filing.annual;

import fr.backoffice.common.error.FieldError;
import fr.backoffice.filing.Period;
import fr.backoffice.filing.check.CheckOutcome;
import fr.backoffice.filing.check.CheckReport;
import fr.backoffice.filing.check.CheckResult;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnnualAccountsChecksTest {

    private static final Period FY2025 = new Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    /** Assets 1 200 000 = liabilities 700 000 + equity 500 000; net income 150 000 = 2 400 000 − 2 250 000. */
    private static AnnualAccountsContent balanced(String approvalDate) {
        return new AnnualAccountsContent(1_200_000L, 700_000L, 500_000L, 2_400_000L, 2_250_000L, 150_000L, approvalDate);
    }

    private static List<String> failed(CheckReport report) {
        return report.failures().stream().map(CheckResult::code).toList();
    }

    @Test
    void consistent_accounts_approved_in_time_pass_every_check() {
        CheckReport report = AnnualAccountsChecks.run(balanced("2026-05-20"), FY2025, TODAY);
        assertThat(report.passed()).isTrue();
        assertThat(report.results()).extracting(CheckResult::code).containsExactly("MISSING_FIGURES", "BALANCE_SHEET_MISMATCH",
                "NET_INCOME_MISMATCH", "APPROVAL_DATE_MISSING", "APPROVAL_BEFORE_YEAR_END", "LATE_APPROVAL",
                "APPROVAL_DATE_IN_FUTURE", "PERIOD_NOT_ENDED");
        AnnualAccountsComputed computed = AnnualAccountsChecks.compute(balanced("2026-05-20"), FY2025);
        assertThat(computed.liabilitiesAndEquity()).isEqualTo(1_200_000L);
        assertThat(computed.balanceSheetDifference()).isZero();
        assertThat(computed.revenueMinusExpenses()).isEqualTo(150_000L);
        assertThat(computed.netIncomeDifference()).isZero();
        assertThat(computed.approvalDeadline()).isEqualTo("2026-06-30");
    }

    @Test
    void assets_not_equal_to_liabilities_plus_equity_fail_balance_sheet_mismatch() {
        AnnualAccountsContent content = new AnnualAccountsContent(1_200_001L, 700_000L, 500_000L, 2_400_000L, 2_250_000L, 150_000L, "2026-05-20");
        CheckReport report = AnnualAccountsChecks.run(content, FY2025, TODAY);
        assertThat(failed(report)).containsExactly("BALANCE_SHEET_MISMATCH");
        assertThat(report.failures().get(0).field()).isEqualTo("content.totalAssets");
        assertThat(AnnualAccountsChecks.compute(content, FY2025).balanceSheetDifference()).isEqualTo(1);
    }

    @Test
    void net_income_not_equal_to_revenue_minus_expenses_fails_net_income_mismatch() {
        AnnualAccountsContent content = new AnnualAccountsContent(1_200_000L, 700_000L, 500_000L, 2_400_000L, 2_250_000L, 140_000L, "2026-05-20");
        assertThat(failed(AnnualAccountsChecks.run(content, FY2025, TODAY))).containsExactly("NET_INCOME_MISMATCH");
    }

    @Test
    void a_loss_and_negative_equity_are_consistent_figures() {
        // assets 100 = liabilities 150 + equity (−50); net income −30 = revenue 70 − expenses 100
        AnnualAccountsContent content = new AnnualAccountsContent(100L, 150L, -50L, 70L, 100L, -30L, "2026-03-01");
        assertThat(AnnualAccountsChecks.run(content, FY2025, TODAY).passed()).isTrue();
        List<FieldError> errors = new ArrayList<>();
        content.normalized(errors);
        assertThat(errors).isEmpty();
    }

    @Test
    void approval_more_than_six_months_after_year_end_fails_late_approval() {
        assertThat(AnnualAccountsChecks.run(balanced("2026-06-30"), FY2025, TODAY).passed()).isTrue();
        CheckReport report = AnnualAccountsChecks.run(balanced("2026-07-01"), FY2025, TODAY);
        assertThat(failed(report)).containsExactly("LATE_APPROVAL");
        assertThat(report.failures().get(0).message()).contains("2026-06-30");
    }

    @Test
    void a_missing_approval_date_fails_and_the_approval_checks_are_skipped() {
        CheckReport report = AnnualAccountsChecks.run(balanced(null), FY2025, TODAY);
        assertThat(failed(report)).containsExactly("APPROVAL_DATE_MISSING");
        assertThat(report.results()).filteredOn(r -> r.outcome() == CheckOutcome.SKIPPED).extracting(CheckResult::code)
                .containsExactly("APPROVAL_BEFORE_YEAR_END", "LATE_APPROVAL", "APPROVAL_DATE_IN_FUTURE");
    }

    @Test
    void approval_must_follow_the_year_end_and_not_be_in_the_future() {
        assertThat(failed(AnnualAccountsChecks.run(balanced("2025-12-31"), FY2025, TODAY))).containsExactly("APPROVAL_BEFORE_YEAR_END");
        assertThat(failed(AnnualAccountsChecks.run(balanced("2026-01-01"), FY2025, TODAY))).isEmpty();
        Period fy2026 = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        assertThat(failed(AnnualAccountsChecks.run(balanced("2027-02-01"), fy2026, TODAY)))
                .containsExactly("APPROVAL_DATE_IN_FUTURE", "PERIOD_NOT_ENDED");
    }

    @Test
    void missing_figures_are_listed_and_the_equalities_they_feed_are_skipped() {
        AnnualAccountsContent content = new AnnualAccountsContent(null, 700_000L, 500_000L, null, 2_250_000L, 150_000L, "2026-05-20");
        CheckReport report = AnnualAccountsChecks.run(content, FY2025, TODAY);
        assertThat(failed(report)).containsExactly("MISSING_FIGURES");
        assertThat(report.failures().get(0).message()).contains("content.totalAssets", "content.revenue");
        assertThat(report.results()).filteredOn(r -> r.outcome() == CheckOutcome.SKIPPED).extracting(CheckResult::code)
                .containsExactly("BALANCE_SHEET_MISMATCH", "NET_INCOME_MISMATCH");
        AnnualAccountsComputed computed = AnnualAccountsChecks.compute(content, FY2025);
        assertThat(computed.liabilitiesAndEquity()).isEqualTo(1_200_000L);
        assertThat(computed.balanceSheetDifference()).isNull();
    }

    @Test
    void several_failures_are_all_reported_at_once() {
        AnnualAccountsContent content = new AnnualAccountsContent(1L, 700_000L, 500_000L, 2_400_000L, 2_250_000L, 1L, "2026-09-01");
        assertThat(failed(AnnualAccountsChecks.run(content, FY2025, TODAY)))
                .containsExactly("BALANCE_SHEET_MISMATCH", "NET_INCOME_MISMATCH", "LATE_APPROVAL");
    }

    @Test
    void input_rules_refuse_negative_assets_and_bad_dates() {
        List<FieldError> errors = new ArrayList<>();
        new AnnualAccountsContent(-1L, -1L, -1_000_000_000_000_000L, -1L, -1L, 5L, "2026-02-30").normalized(errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("content.totalAssets", "content.totalLiabilities",
                "content.equity", "content.revenue", "content.expenses", "content.approvalDate");
        errors.clear();
        new AnnualAccountsContent(null, null, null, null, null, null, "1899-12-31").normalized(errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("content.approvalDate");
    }
}
