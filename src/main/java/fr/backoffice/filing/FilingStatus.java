package fr.backoffice.filing;

import fr.backoffice.common.error.ApiException;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The filing state machine: {@code DRAFT → VALIDATED → SUBMITTED → ACCEPTED | REJECTED}; only a draft's content can
 * change, and an acknowledged filing is final (it is corrected by an amendment, a new draft). Every status change of a
 * {@link Filing} goes through {@link #require}.
 */
public enum FilingStatus {
    DRAFT,
    VALIDATED,
    SUBMITTED,
    ACCEPTED,
    REJECTED;

    /** The statuses a filing may move to from this one; empty once acknowledged. */
    public Set<FilingStatus> targets() {
        return switch (this) {
            case DRAFT -> Collections.unmodifiableSet(EnumSet.of(VALIDATED));
            case VALIDATED -> Collections.unmodifiableSet(EnumSet.of(SUBMITTED));
            case SUBMITTED -> Collections.unmodifiableSet(EnumSet.of(ACCEPTED, REJECTED));
            case ACCEPTED, REJECTED -> Collections.unmodifiableSet(EnumSet.noneOf(FilingStatus.class));
        };
    }

    public boolean canBecome(FilingStatus to) {
        return targets().contains(Objects.requireNonNull(to, "to"));
    }

    /** Refuses, with 409 INVALID_TRANSITION, a move the machine does not allow; {@code action} names it for the caller. */
    public void require(FilingStatus to, String action) {
        if (!canBecome(to)) {
            throw ApiException.invalidTransition(name(), action);
        }
    }

    /** Submitted, or acknowledged as accepted: the obligation is met (a rejected filing does not count). */
    public boolean fulfilsObligation() {
        return this == SUBMITTED || this == ACCEPTED;
    }
}
