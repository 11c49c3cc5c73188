package fr.backoffice.common.time;

import fr.backoffice.common.error.ApiException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Query parameters that bound a period: a timestamp, or a date meaning the start of that day in the bank's zone. */
public final class TimeParams {

    private TimeParams() {
    }

    /** {@code 2026-11-28T09:15:00Z}, or {@code 2026-11-28} for the start of that day; null stays null. */
    public static Instant instant(String field, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException malformed) {
            throw ApiException.invalidField(field, "must be an ISO-8601 timestamp (2026-11-28T09:15:00Z) or a date (2026-11-28)");
        }
    }

    /** The exclusive end of a period whose last day or instant is {@code value}: a date includes that whole day. */
    public static Instant endOf(String field, String value, ZoneId zone) {
        Instant start = instant(field, value, zone);
        return start != null && value.length() == 10 ? start.atZone(zone).plusDays(1).toInstant() : start;
    }
}
