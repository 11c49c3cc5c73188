package fr.backoffice.filing.check;

import fr.backoffice.filing.Period;

import java.time.LocalDate;

/** A declaration covers a period that is over: nobody declares a month or a year still running. */
public final class PeriodCheck {

    public static final String PERIOD_NOT_ENDED = "PERIOD_NOT_ENDED";

    private PeriodCheck() {
    }

    public static CheckResult periodEnded(Period period, LocalDate today) {
        if (today.isAfter(period.end())) {
            return CheckResult.passed(PERIOD_NOT_ENDED, "periodEnd", "The period is over.");
        }
        return CheckResult.failed(PERIOD_NOT_ENDED, "periodEnd",
                "The period ends on " + period.end() + "; the declaration can be validated from the next day.");
    }
}
