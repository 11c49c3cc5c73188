package fr.backoffice.clearing;

import fr.backoffice.common.error.ApiException;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where a payment file stands with the clearing system, and its state machine (docs/clearing-and-statements.md
 * "Clearing and statements"): {@code GENERATED → ACCEPTED | REJECTED | PARTIALLY_ACCEPTED}, once, by the
 * acknowledgement or the clearing system's status report; every outcome is final. Every status change of a
 * {@link PaymentFile} goes through {@link #require}.
 */
public enum PaymentFileStatus {
    /** Written and available to send; the clearing system has not answered yet. */
    GENERATED,
    /** Settled by the clearing system: its money moved from outgoing transfers to clearing settlement. */
    ACCEPTED,
    /**
     * Refused as a whole: every transfer in it was given back to its debtor (RETURNED, reason NARR by hand, or the ISO
     * 20022 reason of the clearing system's status report).
     */
    REJECTED,
    /**
     * The clearing system's status report (pacs.002, PART) accepted some transactions and rejected others: the accepted
     * ones are settled, the rejected ones given back to their debtors with their reason.
     */
    PARTIALLY_ACCEPTED;

    /** The statuses a file may move to from this one; empty when it is final. */
    public Set<PaymentFileStatus> targets() {
        return switch (this) {
            case GENERATED -> Collections.unmodifiableSet(EnumSet.of(ACCEPTED, REJECTED, PARTIALLY_ACCEPTED));
            case ACCEPTED, REJECTED, PARTIALLY_ACCEPTED -> Collections.unmodifiableSet(EnumSet.noneOf(PaymentFileStatus.class));
        };
    }

    public boolean canBecome(PaymentFileStatus to) {
        return targets().contains(Objects.requireNonNull(to, "to"));
    }

    /** The clearing system's outcome is recorded: nothing changes the file any more. */
    public boolean isFinal() {
        return targets().isEmpty();
    }

    /** Refuses, with 409 INVALID_TRANSITION, a move the machine does not allow; {@code action} names it for the caller. */
    public void require(PaymentFileStatus to, String action) {
        if (!canBecome(to)) {
            throw ApiException.invalidTransition(name(), action);
        }
    }
}
