package fr.backoffice.operation.service;

import fr.backoffice.common.error.ApiException;

/** The 422 problem for an account that refuses a move (codes of the database function {@code account_refusal}). */
final class Refusals {

    private Refusals() {
    }

    /** {@code where} names the account for the client: a request field, or "the reversal". */
    static ApiException problem(String refusal, String where) {
        String detail = switch (refusal) {
            case "ACCOUNT_FROZEN" -> "The account in " + where + " is frozen.";
            case "ACCOUNT_CLOSED" -> "The account in " + where + " is closed.";
            default -> "The available balance of the account in " + where + " is too low.";
        };
        return ApiException.unprocessable(refusal, detail);
    }
}
