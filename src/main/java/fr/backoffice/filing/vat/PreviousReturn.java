package fr.backoffice.filing.vat;

/** The accepted VAT return of the immediately preceding period, as far as the next return needs it: its credit to carry forward. */
public record PreviousReturn(String filingId, long creditToCarryForward) {
}
