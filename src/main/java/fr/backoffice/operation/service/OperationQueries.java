package fr.backoffice.operation.service;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.api.OperationView;
import fr.backoffice.operation.api.QueueItem;
import fr.backoffice.operation.repository.OperationRepository;
import fr.backoffice.unit.service.UnitService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/** Reads of operations: one, a filtered list, a unit's queue; each only within the caller's unit when confined to one. */
@ApplicationScoped
public class OperationQueries {

    private final OperationRepository operations;

    private final OperationJournal journal;

    private final UnitService units;

    private final Caller caller;

    private final TimeSource time;

    public OperationQueries(OperationRepository operations, OperationJournal journal, UnitService units, Caller caller,
            TimeSource time) {
        this.operations = operations;
        this.journal = journal;
        this.units = units;
        this.caller = caller;
        this.time = time;
    }

    @WithSession
    public Uni<OperationView> get(String id) {
        return operations.require(id, "Operation")
                .invoke(op -> requireVisible(op, id))
                .flatMap(journal::view);
    }

    /** An operation of a unit the caller does not reach is answered as one that does not exist. */
    private void requireVisible(Operation op, String id) {
        if (!caller.may(op.unit)) {
            throw ApiException.notFound("Operation " + id);
        }
    }

    @WithSession
    public Uni<Page<OperationView>> list(OperationRepository.Filter filter, PageRequest page) {
        int limit = page.limit();
        UUID after = page.afterId();
        var confined = caller.confinedTo();
        if (confined.isPresent() && filter.unit() != null && !filter.unit().equals(confined.get())) {
            return Uni.createFrom().item(new Page<>(List.of(), null));
        }
        OperationRepository.Filter scoped = confined.map(filter::inUnit).orElse(filter);
        return operations.page(scoped, after, limit + 1)
                .flatMap(rows -> journal.page(rows, limit, (op, view) -> view));
    }

    @WithSession
    public Uni<Page<QueueItem>> queue(String unit, PageRequest page) {
        if (!caller.may(unit)) {
            // the same answer whether the unit exists or not
            throw new ApiException(ProblemCode.FORBIDDEN, "Agents and supervisors see the queue of their own unit only.");
        }
        int limit = page.limit();
        UUID after = page.afterId();
        return units.require(unit)
                .flatMap(found -> operations.queue(unit, after, limit + 1))
                .flatMap(rows -> journal.page(rows, limit, (op, view) -> new QueueItem(dueAt(op.receivedAt, time.businessZone()), view)));
    }

    /** The time by which a waiting operation should be handled: one business day after it arrived. */
    static Instant dueAt(Instant receivedAt, ZoneId businessZone) {
        ZonedDateTime received = receivedAt.atZone(businessZone);
        LocalDate due = BusinessCalendar.plusBusinessDays(received.toLocalDate(), 1);
        return received.with(due).toInstant();
    }
}
