package fr.backoffice.reconciliation;

/** A statement line's state (docs/reconciliation.md "Reconciliation"). */
public enum LineState {
    MATCHED,
    UNMATCHED,
    /** Its reference names entries whose amount is not the line's: in the exceptions queue, with those candidates. */
    PARTIAL
}
