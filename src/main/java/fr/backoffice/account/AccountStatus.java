package fr.backoffice.account;

import fr.backoffice.common.error.ApiException;

import java.util.Objects;

/**
 * The account state machine: {@code ACTIVE ⇄ FROZEN}, {@code ACTIVE → CLOSED}; a closed account is final, a frozen
 * one is unfrozen before it closes. Every status change of an {@link Account} goes through {@link #require}.
 */
public enum AccountStatus {
    ACTIVE, FROZEN, CLOSED;

    public boolean canBecome(AccountStatus to) {
        Objects.requireNonNull(to, "to");
        return switch (this) {
            case ACTIVE -> to == FROZEN || to == CLOSED;
            case FROZEN -> to == ACTIVE;
            case CLOSED -> false;
        };
    }

    /** Refuses, with 409 INVALID_TRANSITION, a move the machine does not allow; {@code action} names it for the caller. */
    public void require(AccountStatus to, String action) {
        if (!canBecome(to)) {
            throw ApiException.invalidTransition(name(), action + " the account");
        }
    }
}
