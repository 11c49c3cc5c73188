package fr.backoffice.operation;

/** Why an operation was rejected, as agents choose it or as execution finds it. */
public enum ReasonCode {
    INSUFFICIENT_FUNDS,
    ACCOUNT_FROZEN,
    ACCOUNT_CLOSED,
    SUSPECTED_FRAUD,
    INVALID_CHEQUE,
    SIGNATURE_MISMATCH,
    DUPLICATE,
    OTHER
}
