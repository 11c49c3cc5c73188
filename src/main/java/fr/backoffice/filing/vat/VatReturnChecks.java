package fr.backoffice.filing.vat;

import fr.backoffice.filing.Period;
import fr.backoffice.filing.check.CheckReport;
import fr.backoffice.filing.check.CheckResult;
import fr.backoffice.filing.check.PeriodCheck;
import fr.backoffice.filing.vat.VatReturnContent.VatLine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What must hold before a VAT return is validated. Every check runs, so a failure report lists them all.
 * <ul>
 *   <li>{@code MISSING_FIGURES}: taxable sales (an empty list is an explicit "none") and the three deductible
 *   VAT figures are stated — a zero return states zeros;</li>
 *   <li>{@code DUPLICATE_RATE}: at most one line per rate in each list, as on the form;</li>
 *   <li>{@code CREDIT_CARRIED_FORWARD_MISMATCH}: a declared credit brought forward equals the credit to carry
 *   forward of the previous accepted return, when there is one;</li>
 *   <li>{@code PREVIOUS_RETURN_NOT_ACCEPTED}: the credit is brought forward from the return of the immediately
 *   preceding period only, so that return is accepted (a declarant's first return has none);</li>
 *   <li>{@code PERIOD_NOT_ENDED}: the period is over.</li>
 * </ul>
 */
public final class VatReturnChecks {

    public static final String MISSING_FIGURES = "MISSING_FIGURES";
    public static final String DUPLICATE_RATE = "DUPLICATE_RATE";
    public static final String CREDIT_CARRIED_FORWARD_MISMATCH = "CREDIT_CARRIED_FORWARD_MISMATCH";
    public static final String PREVIOUS_RETURN_NOT_ACCEPTED = "PREVIOUS_RETURN_NOT_ACCEPTED";
    /** The preceding period has no return at all, though earlier periods have. */
    public static final String MISSING = "MISSING";
    public static final String PERIOD_NOT_ENDED = PeriodCheck.PERIOD_NOT_ENDED;

    private VatReturnChecks() {
    }

    /**
     * {@code previous}: the preceding period's accepted return, or null; {@code precedingNotAccepted}: when it is not
     * accepted, the status of its return ({@link #MISSING} when there is none), else null.
     */
    public static CheckReport run(VatReturnContent content, PreviousReturn previous, String precedingNotAccepted,
                                  Period period, LocalDate today) {
        List<CheckResult> results = new ArrayList<>();
        results.add(missingFigures(content));
        results.add(duplicateRates(content));
        results.add(creditBroughtForward(content, previous));
        results.add(precedingAccepted(precedingNotAccepted));
        results.add(PeriodCheck.periodEnded(period, today));
        return new CheckReport(results);
    }

    private static CheckResult missingFigures(VatReturnContent content) {
        List<String> missing = new ArrayList<>();
        if (content.taxableSales() == null) {
            missing.add("content.taxableSales");
        }
        if (content.deductibleVat() == null || content.deductibleVat().goodsAndServices() == null) {
            missing.add("content.deductibleVat.goodsAndServices");
        }
        if (content.deductibleVat() == null || content.deductibleVat().fixedAssets() == null) {
            missing.add("content.deductibleVat.fixedAssets");
        }
        if (content.deductibleVat() == null || content.deductibleVat().other() == null) {
            missing.add("content.deductibleVat.other");
        }
        if (missing.isEmpty()) {
            return CheckResult.passed(MISSING_FIGURES, null, "Every figure of the return is stated.");
        }
        return CheckResult.failed(MISSING_FIGURES, missing.get(0),
                "Missing figures (state 0 or an empty list for none): " + String.join(", ", missing) + ".");
    }

    private static CheckResult duplicateRates(VatReturnContent content) {
        String duplicate = firstDuplicate("content.taxableSales", content.taxableSales());
        if (duplicate == null) {
            duplicate = firstDuplicate("content.intraEuAcquisitions", content.intraEuAcquisitions());
        }
        if (duplicate == null) {
            return CheckResult.passed(DUPLICATE_RATE, null, "At most one line per rate.");
        }
        return CheckResult.failed(DUPLICATE_RATE, duplicate,
                "Each rate may appear on one line only; add up the bases of the same rate.");
    }

    private static String firstDuplicate(String field, List<VatLine> lines) {
        if (lines == null) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!seen.add(lines.get(i).rate())) {
                return field + "[" + i + "].rate";
            }
        }
        return null;
    }

    private static CheckResult precedingAccepted(String notAccepted) {
        if (notAccepted == null) {
            return CheckResult.passed(PREVIOUS_RETURN_NOT_ACCEPTED, null,
                    "The return of the preceding period is accepted, or this is the declarant's first return.");
        }
        return CheckResult.failed(PREVIOUS_RETURN_NOT_ACCEPTED, "content.creditCarriedForward", MISSING.equals(notAccepted)
                ? "The preceding period has no VAT return: file it first, its credit to carry forward comes here."
                : "The return of the preceding period is " + notAccepted + ", not accepted: its credit to carry forward "
                        + "is not known yet.");
    }

    private static CheckResult creditBroughtForward(VatReturnContent content, PreviousReturn previous) {
        Long declared = content.creditCarriedForward();
        if (declared == null) {
            return CheckResult.passed(CREDIT_CARRIED_FORWARD_MISMATCH, null, previous == null
                    ? "No credit declared and no previous accepted return: none brought forward."
                    : "The credit to carry forward of the previous accepted return is brought forward.");
        }
        if (previous == null || previous.creditToCarryForward() == declared) {
            return CheckResult.passed(CREDIT_CARRIED_FORWARD_MISMATCH, "content.creditCarriedForward",
                    "The declared credit brought forward is consistent with the accepted returns.");
        }
        return CheckResult.failed(CREDIT_CARRIED_FORWARD_MISMATCH, "content.creditCarriedForward",
                "The declared credit brought forward (" + declared + ") differs from the credit to carry forward of the "
                        + "previous accepted return (" + previous.creditToCarryForward() + "); omit it to use that one.");
    }
}
