package fr.backoffice.filing;

import fr.backoffice.common.error.FieldError;

import java.util.List;

/** Input rules shared by the whole-euro figures of filings. */
public final class Amounts {

    private Amounts() {
    }

    /** A whole-euro amount that may not be negative (null is left to the checks, which report missing figures). */
    public static void nonNegative(String field, Long value, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        if (value < 0) {
            errors.add(new FieldError(field, "must be a whole number of euros ≥ 0"));
        } else if (value > FilingContent.MAX_AMOUNT) {
            errors.add(new FieldError(field, "must have at most 15 digits"));
        }
    }

    /** A whole-euro amount that may be negative (a loss, negative equity). */
    public static void signed(String field, Long value, List<FieldError> errors) {
        if (value != null && Math.abs(value) > FilingContent.MAX_AMOUNT) {
            errors.add(new FieldError(field, "must have at most 15 digits"));
        }
    }
}
