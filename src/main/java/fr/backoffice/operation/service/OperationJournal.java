package fr.backoffice.operation.service;

import fr.backoffice.common.paging.Page;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationHistoryEntry;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.api.OperationView;
import fr.backoffice.operation.repository.OperationHistoryRepository;
import fr.backoffice.operation.repository.OperationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * An operation's history and its events: every change of an operation ends here ({@link #publish}), and every
 * view of one is built here with its history. The submission writes the same rows itself, in one call of
 * {@code operation_submit}, naming its events with {@link #eventTypes}.
 */
@ApplicationScoped
public class OperationJournal {

    private final OperationRepository operations;

    private final OperationHistoryRepository history;

    private final Events events;

    private final OperationMetrics metrics;

    private final Instance<CreditArrivals> arrivals;

    public OperationJournal(OperationRepository operations, OperationHistoryRepository history, Events events,
            OperationMetrics metrics, Instance<CreditArrivals> arrivals) {
        this.operations = operations;
        this.history = history;
        this.events = events;
        this.metrics = metrics;
        this.arrivals = arrivals;
    }

    /**
     * Ends a change of the operation: persists its new history entries, flushes, builds the view the endpoint
     * answers and appends one event per state change, all in the caller's transaction, then counts the statuses reached
     * ({@link OperationMetrics}). The events of one request
     * share the view as it commits (the view already built for the answer is serialized, which keeps the hot path at
     * one more insert per event, batched with the rest).
     */
    Uni<OperationView> publish(Operation op) {
        List<EventType> types = eventTypes(op);
        List<OperationHistoryEntry> changes = List.copyOf(op.newHistory);
        return saveHistory(op)
                .flatMap(this::view)
                .call(view -> appendAll(types, view))
                .call(view -> types.contains(EventType.OPERATION_EXECUTED) ? arrived(op) : Uni.createFrom().voidItem())
                .invoke(view -> metrics.reached(op.type, changes));
    }

    /**
     * A credit to an account just executed, in this transaction: told to {@link CreditArrivals} in it
     * (docs/reconciliation.md "Expected payments").
     */
    Uni<Void> arrived(Operation op) {
        if (!isCredit(op)) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> told = Uni.createFrom().voidItem();
        for (CreditArrivals each : arrivals) {
            told = told.call(() -> each.arrived(op.id));
        }
        return told;
    }

    /** An executed incoming transfer, or an executed internal transfer: money arriving on a customer's account. */
    static boolean isCredit(Operation op) {
        return op.status == OperationStatus.EXECUTED && op.creditAccountId != null
                && (op.type == OperationType.INCOMING_TRANSFER || op.type == OperationType.TRANSFER);
    }

    /**
     * One event per state change of this unit of work, named by the status reached (a straight-through submission
     * is {@code operation.received} then {@code operation.executed}); a change without a state change is a claim.
     */
    static List<EventType> eventTypes(Operation op) {
        if (op.newHistory.isEmpty()) {
            return List.of(EventType.OPERATION_CLAIMED);
        }
        return op.newHistory.stream().map(OperationJournal::eventType).toList();
    }

    private static EventType eventType(OperationHistoryEntry change) {
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
            case RETURNED -> EventType.OPERATION_RETURNED_BY_CLEARING;
        };
    }

    /** One after the other: a session is never used by two operations at once. */
    private Uni<Void> appendAll(List<EventType> types, OperationView view) {
        Uni<Void> appended = Uni.createFrom().voidItem();
        for (EventType type : types) {
            appended = appended.call(() -> events.append(type, view.id(), view));
        }
        return appended;
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
    Uni<OperationView> view(Operation op) {
        return operations.flush()
                .flatMap(flushed -> history.of(op.id))
                .map(entries -> OperationView.of(op, entries));
    }

    /** A page of operations with their histories, read in one query for the whole page. */
    <T> Uni<Page<T>> page(List<Operation> fetched, int limit, BiFunction<Operation, OperationView, T> map) {
        List<UUID> ids = fetched.stream().limit(limit).map(op -> op.id).toList();
        return history.of(ids).map(histories -> Page.of(fetched, limit, op -> op.id.toString(),
                op -> map.apply(op, OperationView.of(op, histories.getOrDefault(op.id, List.of())))));
    }
}
