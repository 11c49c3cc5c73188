package fr.backoffice.clearing;

/** Where a payment file stands with the clearing system. */
public enum PaymentFileStatus {
    /** Written and available to send; the clearing system has not answered yet. */
    GENERATED,
    /** Settled by the clearing system: its money moved from outgoing transfers to clearing settlement. */
    ACCEPTED,
    /** Refused as a whole: every transfer in it was given back to its debtor (RETURNED, reason NARR). */
    REJECTED
}
