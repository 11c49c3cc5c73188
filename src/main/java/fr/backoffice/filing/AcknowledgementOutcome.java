package fr.backoffice.filing;

/** The administration's answer to a submitted filing. */
public enum AcknowledgementOutcome {
    ACCEPTED,
    REJECTED;

    public FilingStatus status() {
        return this == ACCEPTED ? FilingStatus.ACCEPTED : FilingStatus.REJECTED;
    }
}
