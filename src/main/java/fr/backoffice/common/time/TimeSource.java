package fr.backoffice.common.time;

import fr.backoffice.common.config.BackOfficeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    private final BackOfficeConfig config;

    @Inject
    public TimeSource(BackOfficeConfig config) {
        this.config = config;
    }

    /** For a clock that overrides every method (tests' fixed and movable clocks): it reads no configuration. */
    protected TimeSource() {
        this.config = null;
    }

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), config.businessZone());
    }

    public ZoneId businessZone() {
        return config.businessZone();
    }
}
