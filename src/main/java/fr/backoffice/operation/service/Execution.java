package fr.backoffice.operation.service;

import fr.backoffice.common.time.TimeSource;
import fr.backoffice.ledger.Posting;
import fr.backoffice.ledger.Postings;
import fr.backoffice.ledger.service.InternalAccounts;
import fr.backoffice.ledger.service.Ledger;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationAction;
import fr.backoffice.operation.OperationLifecycle;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.ReasonCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * Executes a recorded operation: releases its hold, checks every account at that moment, and either books its
 * entries (EXECUTED) or records why it could not: REJECTED when a person asked (validation, approval); back to
 * the unit's queue (RECEIVED, its hold kept) when the scheduler did (see {@link fr.backoffice.operation.OperationLifecycle}).
 * Runs within the caller's transaction, so status, entries, balances and holds commit together or not at all.
 */
@ApplicationScoped
public class Execution {

    @Inject
    Ledger ledger;

    @Inject
    InternalAccounts internalAccounts;

    @Inject
    TimeSource time;

    /** The entries the operation posts, with the unit's internal accounts created on first use. */
    public Uni<List<Posting>> postings(Operation op) {
        Postings.Plan plan = plan(op);
        return internalAccounts.of(op.unit, op.currency, Postings.internalAccounts(plan))
                .map(internal -> Postings.of(plan, internal::get));
    }

    /** For an operation already recorded (validation, approval, scheduler). */
    public Uni<Operation> execute(Operation op, OperationAction action, String actor, Instant at) {
        // valued on the business day it executes when that is later than the day it was meant for
        LocalDate executionDay = BusinessCalendar.onOrAfter(LocalDate.ofInstant(at, time.businessZone()));
        if (executionDay.isAfter(op.valueDate)) {
            op.valueDate = executionDay;
        }
        // A deposited cheque is booked but not available until it clears: its credit is held.
        boolean cheque = op.type == OperationType.CHEQUE_DEPOSIT;
        return postings(op)
                .flatMap(postings -> ledger.book(new Ledger.Booking(op.id, op.id, Ledger.Check.FULL, postings, at, op.valueDate, label(op),
                        cheque ? op.creditAccountId : null, cheque ? op.amount : null)))
                .flatMap(refusal -> {
                    op.assignee = null;
                    if (refusal == null) {
                        op.move(action, OperationStatus.EXECUTED, actor, null, at);
                        op.executedAt = at;
                        op.reasonCode = null; // an earlier attempt's, now moot
                        return Uni.createFrom().item(op);
                    }
                    op.reasonCode = ReasonCode.valueOf(refusal.code());
                    if (op.status == OperationStatus.SCHEDULED) {
                        op.move(action, OperationStatus.RECEIVED, actor, "Could not execute on its date: "
                                + refusal.code() + "; back in the unit's queue", at);
                        // still pending, so still holding its amount (the booking attempt released it)
                        return OperationLifecycle.holdsFunds(op.status) ? ledger.restoreHold(op.id, at).replaceWith(op)
                                : Uni.createFrom().item(op);
                    }
                    op.move(action, OperationStatus.REJECTED, actor, "Refused at execution: " + refusal.code(), at);
                    return Uni.createFrom().item(op);
                });
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
        };
    }

    private static Postings.Plan plan(Operation op) {
        return new Postings.Plan(op.type, op.amount, Currency.getInstance(op.currency).getDefaultFractionDigits(),
                op.debitAccountId, op.isExternalTransfer() ? null : op.creditAccountId, op.vatRate);
    }
}
