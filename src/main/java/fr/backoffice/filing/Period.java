package fr.backoffice.filing;

import java.time.LocalDate;
import java.util.Objects;

/** A closed range of days a declaration covers: {@code start} and {@code end} both included. */
public record Period(LocalDate start, LocalDate end) {

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a period cannot end before it starts");
        }
    }

    public boolean overlaps(LocalDate from, LocalDate to) {
        return !start.isAfter(to) && !end.isBefore(from);
    }

    @Override
    public String toString() {
        return start + " to " + end;
    }
}
