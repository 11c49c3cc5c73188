package fr.backoffice.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static fr.backoffice.support.Properties.between;
import static fr.backoffice.support.Properties.forAll;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessCalendarTest {

    // --- Easter ---

    /** Published Easter Sunday dates, not computed: the test must not share the code's algorithm. */
    @ParameterizedTest
    @CsvSource({
        "2019, 2019-04-21", "2020, 2020-04-12", "2021, 2021-04-04", "2022, 2022-04-17",
        "2023, 2023-04-09", "2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05",
        "2027, 2027-03-28", "2028, 2028-04-16", "2029, 2029-04-01", "2030, 2030-04-21",
        // Extremes of the range: earliest (22 March) and latest (25 April) possible dates.
        "1818, 1818-03-22", "2285, 2285-03-22", "1943, 1943-04-25", "2038, 2038-04-25",
    })
    void easter_sunday_matches_published_dates(int year, LocalDate easter) {
        assertEquals(easter, BusinessCalendar.easterSunday(year));
        assertEquals(DayOfWeek.SUNDAY, easter.getDayOfWeek());
    }

    @Test
    void easter_before_the_gregorian_reform_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.easterSunday(1582));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019-04-19", "2022-04-15", "2024-03-29", "2025-04-18", "2026-04-03", "2027-03-26"})
    void good_friday_is_a_holiday(LocalDate goodFriday) {
        assertEquals(DayOfWeek.FRIDAY, goodFriday.getDayOfWeek());
        assertFalse(BusinessCalendar.isBusinessDay(goodFriday));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019-04-22", "2022-04-18", "2024-04-01", "2025-04-21", "2026-04-06", "2027-03-29"})
    void easter_monday_is_a_holiday(LocalDate easterMonday) {
        assertEquals(DayOfWeek.MONDAY, easterMonday.getDayOfWeek());
        assertFalse(BusinessCalendar.isBusinessDay(easterMonday));
    }

    // --- fixed holidays and weekends ---

    /** Each fixed holiday on a weekday, so only the holiday rule can make it a non-business day. */
    @ParameterizedTest
    @ValueSource(strings = {"2025-01-01", "2025-05-01", "2025-12-25", "2025-12-26", "2024-01-01", "2024-05-01"})
    void fixed_holidays_are_not_business_days(LocalDate holiday) {
        assertFalse(isWeekend(holiday));
        assertFalse(BusinessCalendar.isBusinessDay(holiday));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-07", "2025-06-08", "2024-12-28", "2024-12-29"})
    void weekends_are_not_business_days(LocalDate weekendDay) {
        assertTrue(isWeekend(weekendDay));
        assertFalse(BusinessCalendar.isBusinessDay(weekendDay));
    }

    /** French bank holidays that TARGET2 keeps open: 8 May, Ascension, Whit Monday, 14 July, 15 Aug, 1 and 11 Nov. */
    @ParameterizedTest
    @ValueSource(strings = {
        "2025-05-08", "2025-05-29", "2025-06-09", "2025-07-14", "2025-08-15", "2024-11-01", "2025-11-11",
        "2025-12-24", "2025-12-31",
    })
    void french_only_holidays_and_the_eves_are_business_days(LocalDate day) {
        assertTrue(BusinessCalendar.isBusinessDay(day));
    }

    // --- moving forward ---

    @Test
    void a_business_day_is_its_own_on_or_after() {
        LocalDate wednesday = LocalDate.of(2025, 6, 11);
        assertEquals(wednesday, BusinessCalendar.onOrAfter(wednesday));
    }

    @Test
    void weekend_moves_to_monday() {
        assertEquals(LocalDate.of(2025, 6, 9), BusinessCalendar.onOrAfter(LocalDate.of(2025, 6, 7)));
        assertEquals(LocalDate.of(2025, 6, 9), BusinessCalendar.onOrAfter(LocalDate.of(2025, 6, 8)));
    }

    @Test
    void one_business_day_after_friday_is_monday() {
        assertEquals(LocalDate.of(2025, 6, 9), BusinessCalendar.plusBusinessDays(LocalDate.of(2025, 6, 6), 1));
    }

    @Test
    void good_friday_weekend_and_easter_monday_move_to_tuesday() {
        LocalDate tuesdayAfterEaster = LocalDate.of(2024, 4, 2);

        assertEquals(tuesdayAfterEaster, BusinessCalendar.onOrAfter(LocalDate.of(2024, 3, 29)));
        assertEquals(tuesdayAfterEaster, BusinessCalendar.plusBusinessDays(LocalDate.of(2024, 3, 28), 1));
    }

    @Test
    void may_day_on_a_friday_moves_to_monday() {
        assertEquals(LocalDate.of(2026, 5, 4), BusinessCalendar.onOrAfter(LocalDate.of(2026, 5, 1)));
    }

    @ParameterizedTest(name = "{0} + 1 business day = {1}")
    @CsvSource({
        // 24 Dec on a Friday: Christmas and Boxing Day fall on the weekend.
        "2021-12-24, 2021-12-27",
        // 24 Dec on a Thursday: Christmas Friday, then the weekend.
        "2020-12-24, 2020-12-28",
        // 24 Dec on a Wednesday: Christmas Thursday, Boxing Day Friday, then the weekend.
        "2025-12-24, 2025-12-29",
        // 24 Dec on a Monday: only the two holidays.
        "2018-12-24, 2018-12-27",
    })
    void christmas_chains(LocalDate christmasEve, LocalDate next) {
        assertEquals(next, BusinessCalendar.plusBusinessDays(christmasEve, 1));
    }

    @ParameterizedTest(name = "{0} + 1 business day = {1}")
    @CsvSource({
        "2024-12-31, 2025-01-02",  // New Year's Day on a Wednesday
        "2025-12-31, 2026-01-02",  // on a Thursday
        "2021-12-31, 2022-01-03",  // 31 Dec a Friday, 1 Jan a Saturday
        "2022-12-30, 2023-01-02",  // 1 Jan a Sunday: no substitute day in TARGET2
    })
    void year_boundaries(LocalDate lastBusinessDay, LocalDate next) {
        assertEquals(next, BusinessCalendar.plusBusinessDays(lastBusinessDay, 1));
    }

    @Test
    void several_business_days_skip_every_holiday_on_the_way() {
        // Thu 28 Mar 2024 + 3: Tue 2 Apr, Wed 3 Apr, Thu 4 Apr.
        assertEquals(LocalDate.of(2024, 4, 4), BusinessCalendar.plusBusinessDays(LocalDate.of(2024, 3, 28), 3));
    }

    @Test
    void zero_business_days_is_on_or_after() {
        assertEquals(LocalDate.of(2025, 6, 11), BusinessCalendar.plusBusinessDays(LocalDate.of(2025, 6, 11), 0));
        assertEquals(LocalDate.of(2025, 6, 9), BusinessCalendar.plusBusinessDays(LocalDate.of(2025, 6, 7), 0));
    }

    @Test
    void counting_starts_from_a_non_business_day_itself() {
        // Saturday + 1 is the first business day after it, not the one after Monday.
        assertEquals(LocalDate.of(2025, 6, 9), BusinessCalendar.plusBusinessDays(LocalDate.of(2025, 6, 7), 1));
    }

    @Test
    void negative_business_days_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.plusBusinessDays(LocalDate.of(2025, 6, 6), -1));
    }

    // --- properties ---

    private static final LocalDate MIN_DATE = LocalDate.of(1990, 1, 1);
    private static final LocalDate MAX_DATE = LocalDate.of(2100, 12, 31);

    private static LocalDate date(Random random) {
        return LocalDate.ofEpochDay(between(random, MIN_DATE.toEpochDay(), MAX_DATE.toEpochDay()));
    }

    @Test
    void on_or_after_is_the_first_business_day_not_before_d() {
        forAll(1000, BusinessCalendarTest::date, d -> {
            LocalDate result = BusinessCalendar.onOrAfter(d);

            assertTrue(BusinessCalendar.isBusinessDay(result));
            assertFalse(result.isBefore(d));
            for (LocalDate between = d; between.isBefore(result); between = between.plusDays(1)) {
                assertFalse(BusinessCalendar.isBusinessDay(between), between + " is a business day before " + result);
            }
        });
    }

    @Test
    void plus_business_days_passes_exactly_n_business_days() {
        record Sample(LocalDate d, int n) {
        }
        forAll(1000, random -> new Sample(date(random), between(random, 1, 30)), sample -> {
            LocalDate d = sample.d();
            int n = sample.n();
            LocalDate result = BusinessCalendar.plusBusinessDays(d, n);

            assertTrue(BusinessCalendar.isBusinessDay(result));
            long businessDaysPassed = d.plusDays(1).datesUntil(result.plusDays(1)).filter(BusinessCalendar::isBusinessDay).count();
            assertEquals(n, businessDaysPassed);
        });
    }

    @Test
    void a_year_has_weekdays_minus_the_weekday_holidays() {
        forAll(200, random -> between(random, 1990, 2100), BusinessCalendarTest::assertYearHasWeekdaysMinusTheWeekdayHolidays);
    }

    private static void assertYearHasWeekdaysMinusTheWeekdayHolidays(int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        long weekdays = first.datesUntil(first.plusYears(1)).filter(day -> !isWeekend(day)).count();
        long holidaysOnWeekdays = Stream.of(
                        first, LocalDate.of(year, 5, 1), LocalDate.of(year, 12, 25), LocalDate.of(year, 12, 26))
                .filter(day -> !isWeekend(day))
                .count() + 2; // Good Friday and Easter Monday are always weekdays.

        long businessDays = first.datesUntil(first.plusYears(1)).filter(BusinessCalendar::isBusinessDay).count();

        assertEquals(weekdays - holidaysOnWeekdays, businessDays);
    }

    // --- The calendar day of an instant, in the bank's zone (daily limits) ---

    @ParameterizedTest
    @CsvSource({
        // instant (UTC),          day in Paris, its start (UTC),     its end (UTC),        hours
        "2026-06-15T21:59:59Z,     2026-06-15,   2026-06-14T22:00:00Z, 2026-06-15T22:00:00Z, 24",
        "2026-06-15T22:00:00Z,     2026-06-16,   2026-06-15T22:00:00Z, 2026-06-16T22:00:00Z, 24",
        "2026-12-07T22:59:59Z,     2026-12-07,   2026-12-06T23:00:00Z, 2026-12-07T23:00:00Z, 24",
        "2026-12-07T23:00:00Z,     2026-12-08,   2026-12-07T23:00:00Z, 2026-12-08T23:00:00Z, 24",
        // the clocks go forward on 29 March 2026 and back on 25 October 2026
        "2026-03-29T12:00:00Z,     2026-03-29,   2026-03-28T23:00:00Z, 2026-03-29T22:00:00Z, 23",
        "2026-10-25T12:00:00Z,     2026-10-25,   2026-10-24T22:00:00Z, 2026-10-25T23:00:00Z, 25"})
    void an_instant_falls_on_the_calendar_day_of_paris_which_may_last_23_or_25_hours(
            java.time.Instant instant, LocalDate day, java.time.Instant start, java.time.Instant end, long hours) {
        BusinessCalendar.Day found = BusinessCalendar.dayOf(instant, java.time.ZoneId.of("Europe/Paris"));
        assertEquals(day, found.date());
        assertEquals(start, found.start());
        assertEquals(end, found.end());
        assertEquals(hours, java.time.Duration.between(found.start(), found.end()).toHours());
    }

    @Test
    void every_instant_lies_in_its_day_and_the_next_day_starts_where_it_ends() {
        java.time.ZoneId paris = java.time.ZoneId.of("Europe/Paris");
        forAll(2_000, random -> java.time.Instant.ofEpochSecond(between(random, 0, 4_102_444_800L)), instant -> {
            BusinessCalendar.Day day = BusinessCalendar.dayOf(instant, paris);
            assertTrue(!instant.isBefore(day.start()) && instant.isBefore(day.end()), instant + " in " + day);
            assertEquals(day.date().plusDays(1), BusinessCalendar.dayOf(day.end(), paris).date());
            assertEquals(day.date(), BusinessCalendar.dayOf(day.end().minusNanos(1), paris).date());
        });
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
