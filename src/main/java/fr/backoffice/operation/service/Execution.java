package fr.backoffice.operation.service;

import fr.backoffice.account.service.InternalAccounts;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.ledger.Posting;
import fr.backoffice.ledger.Refusal;
import fr.backoffice.ledger.service.Ledger;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationAction;
import fr.backoffice.operation.OperationLifecycle;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.Postings;
import fr.backoffice.operation.ReasonCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * Executes a recorded operation: releases its hold, checks every account at that moment, and either books its
 * entries (EXECUTED) or records why it could not: REJECTED when a person asked (validation, approval); back to
 * the unit's queue (RECEIVED, its hold kept) when the scheduler did (see {@link OperationLifecycle}).
 * Runs within the caller's transaction, so status, entries, balances and holds commit together or not at all.
 */
@ApplicationScoped
public class Execution {

    private final Ledger ledger;

    private final InternalAccounts internalAccounts;

    private final TimeSource time;

    public Execution(Ledger ledger, InternalAccounts internalAccounts, TimeSource time) {
        this.ledger = ledger;
        this.internalAccounts = internalAccounts;
        this.time = time;
    }

    /** The entries the operation posts, with the unit's internal accounts created on first use. */
    public Uni<List<Posting>> postings(Operation op) {
        Postings.Plan plan = plan(op);
        return internalAccounts.of(op.unit, op.currency, Postings.internalAccounts(plan))
                .map(internal -> Postings.of(plan, internal::get));
    }

    /** For an operation already recorded (validation, approval, scheduler). */
    public Uni<Operation> execute(Operation op, OperationAction action, String actor, Instant at) {
        revalueOnExecutionDay(op, at);
        return postings(op)
                .flatMap(postings -> ledger.book(booking(op, postings, at)))
                .flatMap(refused -> refused == null ? executed(op, action, actor, at)
                        : notExecuted(op, action, actor, at, refused.refusal()));
    }

    /** Valued on the business day it executes when that is later than the day it was meant for. */
    private void revalueOnExecutionDay(Operation op, Instant at) {
        LocalDate executionDay = BusinessCalendar.onOrAfter(LocalDate.ofInstant(at, time.businessZone()));
        op.valueOnExecutionDay(executionDay);
    }

    /** Its entries, after releasing its hold; a deposited cheque is booked but not available until it clears: its credit is held. */
    private static Ledger.Booking booking(Operation op, List<Posting> postings, Instant at) {
        boolean cheque = op.type == OperationType.CHEQUE_DEPOSIT;
        return new Ledger.Booking(op.id, op.id, Ledger.Check.FULL, postings, at, op.valueDate, label(op),
                cheque ? op.creditAccountId : null, cheque ? op.amount : null);
    }

    private static Uni<Operation> executed(Operation op, OperationAction action, String actor, Instant at) {
        op.execute(action, actor, at);
        return Uni.createFrom().item(op);
    }

    /**
     * A scheduled operation over a DENY limit on its execution date: rejected, as its submission would be refused now,
     * and its hold released; nothing is booked (docs/operations-and-ledger.md "Limits and decisions").
     */
    public Uni<Operation> deniedByLimit(Operation op, String actor, Instant at, String limitId) {
        op.notExecuted(OperationAction.EXECUTE, OperationStatus.REJECTED, ReasonCode.LIMIT_EXCEEDED, actor,
                "Refused at execution: over the limit " + limitId + " of the debit account", at);
        return ledger.release(op.id, at).replaceWith(op);
    }

    /** REJECTED when a person asked; back to the unit's queue when the scheduler did. */
    private Uni<Operation> notExecuted(Operation op, OperationAction action, String actor, Instant at, Refusal refusal) {
        if (op.status != OperationStatus.SCHEDULED) {
            op.notExecuted(action, OperationStatus.REJECTED, ReasonCode.of(refusal), actor,
                    "Refused at execution: " + refusal, at);
            return Uni.createFrom().item(op);
        }
        op.notExecuted(action, OperationStatus.RECEIVED, ReasonCode.of(refusal), actor,
                "Could not execute on its date: " + refusal + "; back in the unit's queue", at);
        // still pending, so still holding its amount (the booking attempt released it)
        return OperationLifecycle.holdsFunds(op.status) ? ledger.restoreHold(op.id, at).replaceWith(op)
                : Uni.createFrom().item(op);
    }

    public static String label(Operation op) {
        if (op.label != null) {
            return op.label;
        }
        return switch (op.type) {
            case TRANSFER -> op.isExternalTransfer() ? "Transfer to " + op.creditorName : "Transfer";
            case CHEQUE_DEPOSIT -> "Cheque " + op.chequeNumber + " from " + op.chequeDrawerName;
            case CASH_DEPOSIT -> "Cash deposit";
            case CASH_WITHDRAWAL -> "Cash withdrawal";
            case FEE -> "Fee";
            case REVERSAL -> "Reversal";
            case INCOMING_TRANSFER -> "Transfer from " + op.debtorName;
            case CLEARING_SETTLEMENT -> "Clearing settlement";
            case RECONCILIATION_WRITE_OFF -> "Reconciliation write-off";
        };
    }

    private static Postings.Plan plan(Operation op) {
        return new Postings.Plan(op.type, op.amount, Currency.getInstance(op.currency).getDefaultFractionDigits(),
                op.debitAccountId, op.isExternalTransfer() ? null : op.creditAccountId, op.vatRate);
    }
}
