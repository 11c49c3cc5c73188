package fr.backoffice.operation;

/** Where an authorization stands (docs/operations-and-ledger.md "Authorizations"); only AUTHORIZED is open. */
public enum AuthorizationStatus {
    /** Part of its amount, or all of it, is still reserved on the debit account and may be captured. */
    AUTHORIZED,
    /** Its captures reached its amount: nothing is reserved any more. */
    CAPTURED,
    /** Voided by its client: what was not captured is released. */
    VOIDED,
    /** Its expiry passed: the service released what was not captured. */
    EXPIRED
}
