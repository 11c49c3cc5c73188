package fr.backoffice.ledger;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;

/**
 * Why an account refuses a move: the codes the database function {@code account_refusal} answers
 * (V3__operations_and_ledger.sql). Each answers the 422 problem of the catalogue with its name.
 */
public enum Refusal {
    ACCOUNT_FROZEN(ProblemCode.ACCOUNT_FROZEN),
    ACCOUNT_CLOSED(ProblemCode.ACCOUNT_CLOSED),
    INSUFFICIENT_FUNDS(ProblemCode.INSUFFICIENT_FUNDS);

    private final ProblemCode code;

    Refusal(ProblemCode code) {
        this.code = code;
    }

    /** The 422 problem for this refusal; {@code where} names the account for the client: a request field, or "the reversal". */
    public ApiException problem(String where) {
        String detail = switch (this) {
            case ACCOUNT_FROZEN -> "The account in " + where + " is frozen.";
            case ACCOUNT_CLOSED -> "The account in " + where + " is closed.";
            case INSUFFICIENT_FUNDS -> "The available balance of the account in " + where + " is too low.";
        };
        return new ApiException(code, detail);
    }
}
