package fr.backoffice.common.time;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The service's clock. Timestamps are UTC instants (to the microsecond, as PostgreSQL stores them);
 * the business date ("today" for execution dates) is the date in the bank's time zone.
 */
@ApplicationScoped
public class TimeSource {

    @ConfigProperty(name = "backoffice.business-zone", defaultValue = "Europe/Paris")
    ZoneId businessZone;

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), businessZone);
    }

    public ZoneId businessZone() {
        return businessZone;
    }
}
