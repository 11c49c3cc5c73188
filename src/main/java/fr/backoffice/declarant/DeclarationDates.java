package fr.backoffice.declarant;

import fr.backoffice.common.error.ApiException;

import java.time.LocalDate;

/**
 * The days a declaration may be about. A date outside {@code [EARLIEST, LATEST]} (a declarant's {@code liableFrom},
 * a filing's period, an approval date, an obligations range) is refused as input: nobody files for it, and the
 * range keeps date arithmetic in bounds.
 */
public final class DeclarationDates {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    /** The field error of a day out of range. */
    public static final String OUT_OF_RANGE = "must be between " + EARLIEST + " and " + LATEST;

    private DeclarationDates() {
    }

    public static boolean contains(LocalDate day) {
        return !day.isBefore(EARLIEST) && !day.isAfter(LATEST);
    }

    /** The day, or a 400 {@code VALIDATION_FAILED} naming {@code field} when it is out of range. */
    public static LocalDate check(String field, LocalDate day) {
        if (!contains(day)) {
            throw ApiException.invalidField(field, OUT_OF_RANGE);
        }
        return day;
    }
}
