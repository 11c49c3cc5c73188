package fr.backoffice.clearing;

/** Where a payment file stands with the clearing system. */
public enum PaymentFileStatus {
    /** Written and available to send; the clearing system has not answered yet. */
    GENERATED,
    /** Settled by the clearing system: its money moved from outgoing transfers to clearing settlement. */
    ACCEPTED,
    /**
     * Refused as a whole: every transfer in it was given back to its debtor (RETURNED, reason NARR by hand, or the ISO
     * 20022 reason of the clearing system's status report).
     */
    REJECTED,
    /**
     * The clearing system's status report (pacs.002, PART) accepted some transactions and rejected others: the accepted
     * ones are settled, the rejected ones given back to their debtors with their reason.
     */
    PARTIALLY_ACCEPTED
}
