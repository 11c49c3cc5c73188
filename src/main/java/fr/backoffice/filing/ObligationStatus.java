package fr.backoffice.filing;

import java.time.LocalDate;

/** Where a declarant stands with one expected declaration. */
public enum ObligationStatus {
    /** Not yet met, and the due date has not passed. */
    OPEN,
    /** A filing for it was submitted or accepted. */
    FULFILLED,
    /** Not met, and the due date has passed. */
    OVERDUE;

    public static ObligationStatus of(boolean fulfilled, LocalDate dueDate, LocalDate today) {
        if (fulfilled) {
            return FULFILLED;
        }
        return today.isAfter(dueDate) ? OVERDUE : OPEN;
    }
}
