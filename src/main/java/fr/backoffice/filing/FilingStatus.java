package fr.backoffice.filing;

/** {@code DRAFT → VALIDATED → SUBMITTED → ACCEPTED | REJECTED}; only a draft's content can change. */
public enum FilingStatus {
    DRAFT,
    VALIDATED,
    SUBMITTED,
    ACCEPTED,
    REJECTED;

    /** Submitted, or acknowledged as accepted: the obligation is met (a rejected filing does not count). */
    public boolean fulfilsObligation() {
        return this == SUBMITTED || this == ACCEPTED;
    }
}
