package fr.backoffice.operation.service;

import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.ledger.service.Ledger;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationAction;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.Postings;
import fr.backoffice.operation.ReasonCode;
import fr.backoffice.operation.repository.OperationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a person does to a recorded operation: claim, validate, approve, reject, cancel, reverse, clear, bounce.
 * Each locks the operation, checks the lifecycle ({@code OperationLifecycle}) and the four-eyes
 * rules, changes it, and ends in {@link OperationJournal#publish}; an Idempotency-Key makes a retry replay the answer.
 */
@ApplicationScoped
public class OperationActions {

    private final OperationRepository operations;

    private final OperationJournal journal;

    private final Ledger ledger;

    private final Execution execution;

    private final Idempotency idempotency;

    private final Caller caller;

    private final TimeSource time;

    public OperationActions(OperationRepository operations, OperationJournal journal, Ledger ledger,
            Execution execution, Idempotency idempotency, Caller caller, TimeSource time) {
        this.operations = operations;
        this.journal = journal;
        this.ledger = ledger;
        this.execution = execution;
        this.idempotency = idempotency;
        this.caller = caller;
        this.time = time;
    }

    @Audited
    @WithTransaction
    public Uni<Reply> claim(String id, String idempotencyKey) {
        return act(id, idempotencyKey, List.of(), op -> {
            if (op.status != OperationStatus.RECEIVED && op.status != OperationStatus.PENDING_APPROVAL) {
                throw ApiException.invalidTransition(op.status.name(), "claim the operation");
            }
            if (op.status == OperationStatus.PENDING_APPROVAL && !caller.mayActAs(Roles.SUPERVISOR, op.unit)) {
                throw new ApiException(ProblemCode.FORBIDDEN, "Only a supervisor handles an operation waiting for approval.");
            }
            requireNotClaimedByOther(op);
            op.assignTo(caller.id());
            return Uni.createFrom().item(op);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> validate(String id, String idempotencyKey) {
        return act(id, idempotencyKey, List.of(), op -> {
            op.require(OperationAction.VALIDATE);
            requireNotClaimedByOther(op);
            if (caller.id().equals(op.submittedBy)) {
                throw fourEyes("You submitted this operation; another person validates it.");
            }
            op.recordValidator(caller.id());
            Instant now = time.now();
            if (op.requiresApproval) {
                op.moveAndUnassign(OperationAction.VALIDATE, OperationStatus.PENDING_APPROVAL, caller.id(), null, now);
                return Uni.createFrom().item(op);
            }
            return proceed(op, OperationAction.VALIDATE, now);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> approve(String id, String idempotencyKey) {
        return act(id, idempotencyKey, List.of(), op -> {
            op.require(OperationAction.APPROVE);
            if (caller.id().equals(op.submittedBy) || caller.id().equals(op.validatedBy)) {
                throw fourEyes("Whoever submitted or validated an operation cannot approve it.");
            }
            requireNotClaimedByOther(op);
            op.recordApprover(caller.id());
            return proceed(op, OperationAction.APPROVE, time.now());
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> reject(String id, String idempotencyKey, ReasonCode reasonCode, String comment) {
        return act(id, idempotencyKey, Arrays.asList(reasonCode, comment), op -> {
            op.require(OperationAction.REJECT);
            Instant now = time.now();
            op.reject(reasonCode, comment, caller.id(), now);
            return releaseHold(op, now);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> cancel(String id, String idempotencyKey) {
        return act(id, idempotencyKey, List.of(), op -> {
            op.require(OperationAction.CANCEL);
            Instant now = time.now();
            op.moveAndUnassign(OperationAction.CANCEL, OperationStatus.CANCELLED, caller.id(), null, now);
            return releaseHold(op, now);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> clear(String id, String idempotencyKey) {
        return act(id, idempotencyKey, List.of(), op -> {
            op.require(OperationAction.CLEAR);
            Instant now = time.now();
            op.move(OperationAction.CLEAR, OperationStatus.CLEARED, caller.id(), null, now);
            return releaseHold(op, now);
        });
    }

    /** An unpaid cheque: the credit is taken back (mirror entries) and its hold released. */
    @Audited
    @WithTransaction
    public Uni<Reply> bounce(String id, String idempotencyKey, String reason) {
        return act(id, idempotencyKey, List.of(reason), op -> {
            op.require(OperationAction.BOUNCE);
            Instant now = time.now();
            // no check: what the cheque's hold still covers is taken back whatever the balance
            return bookMirror(op, op.id, Ledger.Check.NONE, now, BusinessCalendar.onOrAfter(time.today()),
                    "Unpaid cheque " + op.chequeNumber)
                    .invoke(booked -> op.move(OperationAction.BOUNCE, OperationStatus.BOUNCED, caller.id(), reason, now))
                    .replaceWith(op);
        });
    }

    /** Undoes an executed operation with a REVERSAL operation posting the mirror of its entries. */
    @Audited
    @WithTransaction
    public Uni<Reply> reverse(String id, String idempotencyKey, String reason) {
        return act(id, idempotencyKey, List.of(reason), op -> {
            op.require(OperationAction.REVERSE);
            if (op.paymentFileId != null) {
                throw new ApiException(ProblemCode.SENT_TO_CLEARING, "The transfer left in payment file " + op.paymentFileId
                        + "; only the clearing system can give its money back (rejected file or pacs.004 return).");
            }
            Instant now = time.now();
            Operation reversal = reversalOf(op, reason, now);
            op.reverse(reversal.id, caller.id(), reason, now);
            return operations.persist(reversal)
                    .flatMap(saved -> bookMirror(op, reversal.id, Ledger.Check.CORRECTION, now, reversal.valueDate,
                            "Reversal: " + Execution.label(op)))
                    .invoke(refused -> {
                        if (refused != null) {
                            // the whole request rolls back: nothing is reversed
                            throw refused.refusal().problem("the reversal");
                        }
                    })
                    .call(booked -> journal.publish(reversal))
                    .replaceWith(op);
        });
    }

    private Operation reversalOf(Operation original, String reason, Instant now) {
        return Operation.reversal(Ids.newId(), new Operation.Booking(original.unit, original.amount, original.currency,
                original.creditAccountId, original.debitAccountId, "Reversal of " + original.id, time.today(),
                caller.id(), now), original.id, reason);
    }

    /** Books, as entries of {@code bookedAs}, the mirror of what {@code original} posted, releasing its hold first. */
    private Uni<Ledger.Refused> bookMirror(Operation original, UUID bookedAs, Ledger.Check check, Instant at,
                                           LocalDate valueDate, String label) {
        return ledger.postingsOf(original.id)
                .map(Postings::mirror)
                .flatMap(mirror -> ledger.book(new Ledger.Booking(bookedAs, original.id, check, mirror, at, valueDate,
                        label, null, null)));
    }

    /** After validation or approval: execute now when the date has come, else wait for it. */
    private Uni<Operation> proceed(Operation op, OperationAction action, Instant now) {
        if (op.requestedExecutionDate.isAfter(time.today())) {
            op.moveAndUnassign(action, OperationStatus.SCHEDULED, caller.id(), null, now);
            return Uni.createFrom().item(op);
        }
        return execution.execute(op, action, caller.id(), now);
    }

    private Uni<Operation> releaseHold(Operation op, Instant now) {
        return ledger.release(op.id, now).replaceWith(op);
    }

    /**
     * Locks the operation, applies the action, and answers with the operation as it now stands; an
     * Idempotency-Key makes a retry replay that answer.
     */
    private Uni<Reply> act(String id, String idempotencyKey, Object request,
                           Function<Operation, Uni<Operation>> change) {
        return idempotency.once(idempotencyKey, request,
                () -> lockForChange(id)
                        .flatMap(change::apply)
                        .flatMap(journal::publish)
                        .map(view -> Reply.ok(view, view.version())));
    }

    /** The operation, locked so two people never move it at once, when it is of a unit the caller reaches. */
    private Uni<Operation> lockForChange(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> caller.cannotActOn("Operation " + id));
        return operations.findById(uuid, LockModeType.PESSIMISTIC_WRITE).map(op -> {
            if (op == null || !caller.may(op.unit)) {
                throw caller.cannotActOn("Operation " + id);
            }
            return op;
        });
    }

    private void requireNotClaimedByOther(Operation op) {
        if (op.assignee != null && !op.assignee.equals(caller.id())) {
            throw new ApiException(ProblemCode.ALREADY_CLAIMED, "The operation is assigned to " + op.assignee + ".");
        }
    }

    private static ApiException fourEyes(String detail) {
        return new ApiException(ProblemCode.FOUR_EYES_VIOLATION, detail);
    }
}
