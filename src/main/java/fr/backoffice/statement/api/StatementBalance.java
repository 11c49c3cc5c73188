package fr.backoffice.statement.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/** A booked balance of a statement: {@code Bal} in camt.053. */
@Schema(name = "StatementBalance", description = "A booked balance (`Bal`: `OPBD` opening, `CLBD` closing)")
public record StatementBalance(
        @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1250.00",
                description = "Signed: negative when the account is overdrawn (camt.053 writes it unsigned with `DBIT`)")
        String amount,
        @Schema(enumeration = {"CRDT", "DBIT"}, maxLength = 4, examples = "CRDT", description = "`CRDT` for zero or more, `DBIT` below zero")
        String creditDebit,
        @Schema(description = "The statement's business day (`Dt/Dt`)") LocalDate date,
        @Schema(description = "The balance of the entries posted up to and including this instant: what "
                + "`GET /accounts/{id}/balance?at=` answers for it. Opening: the last microsecond before the day; "
                + "closing: the last microsecond of the day, or the statement's `createdAt` for today")
        Instant at) {
}
