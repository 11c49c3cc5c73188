package fr.backoffice.ledger;

import java.math.BigDecimal;
import java.util.UUID;

/** A signed amount on an account (debit negative, credit positive): one line of a double-entry posting. */
public record Posting(UUID accountId, BigDecimal amount) {

    public Posting negate() {
        return new Posting(accountId, amount.negate());
    }
}
