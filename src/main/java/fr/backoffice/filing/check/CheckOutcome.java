package fr.backoffice.filing.check;

/** The result of one check. */
public enum CheckOutcome {
    PASSED,
    FAILED,
    /** Could not run because a figure it needs is missing (the missing figure is reported by its own check). */
    SKIPPED
}
