package fr.backoffice.operation.service;

import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.ledger.Postings;
import fr.backoffice.ledger.service.Ledger;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationAction;
import fr.backoffice.operation.OperationHistoryEntry;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.ReasonCode;
import fr.backoffice.operation.repository.OperationHistoryRepository;
import fr.backoffice.operation.repository.OperationRepository;
import fr.backoffice.operation.api.OperationView;
import fr.backoffice.operation.api.QueueItem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

@ApplicationScoped
public class OperationService {

    @Inject
    OperationRepository operations;

    @Inject
    OperationHistoryRepository history;

    @Inject
    Ledger ledger;

    @Inject
    Execution execution;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Inject
    TimeSource time;

    @Inject
    Events events;

    // ---------------------------------------------------------------- reading

    @WithSession
    public Uni<OperationView> get(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Operation " + id));
        return operations.findById(uuid).flatMap(op -> {
            if (op == null || !caller.may(op.unit)) {
                throw ApiException.notFound("Operation " + id);
            }
            return view(op);
        });
    }

    @WithSession
    public Uni<Page<OperationView>> list(OperationRepository.Filter filter, PageRequest page) {
        int limit = page.limit();
        UUID after = page.afterId();
        OperationRepository.Filter scoped = filter;
        var confined = caller.confinedTo();
        if (confined.isPresent()) {
            String unit = confined.get();
            if (filter.unit() != null && !filter.unit().equals(unit)) {
                return Uni.createFrom().item(new Page<>(List.of(), null));
            }
            scoped = new OperationRepository.Filter(filter.status(), filter.type(), unit, filter.accountId(),
                    filter.from(), filter.to());
        }
        return operations.page(scoped, after, limit + 1).flatMap(rows -> withHistory(rows, limit, (op, view) -> view));
    }

    @WithSession
    public Uni<Page<QueueItem>> queue(String unit, PageRequest page) {
        if (!caller.may(unit)) {
            // the same answer whether the unit exists or not
            throw ApiException.forbidden("FORBIDDEN", "Agents and supervisors see the queue of their own unit only.");
        }
        int limit = page.limit();
        UUID after = page.afterId();
        return Panache.getSession()
                .flatMap(session -> session.find(fr.backoffice.unit.Unit.class, unit))
                .flatMap(found -> {
                    if (found == null) {
                        throw ApiException.notFound("Unit " + unit);
                    }
                    return operations.queue(unit, after, limit + 1);
                })
                .flatMap(rows -> withHistory(rows, limit, (op, view) -> new QueueItem(dueAt(op.receivedAt), view)));
    }

    /** The time by which a waiting operation should be handled: one business day after it arrived. */
    private Instant dueAt(Instant receivedAt) {
        ZonedDateTime received = receivedAt.atZone(time.businessZone());
        LocalDate due = BusinessCalendar.plusBusinessDays(received.toLocalDate(), 1);
        return received.with(due).toInstant();
    }

    /** A page of operations with their histories, read in one query for the whole page. */
    private <T> Uni<Page<T>> withHistory(List<Operation> fetched, int limit, BiFunction<Operation, OperationView, T> map) {
        List<UUID> ids = fetched.stream().limit(limit).map(op -> op.id).toList();
        return history.of(ids).map(histories -> Page.of(fetched, limit, op -> op.id.toString(),
                op -> map.apply(op, OperationView.of(op, histories.getOrDefault(op.id, List.of())))));
    }


    // ---------------------------------------------------------------- actions

