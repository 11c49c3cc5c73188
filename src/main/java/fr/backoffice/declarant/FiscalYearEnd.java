package fr.backoffice.declarant;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.regex.Pattern;

/**
 * The last day of a declarant's fiscal year, written {@code MM-DD}. A fiscal year is named by the date it
 * ends on; {@code 02-29} ends on 28 February in common years (as {@link MonthDay#atYear} does).
 */
public final class FiscalYearEnd {

    private static final Pattern MM_DD = Pattern.compile("[0-9]{2}-[0-9]{2}");

    private FiscalYearEnd() {
    }

    /** The month and day of {@code MM-DD}, or an {@link IllegalArgumentException} saying what is wrong. */
    public static MonthDay parse(String value) {
        if (value == null || !MM_DD.matcher(value).matches()) {
            throw new IllegalArgumentException("must be MM-DD, e.g. 12-31");
        }
        try {
            return MonthDay.of(Integer.parseInt(value.substring(0, 2)), Integer.parseInt(value.substring(3)));
        } catch (DateTimeException noSuchDay) {
            throw new IllegalArgumentException("is not a day of the year (MM-DD, e.g. 12-31)");
        }
    }

    public static String format(MonthDay fiscalYearEnd) {
        return String.format("%02d-%02d", fiscalYearEnd.getMonthValue(), fiscalYearEnd.getDayOfMonth());
    }

    /** The last day of the fiscal year that ends in calendar year {@code year}. */
    public static LocalDate endIn(MonthDay fiscalYearEnd, int year) {
        return fiscalYearEnd.atYear(year);
    }
}
