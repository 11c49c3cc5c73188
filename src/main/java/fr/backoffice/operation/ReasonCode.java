package fr.backoffice.operation;

import fr.backoffice.ledger.Refusal;

/** Why an operation was rejected, as agents choose it or as execution finds it. */
public enum ReasonCode {
    INSUFFICIENT_FUNDS,
    ACCOUNT_FROZEN,
    ACCOUNT_CLOSED,
    SUSPECTED_FRAUD,
    INVALID_CHEQUE,
    SIGNATURE_MISMATCH,
    DUPLICATE,
    /** Over a DENY limit of the debit account when the scheduler came to execute it. */
    LIMIT_EXCEEDED,
    OTHER;

    /** The reason an execution records when an account refuses it. */
    public static ReasonCode of(Refusal refusal) {
        return switch (refusal) {
            case INSUFFICIENT_FUNDS -> INSUFFICIENT_FUNDS;
            case ACCOUNT_FROZEN -> ACCOUNT_FROZEN;
            case ACCOUNT_CLOSED -> ACCOUNT_CLOSED;
        };
    }
}
