package fr.backoffice.ledger;

import java.math.BigDecimal;
import java.util.UUID;

/** One line of a double-entry posting: a signed amount on an account (debit negative, credit positive). */
public record Posting(UUID accountId, BigDecimal amount) {

    public Posting negate() {
        return new Posting(accountId, amount.negate());
    }
}
