package fr.backoffice.unit.service;

import fr.backoffice.audit.Audited;
import fr.backoffice.common.Persistence;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.unit.Unit;
import fr.backoffice.unit.api.NewUnit;
import fr.backoffice.unit.api.UnitView;
import fr.backoffice.unit.repository.UnitRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Production units: created by an admin, read by everyone; the code is the id. */
@ApplicationScoped
public class UnitService {

    private final UnitRepository units;

    private final TimeSource time;

    private final Idempotency idempotency;

    private final Events events;

    public UnitService(UnitRepository units, TimeSource time, Idempotency idempotency, Events events) {
        this.units = units;
        this.time = time;
        this.idempotency = idempotency;
        this.events = events;
    }


    @Audited
    @WithTransaction
    public Uni<Reply> create(String idempotencyKey, NewUnit request) {
        return idempotency.once(idempotencyKey, request, () -> insert(request)
                .call(view -> events.append(EventType.UNIT_CREATED, view.code(), view))
                .map(view -> Reply.created(view, "/units/" + view.code(), null)));
    }

    private Uni<UnitView> insert(NewUnit request) {
        return units.findById(request.code())
                .invoke(existing -> {
                    if (existing != null) {
                        throw exists(request.code());
                    }
                })
                .flatMap(absent -> units.nextBranchCode())
                .map(branchCode -> Unit.created(request.code(), request.name().strip(), request.region().strip(),
                        branchCode, time.now()))
                .flatMap(units::persistAndFlush)
                .onFailure(Persistence::isUniqueViolation).transform(duplicate -> exists(request.code()))
                .map(UnitView::of);
    }

    private static ApiException exists(String code) {
        return new ApiException(ProblemCode.UNIT_EXISTS, "Unit " + code + " already exists.");
    }

    @WithSession
    public Uni<UnitView> get(String code) {
        return require(code).map(UnitView::of);
    }

    @WithSession
    public Uni<Unit> require(String code) {
        if (code == null || !Unit.CODE.matcher(code).matches()) {
            // no unit can have this code: say so without asking the database (which refuses some text, e.g. U+0000)
            return Uni.createFrom().failure(ApiException.notFound("Unit " + code));
        }
        return units.findById(code).onItem().ifNull().failWith(() -> ApiException.notFound("Unit " + code));
    }

    @WithSession
    public Uni<Page<UnitView>> list(PageRequest page) {
        int limit = page.limit();
        return units.page(page.afterKey(), limit + 1)
                .map(rows -> Page.of(rows, limit, unit -> unit.code, UnitView::of));
    }
}
