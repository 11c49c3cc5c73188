package fr.backoffice.filing;

import fr.backoffice.filing.FilingCalendar.Expected;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a declarant stands with each expected declaration, given the filings it has. A declaration is
 * {@code FULFILLED} once a filing for exactly its type and period is submitted or accepted (an amendment counts);
 * otherwise {@code OVERDUE} after its due date and {@code OPEN} until then.
 */
public final class Obligations {

    private Obligations() {
    }

    /** What the assessment needs to know of a filing; {@code id}s are time-ordered, so a later id is a later filing. */
    public record Filed(UUID id, FilingType type, Period period, FilingStatus status, LocalDate dueDate) {

        public static Filed of(Filing filing) {
            return new Filed(filing.id, filing.type, filing.period(), filing.status, filing.dueDate);
        }
    }

    /**
     * One expected declaration assessed. {@code filing} is the one that stands for it: the latest submitted or
     * accepted one when fulfilled, else the latest one in progress (draft, validated), else the latest rejected
     * one; absent when nothing was filed. The due date is the filing's (annual accounts are due one month after
     * their approval), else the calendar's.
     */
    public record Assessed(Expected expected, LocalDate dueDate, ObligationStatus status, Optional<Filed> filing) {
    }

    public static List<Assessed> assess(List<Expected> expected, List<Filed> filed, LocalDate today) {
        List<Assessed> assessed = new ArrayList<>();
        for (Expected obligation : expected) {
            List<Filed> forIt = filed.stream()
                    .filter(f -> f.type() == obligation.type() && f.period().equals(obligation.period()))
                    .sorted(Comparator.comparing(Filed::id).reversed())
                    .toList();
            Optional<Filed> fulfilling = forIt.stream().filter(f -> f.status().fulfilsObligation()).findFirst();
            Optional<Filed> standing = fulfilling
                    .or(() -> forIt.stream().filter(f -> f.status() != FilingStatus.REJECTED).findFirst())
                    .or(() -> forIt.stream().findFirst());
            LocalDate dueDate = standing.map(Filed::dueDate).orElseGet(() -> defaultDueDate(obligation));
            assessed.add(new Assessed(obligation, dueDate, ObligationStatus.of(fulfilling.isPresent(), dueDate, today), standing));
        }
        return assessed;
    }

    public static LocalDate defaultDueDate(Expected obligation) {
        return obligation.type() == FilingType.VAT_RETURN
                ? FilingCalendar.vatDueDate(obligation.period())
                : FilingCalendar.annualAccountsDueDate(obligation.period(), null);
    }
}
