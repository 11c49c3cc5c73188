package fr.backoffice.filing.vat;

/** The declarant's previous accepted VAT return, as far as the next return needs it: its credit to carry forward. */
public record PreviousReturn(String filingId, long creditToCarryForward) {
}
