package fr.backoffice.filing.annual;

import fr.backoffice.filing.FilingCalendar;
import fr.backoffice.filing.Period;
import fr.backoffice.filing.check.CheckReport;
import fr.backoffice.filing.check.CheckResult;
import fr.backoffice.filing.check.PeriodCheck;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What must hold before annual accounts are validated. Every check runs, so a failure report lists them all;
 * a check whose figures are missing is {@code SKIPPED} and the missing figures fail {@code MISSING_FIGURES}.
 * <ul>
 *   <li>{@code MISSING_FIGURES}: the six amounts are stated;</li>
 *   <li>{@code BALANCE_SHEET_MISMATCH}: totalAssets = totalLiabilities + equity;</li>
 *   <li>{@code NET_INCOME_MISMATCH}: netIncome = revenue − expenses;</li>
 *   <li>{@code APPROVAL_DATE_MISSING}: the approval date is known;</li>
 *   <li>{@code APPROVAL_BEFORE_YEAR_END}: the accounts were approved after the fiscal year ended;</li>
 *   <li>{@code LATE_APPROVAL}: ...and at the latest six months after it;</li>
 *   <li>{@code APPROVAL_DATE_IN_FUTURE}: ...and not after today;</li>
 *   <li>{@code PERIOD_NOT_ENDED}: the fiscal year is over.</li>
 * </ul>
 */
public final class AnnualAccountsChecks {

    public static final String MISSING_FIGURES = "MISSING_FIGURES";
    public static final String BALANCE_SHEET_MISMATCH = "BALANCE_SHEET_MISMATCH";
    public static final String NET_INCOME_MISMATCH = "NET_INCOME_MISMATCH";
    public static final String APPROVAL_DATE_MISSING = "APPROVAL_DATE_MISSING";
    public static final String APPROVAL_BEFORE_YEAR_END = "APPROVAL_BEFORE_YEAR_END";
    public static final String LATE_APPROVAL = "LATE_APPROVAL";
    public static final String APPROVAL_DATE_IN_FUTURE = "APPROVAL_DATE_IN_FUTURE";
    public static final String PERIOD_NOT_ENDED = PeriodCheck.PERIOD_NOT_ENDED;

    private AnnualAccountsChecks() {
    }

    /** The values the checks compare, as far as the figures allow. */
    public static AnnualAccountsComputed compute(AnnualAccountsContent content, Period fiscalYear) {
        Long liabilitiesAndEquity = sum(content.totalLiabilities(), content.equity());
        Long revenueMinusExpenses = difference(content.revenue(), content.expenses());
        return new AnnualAccountsComputed(liabilitiesAndEquity, difference(content.totalAssets(), liabilitiesAndEquity),
                revenueMinusExpenses, difference(content.netIncome(), revenueMinusExpenses),
                FilingCalendar.approvalDeadline(fiscalYear).toString());
    }

    public static CheckReport run(AnnualAccountsContent content, Period fiscalYear, LocalDate today) {
        AnnualAccountsComputed computed = compute(content, fiscalYear);
        List<CheckResult> results = new ArrayList<>();
        results.add(missingFigures(content));
        results.add(balanceSheet(content, computed));
        results.add(netIncome(content, computed));
        LocalDate approval = content.approvalDay();
        results.add(approval == null
                ? CheckResult.failed(APPROVAL_DATE_MISSING, "content.approvalDate",
                "The approval date of the accounts is required.")
                : CheckResult.passed(APPROVAL_DATE_MISSING, "content.approvalDate", "The approval date is known."));
        results.addAll(approvalChecks(approval, fiscalYear, today));
        results.add(PeriodCheck.periodEnded(fiscalYear, today));
        return new CheckReport(results);
    }

    private static CheckResult missingFigures(AnnualAccountsContent content) {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("content.totalAssets", content.totalAssets());
        figures.put("content.totalLiabilities", content.totalLiabilities());
        figures.put("content.equity", content.equity());
        figures.put("content.revenue", content.revenue());
        figures.put("content.expenses", content.expenses());
        figures.put("content.netIncome", content.netIncome());
        List<String> missing = figures.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        if (missing.isEmpty()) {
            return CheckResult.passed(MISSING_FIGURES, null, "Every figure of the accounts is stated.");
        }
        return CheckResult.failed(MISSING_FIGURES, missing.get(0), "Missing figures: " + String.join(", ", missing) + ".");
    }

    private static CheckResult balanceSheet(AnnualAccountsContent content, AnnualAccountsComputed computed) {
        if (computed.balanceSheetDifference() == null) {
            return CheckResult.skipped(BALANCE_SHEET_MISMATCH, "content.totalAssets",
                    "Needs totalAssets, totalLiabilities and equity.");
        }
        if (computed.balanceSheetDifference() == 0) {
            return CheckResult.passed(BALANCE_SHEET_MISMATCH, "content.totalAssets",
                    "totalAssets equals totalLiabilities + equity.");
        }
        return CheckResult.failed(BALANCE_SHEET_MISMATCH, "content.totalAssets", "totalAssets (" + content.totalAssets()
                + ") must equal totalLiabilities + equity (" + computed.liabilitiesAndEquity() + ").");
    }

    private static CheckResult netIncome(AnnualAccountsContent content, AnnualAccountsComputed computed) {
        if (computed.netIncomeDifference() == null) {
            return CheckResult.skipped(NET_INCOME_MISMATCH, "content.netIncome", "Needs netIncome, revenue and expenses.");
        }
        if (computed.netIncomeDifference() == 0) {
            return CheckResult.passed(NET_INCOME_MISMATCH, "content.netIncome", "netIncome equals revenue − expenses.");
        }
        return CheckResult.failed(NET_INCOME_MISMATCH, "content.netIncome", "netIncome (" + content.netIncome()
                + ") must equal revenue − expenses (" + computed.revenueMinusExpenses() + ").");
    }

    private static List<CheckResult> approvalChecks(LocalDate approval, Period fiscalYear, LocalDate today) {
        String field = "content.approvalDate";
        if (approval == null) {
            String why = "Needs the approval date.";
            return List.of(CheckResult.skipped(APPROVAL_BEFORE_YEAR_END, field, why),
                    CheckResult.skipped(LATE_APPROVAL, field, why),
                    CheckResult.skipped(APPROVAL_DATE_IN_FUTURE, field, why));
        }
        LocalDate deadline = FilingCalendar.approvalDeadline(fiscalYear);
        return List.of(
                approval.isAfter(fiscalYear.end())
                        ? CheckResult.passed(APPROVAL_BEFORE_YEAR_END, field, "Approved after the fiscal year end.")
                        : CheckResult.failed(APPROVAL_BEFORE_YEAR_END, field, "The accounts cannot be approved on "
                        + approval + ", before the fiscal year ends (" + fiscalYear.end() + ")."),
                approval.isAfter(deadline)
                        ? CheckResult.failed(LATE_APPROVAL, field, "Approved on " + approval
                        + ", more than six months after the fiscal year end (deadline " + deadline + ").")
                        : CheckResult.passed(LATE_APPROVAL, field, "Approved within six months of the fiscal year end."),
                approval.isAfter(today)
                        ? CheckResult.failed(APPROVAL_DATE_IN_FUTURE, field, "The approval date " + approval + " is in the future.")
                        : CheckResult.passed(APPROVAL_DATE_IN_FUTURE, field, "The approval date is not in the future."));
    }

    private static Long sum(Long a, Long b) {
        return a == null || b == null ? null : a + b;
    }

    private static Long difference(Long a, Long b) {
        return a == null || b == null ? null : a - b;
    }
}
