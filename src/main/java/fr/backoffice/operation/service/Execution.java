package fr.backoffice.operation.service;

import fr.backoffice.account.Account;
import fr.backoffice.ledger.Posting;
import fr.backoffice.ledger.Postings;
import fr.backoffice.ledger.service.Ledger;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationAction;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.ReasonCode;
import fr.backoffice.operation.repository.OperationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Executes an operation: releases its hold, checks every account at that moment, and either posts its
 * entries (EXECUTED) or records why it could not (REJECTED). Runs within the caller's transaction, so
 * status, entries, balances and holds commit together or not at all.
 */
@ApplicationScoped
public class Execution {

    @Inject
    Ledger ledger;

    @Inject
    OperationRepository operations;

    /** The entries the operation posts, with the unit's internal accounts created on first use. */
    public Uni<List<Posting>> postings(Operation op) {
        Postings.Plan plan = plan(op);
        return ledger.internalAccounts(op.unit, op.currency, Postings.internalAccounts(plan))
                .map(internal -> Postings.of(plan, internal::get));
    }

    /** For an operation whose accounts are not locked yet (validation, approval, scheduler). */
    public Uni<Operation> execute(Operation op, OperationAction action, String actor, Instant at) {
        return postings(op).flatMap(postings -> {
            Set<UUID> ids = new HashSet<>();
            postings.forEach(p -> ids.add(p.accountId()));
            return ledger.lock(ids).flatMap(locked -> execute(op, action, postings, locked, actor, at));
        });
    }

    /** For an operation whose accounts the caller has locked already. */
    public Uni<Operation> execute(Operation op, OperationAction action, List<Posting> postings, Map<UUID, Account> locked,
                                  String actor, Instant at) {
        // An operation executed in its submitting request is new: it has no hold yet, and is inserted here
        // with its final status rather than inserted then updated.
        boolean fresh = !operations.isPersistent(op);
        Uni<Void> released = fresh ? Uni.createFrom().voidItem() : ledger.releaseHold(op.id, locked, at);
        return released.flatMap(nothing -> {
            String refusal = Ledger.refusal(postings, locked);
            if (refusal != null) {
                op.move(action, OperationStatus.REJECTED, actor, "Refused at execution: " + refusal, at);
                op.reasonCode = ReasonCode.valueOf(refusal);
                op.assignee = null;
                return persist(op, fresh);
            }
            op.move(action, OperationStatus.EXECUTED, actor, null, at);
            op.executedAt = at;
            op.assignee = null;
            Uni<Void> posted = persist(op, fresh).flatMap(saved -> ledger.post(op.id, postings, locked, at, op.valueDate, label(op)));
            if (op.type == OperationType.CHEQUE_DEPOSIT) {
                // The credit is booked but not available until the cheque clears.
                posted = posted.flatMap(v -> ledger.hold(locked.get(op.creditAccountId), op.id, op.amount, at));
            }
            return posted.replaceWith(op);
        });
    }

    private Uni<Operation> persist(Operation op, boolean fresh) {
        return fresh ? operations.persist(op) : Uni.createFrom().item(op);
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