    @Audited
    @WithTransaction
    public Uni<Reply> claim(String id, String idempotencyKey) {
        return act(id, idempotencyKey, "claim", List.of(), op -> {
            if (op.status != OperationStatus.RECEIVED && op.status != OperationStatus.PENDING_APPROVAL) {
                throw ApiException.invalidTransition(op.status.name(), "claim the operation");
            }
            if (op.status == OperationStatus.PENDING_APPROVAL && !caller.mayActAs(Roles.SUPERVISOR, op.unit)) {
                throw ApiException.forbidden("FORBIDDEN", "Only a supervisor handles an operation waiting for approval.");
            }
            requireNotClaimedByOther(op);
            op.assignee = caller.id();
            return Uni.createFrom().item(op);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> validate(String id, String idempotencyKey) {
        return act(id, idempotencyKey, "validate", List.of(), op -> {
            op.require(OperationAction.VALIDATE);
            requireNotClaimedByOther(op);
            if (caller.id().equals(op.submittedBy)) {
                throw fourEyes("You submitted this operation; another person validates it.");
            }
            op.validatedBy = caller.id();
            Instant now = time.now();
            if (op.requiresApproval) {
                op.move(OperationAction.VALIDATE, OperationStatus.PENDING_APPROVAL, caller.id(), null, now);
                op.assignee = null;
                return Uni.createFrom().item(op);
            }
            return proceed(op, OperationAction.VALIDATE, now);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> approve(String id, String idempotencyKey) {
        return act(id, idempotencyKey, "approve", List.of(), op -> {
            op.require(OperationAction.APPROVE);
            if (caller.id().equals(op.submittedBy) || caller.id().equals(op.validatedBy)) {
                throw fourEyes("Whoever submitted or validated an operation cannot approve it.");
            }
            requireNotClaimedByOther(op);
            op.approvedBy = caller.id();
            return proceed(op, OperationAction.APPROVE, time.now());
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> reject(String id, String idempotencyKey, ReasonCode reasonCode, String comment) {
        return act(id, idempotencyKey, "reject", Arrays.asList(reasonCode, comment), op -> {
            op.require(OperationAction.REJECT);
            Instant now = time.now();
            op.move(OperationAction.REJECT, OperationStatus.REJECTED, caller.id(), comment, now);
            op.reasonCode = reasonCode;
            op.reasonComment = comment;
            op.assignee = null;
            return releaseHold(op, now);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> cancel(String id, String idempotencyKey) {
        return act(id, idempotencyKey, "cancel", List.of(), op -> {
            op.require(OperationAction.CANCEL);
            Instant now = time.now();
            op.move(OperationAction.CANCEL, OperationStatus.CANCELLED, caller.id(), null, now);
            op.assignee = null;
            return releaseHold(op, now);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> clear(String id, String idempotencyKey) {
        return act(id, idempotencyKey, "clear", List.of(), op -> {
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
        return act(id, idempotencyKey, "bounce", List.of(reason), op -> {
            op.require(OperationAction.BOUNCE);
            Instant now = time.now();
            // no check: what the cheque's hold still covers is taken back whatever the balance
            return ledger.postingsOf(op.id)
                    .flatMap(original -> ledger.book(new Ledger.Booking(op.id, op.id, Ledger.Check.NONE, Postings.mirror(original), now,
                            BusinessCalendar.onOrAfter(time.today()), "Unpaid cheque " + op.chequeNumber, null, null)))
                    .map(booked -> {
                        op.move(OperationAction.BOUNCE, OperationStatus.BOUNCED, caller.id(), reason, now);
                        return op;
                    });
        });
    }

    /** Undoes an executed operation with a REVERSAL operation posting the mirror of its entries. */
    @Audited
    @WithTransaction
    public Uni<Reply> reverse(String id, String idempotencyKey, String reason) {
        return act(id, idempotencyKey, "reverse", List.of(reason), op -> {
            op.require(OperationAction.REVERSE);
            Instant now = time.now();
            Operation reversal = reversalOf(op, reason, now);
            op.move(OperationAction.REVERSE, OperationStatus.REVERSED, caller.id(), reason, now);
            op.reversedBy = reversal.id;
            return ledger.postingsOf(op.id)
                    .flatMap(original -> operations.persist(reversal)
                            .flatMap(saved -> ledger.book(new Ledger.Booking(reversal.id, op.id, Ledger.Check.CORRECTION, Postings.mirror(original),
                                    now, reversal.valueDate, "Reversal: " + Execution.label(op), null, null))))
                    .flatMap(refusal -> {
                        if (refusal != null) {
                            // the whole request rolls back: nothing is reversed
                            throw Refusals.problem(refusal.code(), "the reversal");
                        }
                        return publish(reversal);
                    })
                    .replaceWith(op);
        });
    }

    private Operation reversalOf(Operation original, String reason, Instant now) {
        Operation reversal = new Operation();
        reversal.id = Ids.newId();
        reversal.type = OperationType.REVERSAL;
        reversal.status = OperationStatus.EXECUTED;
        reversal.amount = original.amount;
        reversal.currency = original.currency;
        reversal.debitAccountId = original.creditAccountId;
        reversal.creditAccountId = original.debitAccountId;
        reversal.label = "Reversal of " + original.id;
        reversal.unit = original.unit;
        reversal.requestedExecutionDate = time.today();
        reversal.valueDate = BusinessCalendar.onOrAfter(reversal.requestedExecutionDate);
        reversal.receivedAt = now;
        reversal.executedAt = now;
        reversal.submittedBy = caller.id();
        reversal.reversalOf = original.id;
        reversal.recordCreation(caller.id(), now);
        reversal.newHistory.get(0).reason = reason;
        return reversal;
    }

    /** After validation or approval: execute now when the date has come, else wait for it. */
    private Uni<Operation> proceed(Operation op, OperationAction action, Instant now) {
        if (op.requestedExecutionDate.isAfter(time.today())) {
            op.move(action, OperationStatus.SCHEDULED, caller.id(), null, now);
            op.assignee = null;
            return Uni.createFrom().item(op);
        }
        return execution.execute(op, action, caller.id(), now);
    }

    private Uni<Operation> releaseHold(Operation op, Instant now) {
        return ledger.release(op.id, now).replaceWith(op);
    }

    /**
     * Locks the operation (so two people never move it at once), checks the caller's unit, applies the
     * action, and answers with the operation as it now stands; an Idempotency-Key makes a retry replay that answer.
     */
    private Uni<Reply> act(String id, String idempotencyKey, String action, Object request,
                           Function<Operation, Uni<Operation>> change) {
        return idempotency.once(caller.id(), idempotencyKey, "POST /operations/" + id + "/" + action, request,
                () -> locked(id, change).map(view -> Reply.ok(view, view.version())));
    }

    private Uni<OperationView> locked(String id, Function<Operation, Uni<Operation>> change) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> caller.cannotActOn("Operation " + id));
        return operations.findById(uuid, LockModeType.PESSIMISTIC_WRITE).flatMap(op -> {
            if (op == null || !caller.may(op.unit)) {
                throw caller.cannotActOn("Operation " + id);
            }
            return change.apply(op);
        }).flatMap(this::publish);
    }

    private void requireNotClaimedByOther(Operation op) {
        if (op.assignee != null && !op.assignee.equals(caller.id())) {
            throw ApiException.conflict("ALREADY_CLAIMED", "The operation is assigned to " + op.assignee + ".");
        }
    }

    private static ApiException fourEyes(String detail) {
        return ApiException.forbidden("FOUR_EYES_VIOLATION", detail);
    }

    /**
     * Ends a change of the operation: persists its new history entries, flushes, builds the view the endpoint
     * answers and appends one event per state change, all in the caller's transaction. Each history entry is one
     * state change and names its event by the status reached (a straight-through submission is
     * {@code operation.received} then {@code operation.executed}); a change without an entry is a claim. The
     * events of one request share the view as it commits (the view already built for the answer is serialized,
     * which keeps the hot path at one more insert per event, batched with the rest).
     */
    Uni<OperationView> publish(Operation op) {
        List<EventType> types = op.newHistory.isEmpty() ? List.of(EventType.OPERATION_CLAIMED)
                : op.newHistory.stream().map(OperationService::eventType).toList();
        return saveHistory(op).flatMap(this::view).call(view -> appendAll(types, view, 0));
    }

    private Uni<Void> appendAll(List<EventType> types, OperationView view, int from) {
        if (from == types.size()) {
            return Uni.createFrom().voidItem();
        }
        // one after the other: a session is never used by two operations at once
        return events.append(types.get(from), view.id(), view).flatMap(v -> appendAll(types, view, from + 1));
    }

    static EventType eventType(OperationHistoryEntry change) {
        if (change.from == OperationStatus.SCHEDULED && change.to == OperationStatus.RECEIVED) {
            return EventType.OPERATION_RETURNED;
        }
        return switch (change.to) {
            case RECEIVED -> EventType.OPERATION_RECEIVED;
            case PENDING_APPROVAL -> EventType.OPERATION_PENDING_APPROVAL;
            case SCHEDULED -> EventType.OPERATION_SCHEDULED;
            case EXECUTED -> EventType.OPERATION_EXECUTED;
            case REJECTED -> EventType.OPERATION_REJECTED;
            case CANCELLED -> EventType.OPERATION_CANCELLED;
            case REVERSED -> EventType.OPERATION_REVERSED;
            case CLEARED -> EventType.OPERATION_CLEARED;
            case BOUNCED -> EventType.OPERATION_BOUNCED;
        };
    }

    /** Persists the status changes made in this unit of work. */
    private Uni<Operation> saveHistory(Operation op) {
        if (op.newHistory.isEmpty()) {
            return Uni.createFrom().item(op);
        }
        List<OperationHistoryEntry> entries = List.copyOf(op.newHistory);
        op.newHistory.clear();
        return history.persist(entries).replaceWith(op);
    }

    /** Flushes, so the version is the one committed, and reads the full history. */
    private Uni<OperationView> view(Operation op) {
        return operations.flush()
                .flatMap(v -> history.list("operationId = ?1 order by at, id", op.id))
                .map(entries -> OperationView.of(op, entries));
    }
}
