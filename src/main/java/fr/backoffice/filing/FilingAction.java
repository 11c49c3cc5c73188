package fr.backoffice.filing;

/** What happened to a filing, as recorded in its history. */
public enum FilingAction {
    /** Created as a draft (directly, or as the amendment of an earlier filing). */
    CREATED,
    /** The draft's content was replaced. */
    CONTENT_REPLACED,
    VALIDATED,
    SUBMITTED,
    ACCEPTED,
    REJECTED,
    /** An amendment of this filing was created; the filing now names it in {@code amendedBy}. */
    AMENDED
}
