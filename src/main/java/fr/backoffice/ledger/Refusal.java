package fr.backoffice.ledger;

import fr.backoffice.common.error.ApiException;

/**
 * Why an account refuses a move: the codes the database function {@code account_refusal} answers
 * (V6__write_path_without_global_locks.sql). Each is also a 422 problem code of the API.
 */
public enum Refusal {
    ACCOUNT_FROZEN,
    ACCOUNT_CLOSED,
    INSUFFICIENT_FUNDS;

    /** The 422 problem for this refusal; {@code where} names the account for the client: a request field, or "the reversal". */
    public ApiException problem(String where) {
        String detail = switch (this) {
            case ACCOUNT_FROZEN -> "The account in " + where + " is frozen.";
            case ACCOUNT_CLOSED -> "The account in " + where + " is closed.";
            case INSUFFICIENT_FUNDS -> "The available balance of the account in " + where + " is too low.";
        };
        return ApiException.unprocessable(name(), detail);
    }
}
