package fr.backoffice.statement.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The authorizations open on the account at the statement's end: reserved, never booked. */
@Schema(name = "StatementAuthorizations", description = "For information: the authorizations open on the account at `to` "
        + "and what they still reserved then (counted in the available balance, never in the booked balances or the "
        + "entries); in camt.053, `AddtlStmtInf`")
public record StatementAuthorizations(
        @Schema(minimum = "0", maximum = "2147483647", format = "int32", examples = "1") int open,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "40.00") String reserved) {
}
