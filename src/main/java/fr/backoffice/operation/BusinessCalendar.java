package fr.backoffice.operation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.MonthDay;
import java.util.Objects;
import java.util.Set;

/**
 * The TARGET2 calendar: the days on which euro payments settle. French public holidays such
 * as 14 July or Ascension are not TARGET2 holidays, so they stay business days here. And the
 * calendar day in the bank's zone an instant belongs to ({@link #dayOf}), the day daily limits count over.
 */
public final class BusinessCalendar {

    private static final Set<MonthDay> FIXED_HOLIDAYS = Set.of(
            MonthDay.of(1, 1),
            MonthDay.of(5, 1),
            MonthDay.of(12, 25),
            MonthDay.of(12, 26));

    /** The computus below is the Gregorian one; earlier years had a different Easter rule. */
    private static final int FIRST_GREGORIAN_YEAR = 1583;

    private BusinessCalendar() {
    }

    /** A calendar day in the bank's zone, as the instants it runs over: from {@code start} included to {@code end} excluded. */
    public record Day(LocalDate date, Instant start, Instant end) {
    }

    /**
     * The calendar day in {@code zone} that {@code instant} falls on. Days where the clocks change last 23 or 25 hours;
     * a day whose midnight does not exist (a zone that moves its clocks at midnight) starts at its first instant.
     */
    public static Day dayOf(Instant instant, ZoneId zone) {
        LocalDate date = LocalDate.ofInstant(instant, zone);
        return new Day(date, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /**
     * The calendar month in {@code zone} that {@code instant} falls on, from its first day's start to the next month's
     * (monthly limits count over it: docs/operations-and-ledger.md "Limits and decisions"); {@code date} is its first day.
     */
    public static Day monthOf(Instant instant, ZoneId zone) {
        LocalDate first = LocalDate.ofInstant(instant, zone).withDayOfMonth(1);
        return new Day(first, first.atStartOfDay(zone).toInstant(), first.plusMonths(1).atStartOfDay(zone).toInstant());
    }

    public static boolean isBusinessDay(LocalDate d) {
        Objects.requireNonNull(d, "date");
        return !isWeekend(d) && !isHoliday(d);
    }

    public static LocalDate onOrAfter(LocalDate d) {
        LocalDate day = d;
        while (!isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /**
     * The n-th business day after d, counting from d even when d itself is not a business day
     * (so Saturday + 1 is Monday). n = 0 gives {@link #onOrAfter}, so the result is always a business day.
     */
    public static LocalDate plusBusinessDays(LocalDate d, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("business days to add must not be negative: " + n);
        }
        if (n == 0) {
            return onOrAfter(d);
        }
        LocalDate day = d;
        for (int i = 0; i < n; i++) {
            day = onOrAfter(day.plusDays(1));
        }
        return day;
    }

    /** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        if (year < FIRST_GREGORIAN_YEAR) {
            throw new IllegalArgumentException("Gregorian Easter is defined from " + FIRST_GREGORIAN_YEAR + " on: " + year);
        }
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    private static boolean isWeekend(LocalDate d) {
        DayOfWeek day = d.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    private static boolean isHoliday(LocalDate d) {
        if (FIXED_HOLIDAYS.contains(MonthDay.from(d))) {
            return true;
        }
        LocalDate easter = easterSunday(d.getYear());
        return d.equals(easter.minusDays(2)) || d.equals(easter.plusDays(1));
    }
}
