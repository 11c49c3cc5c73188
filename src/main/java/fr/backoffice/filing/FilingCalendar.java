package fr.backoffice.filing;

import fr.backoffice.declarant.FiscalYearEnd;
import fr.backoffice.declarant.VatRegime;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The filing dates: which periods a declarant must file for, when each declaration is due, and
 * whether a period given by a client is one of them. Plain Java, no clock: callers pass "today".
 */
public final class FilingCalendar {

    /** VAT returns are due on this day of the month after the period. */
    public static final int VAT_DUE_DAY = 19;
    /** Annual accounts must be approved within this many months after the fiscal year end. */
    public static final int APPROVAL_MONTHS = 6;
    /** Annual accounts are due this long after their approval... */
    public static final int MONTHS_AFTER_APPROVAL = 1;
    /** ...or, while no approval date is known, this long after the fiscal year end. */
    public static final int MONTHS_AFTER_YEAR_END = 7;

    private FilingCalendar() {
    }

    /** One declaration a declarant is expected to file. */
    public record Expected(FilingType type, Period period) {
    }

    // ---- VAT periods

    /** The calendar month or quarter (as the regime says) containing {@code day}. */
    public static Period vatPeriodContaining(VatRegime regime, LocalDate day) {
        LocalDate start = regime == VatRegime.MONTHLY
                ? day.withDayOfMonth(1)
                : LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        int months = regime == VatRegime.MONTHLY ? 1 : 3;
        return new Period(start, start.plusMonths(months).minusDays(1));
    }

    /** Every VAT period of the regime that overlaps {@code [from, to]}, in order. */
    public static List<Period> vatPeriods(VatRegime regime, LocalDate from, LocalDate to) {
        List<Period> periods = new ArrayList<>();
        for (Period period = vatPeriodContaining(regime, from); !period.start().isAfter(to);
             period = vatPeriodContaining(regime, period.end().plusDays(1))) {
            periods.add(period);
        }
        return periods;
    }

    /** The 19th of the month after the period. */
    public static LocalDate vatDueDate(Period period) {
        return period.end().plusMonths(1).withDayOfMonth(VAT_DUE_DAY);
    }

    // ---- fiscal years

    /** The fiscal year ending in calendar year {@code year}: from the day after the previous year end to this one. */
    public static Period fiscalYearEndingIn(MonthDay fiscalYearEnd, int year) {
        return new Period(FiscalYearEnd.endIn(fiscalYearEnd, year - 1).plusDays(1), FiscalYearEnd.endIn(fiscalYearEnd, year));
    }

    /** Every fiscal year that overlaps {@code [from, to]}, in order. */
    public static List<Period> fiscalYears(MonthDay fiscalYearEnd, LocalDate from, LocalDate to) {
        List<Period> years = new ArrayList<>();
        for (int year = from.getYear(); year <= to.getYear() + 1; year++) {
            Period fiscalYear = fiscalYearEndingIn(fiscalYearEnd, year);
            if (fiscalYear.overlaps(from, to)) {
                years.add(fiscalYear);
            }
        }
        return years;
    }

    /** Approval date + 1 month, or the fiscal year end + 7 months while no approval date is known. */
    public static LocalDate annualAccountsDueDate(Period fiscalYear, LocalDate approvalDate) {
        return approvalDate != null
                ? approvalDate.plusMonths(MONTHS_AFTER_APPROVAL)
                : fiscalYear.end().plusMonths(MONTHS_AFTER_YEAR_END);
    }

    /** The last day on which the accounts of the fiscal year may be approved. */
    public static LocalDate approvalDeadline(Period fiscalYear) {
        return fiscalYear.end().plusMonths(APPROVAL_MONTHS);
    }

    // ---- what a client may file

    /**
     * Why {@code [start, end]} is not a period a declaration of this type covers for this declarant, or empty
     * when it is one: a month or a quarter as the VAT regime says, the fiscal year for annual accounts.
     */
    public static Optional<String> periodError(FilingType type, VatRegime regime, MonthDay fiscalYearEnd,
                                               LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            return Optional.of("The period ends before it starts.");
        }
        Period expected = expectedPeriod(type, regime, fiscalYearEnd, start);
        if (expected.start().equals(start) && expected.end().equals(end)) {
            return Optional.empty();
        }
        String what = switch (type) {
            case VAT_RETURN -> regime == VatRegime.MONTHLY
                    ? "a calendar month (the declarant files VAT monthly)"
                    : "a calendar quarter (the declarant files VAT quarterly)";
            case ANNUAL_ACCOUNTS -> "the fiscal year ending on " + FiscalYearEnd.format(fiscalYearEnd);
        };
        return Optional.of("The period must be " + what + ", e.g. " + expected + ".");
    }

    private static Period expectedPeriod(FilingType type, VatRegime regime, MonthDay fiscalYearEnd, LocalDate start) {
        return type == FilingType.VAT_RETURN
                ? vatPeriodContaining(regime, start)
                : fiscalYearContaining(fiscalYearEnd, start);
    }

    /** The fiscal year {@code day} belongs to. */
    public static Period fiscalYearContaining(MonthDay fiscalYearEnd, LocalDate day) {
        Period sameYear = fiscalYearEndingIn(fiscalYearEnd, day.getYear());
        return day.isAfter(sameYear.end()) ? fiscalYearEndingIn(fiscalYearEnd, day.getYear() + 1) : sameYear;
    }

    /** True when a declarant liable from {@code liableFrom} (null: always) must file for the period. */
    public static boolean isLiable(LocalDate liableFrom, Period period) {
        return liableFrom == null || !period.end().isBefore(liableFrom);
    }

    // ---- obligations

    /**
     * Every declaration expected over {@code [from, to]}: each VAT period of the regime and each fiscal year
     * that overlaps the range and does not end before {@code liableFrom}; ordered by period end, VAT first.
     */
    public static List<Expected> obligations(VatRegime regime, MonthDay fiscalYearEnd, LocalDate liableFrom,
                                             LocalDate from, LocalDate to) {
        List<Expected> expected = new ArrayList<>();
        for (Period period : vatPeriods(regime, from, to)) {
            if (isLiable(liableFrom, period)) {
                expected.add(new Expected(FilingType.VAT_RETURN, period));
            }
        }
        for (Period year : fiscalYears(fiscalYearEnd, from, to)) {
            if (isLiable(liableFrom, year)) {
                expected.add(new Expected(FilingType.ANNUAL_ACCOUNTS, year));
            }
        }
        expected.sort(Comparator.comparing((Expected e) -> e.period().end()).thenComparing(Expected::type));
        return expected;
    }
}
