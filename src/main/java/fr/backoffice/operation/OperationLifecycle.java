package fr.backoffice.operation;

import static fr.backoffice.operation.OperationStatus.BOUNCED;
import static fr.backoffice.operation.OperationStatus.CANCELLED;
import static fr.backoffice.operation.OperationStatus.CLEARED;
import static fr.backoffice.operation.OperationStatus.EXECUTED;
import static fr.backoffice.operation.OperationStatus.PENDING_APPROVAL;
import static fr.backoffice.operation.OperationStatus.RECEIVED;
import static fr.backoffice.operation.OperationStatus.REJECTED;
import static fr.backoffice.operation.OperationStatus.RETURNED;
import static fr.backoffice.operation.OperationStatus.REVERSED;
import static fr.backoffice.operation.OperationStatus.SCHEDULED;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The operation state machine (docs/operations-and-ledger.md "Operations and the ledger"). It says which statuses an
 * action may lead to; which one it does (approval threshold, execution date, funds) is for the service to decide.
 * Validation and approval execute at once when the date is reached, so they too may end in REJECTED
 * (insufficient funds, frozen account at execution time). The scheduler decides nothing in a person's place: a
 * scheduled operation that a business rule refuses on its date goes back to its unit's queue (RECEIVED), with the
 * reason, for a person to validate again, reject or cancel.
 */
public final class OperationLifecycle {

    private static final Set<OperationStatus> BEFORE_EXECUTION = EnumSet.of(RECEIVED, PENDING_APPROVAL, SCHEDULED);
    private static final Set<OperationStatus> TERMINAL = EnumSet.of(REJECTED, CANCELLED, REVERSED, BOUNCED, RETURNED);

    /**
     * Created executed by the service (a reversal, the clearing's credits and settlements, the reconciliation desk's
     * write-offs): nothing applies to them.
     */
    private static final Set<OperationType> BORN_EXECUTED = EnumSet.of(OperationType.REVERSAL, OperationType.INCOMING_TRANSFER,
            OperationType.CLEARING_SETTLEMENT, OperationType.RECONCILIATION_WRITE_OFF);

    /** Only these may execute in the submitting request; a cheque always waits for an agent. */
    private static final Set<OperationType> STRAIGHT_THROUGH =
            EnumSet.of(OperationType.TRANSFER, OperationType.CASH_DEPOSIT, OperationType.CASH_WITHDRAWAL);

    private static final Set<OperationStatus> NOT_ALLOWED = Collections.unmodifiableSet(EnumSet.noneOf(OperationStatus.class));

    private OperationLifecycle() {
    }

    /** The statuses {@code action} may lead to from {@code from}; empty when the action is not allowed. */
    public static Set<OperationStatus> targets(OperationType type, OperationStatus from, OperationAction action) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(action, "action");
        if (BORN_EXECUTED.contains(type) || isTerminal(from)) {
            return NOT_ALLOWED;
        }
        return switch (action) {
            case VALIDATE -> from == RECEIVED ? only(PENDING_APPROVAL, SCHEDULED, EXECUTED, REJECTED) : NOT_ALLOWED;
            case APPROVE -> from == PENDING_APPROVAL ? only(SCHEDULED, EXECUTED, REJECTED) : NOT_ALLOWED;
            case EXECUTE -> from == SCHEDULED ? only(EXECUTED, RECEIVED, REJECTED)
                    : canExecute(type, from) ? only(EXECUTED, REJECTED) : NOT_ALLOWED;
            case REJECT -> BEFORE_EXECUTION.contains(from) ? only(REJECTED) : NOT_ALLOWED;
            case CANCEL -> BEFORE_EXECUTION.contains(from) ? only(CANCELLED) : NOT_ALLOWED;
            case REVERSE -> from == EXECUTED || from == CLEARED ? only(REVERSED) : NOT_ALLOWED;
            case CLEAR -> isUnclearedCheque(type, from) ? only(CLEARED) : NOT_ALLOWED;
            case BOUNCE -> isUnclearedCheque(type, from) ? only(BOUNCED) : NOT_ALLOWED;
            case RETURN -> type == OperationType.TRANSFER && from == EXECUTED ? only(RETURNED) : NOT_ALLOWED;
        };
    }

    /** The status an operation is created in: EXECUTED for those the service books as it creates them, else RECEIVED. */
    public static OperationStatus initial(OperationType type) {
        return BORN_EXECUTED.contains(type) ? EXECUTED : RECEIVED;
    }

    public static boolean permits(OperationType type, OperationStatus from, OperationAction action) {
        return !targets(type, from, action).isEmpty();
    }

    public static boolean isTerminal(OperationStatus s) {
        return TERMINAL.contains(Objects.requireNonNull(s, "status"));
    }

    /** While true, the operation's amount is held on its debit account. */
    public static boolean holdsFunds(OperationStatus s) {
        return BEFORE_EXECUTION.contains(Objects.requireNonNull(s, "status"));
    }

    /** Executed on submission (straight-through) or by the scheduler once the date is reached. */
    private static boolean canExecute(OperationType type, OperationStatus from) {
        return from == SCHEDULED || (from == RECEIVED && STRAIGHT_THROUGH.contains(type));
    }

    private static boolean isUnclearedCheque(OperationType type, OperationStatus from) {
        return type == OperationType.CHEQUE_DEPOSIT && from == EXECUTED;
    }

    private static Set<OperationStatus> only(OperationStatus first, OperationStatus... rest) {
        return Collections.unmodifiableSet(EnumSet.of(first, rest));
    }
}
