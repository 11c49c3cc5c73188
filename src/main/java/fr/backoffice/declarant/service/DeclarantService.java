package fr.backoffice.declarant.service;

import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.Persistence;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.declarant.Declarant;
import fr.backoffice.declarant.DeclarationDates;
import fr.backoffice.declarant.FiscalYearEnd;
import fr.backoffice.declarant.Siren;
import fr.backoffice.declarant.api.DeclarantView;
import fr.backoffice.declarant.api.NewDeclarant;
import fr.backoffice.declarant.repository.DeclarantRepository;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeclarantService {

    private final DeclarantRepository declarants;

    private final TimeSource time;

    private final Idempotency idempotency;

    private final Caller caller;

    private final Events events;

    public DeclarantService(DeclarantRepository declarants, TimeSource time, Idempotency idempotency, Caller caller,
                            Events events) {
        this.declarants = declarants;
        this.time = time;
        this.idempotency = idempotency;
        this.caller = caller;
        this.events = events;
    }

    @Audited
    @WithTransaction
    public Uni<Reply> create(String idempotencyKey, NewDeclarant request) {
        return idempotency.once(idempotencyKey, request, () -> insert(request)
                .map(DeclarantView::of)
                .call(view -> events.append(EventType.DECLARANT_REGISTERED, view.id(), view))
                .map(view -> Reply.created(view, "/declarants/" + view.id(), null)));
    }

    private Uni<Declarant> insert(NewDeclarant request) {
        Declarant declarant = checked(request);
        return declarants.sirenExists(declarant.siren)
                .invoke(exists -> refuseDuplicate(exists, declarant.siren))
                .flatMap(unique -> declarants.persistAndFlush(declarant))
                .onFailure(Persistence::isUniqueViolation).transform(duplicate -> exists(declarant.siren));
    }

    /** The declarant the request registers, its SIREN, VAT number, fiscal year end and first liable day checked. */
    private Declarant checked(NewDeclarant request) {
        String siren = request.siren();
        if (!Siren.isValid(siren)) {
            throw new ApiException(ProblemCode.INVALID_SIREN, "The SIREN must be 9 digits with a valid Luhn checksum.",
                    List.of(new FieldError("siren", "is not a valid SIREN (9 digits, Luhn checksum)")));
        }
        String vatNumber = Siren.vatNumber(siren);
        if (request.vatNumber() != null && !Siren.isValidVatNumber(request.vatNumber(), siren)) {
            throw new ApiException(ProblemCode.INVALID_VAT_NUMBER, "The VAT number of SIREN " + siren + " is " + vatNumber
                    + " (FR, key (12 + 3 × (SIREN mod 97)) mod 97, SIREN); omit it to have it computed.",
                    List.of(new FieldError("vatNumber", "does not match the SIREN and its key")));
        }
        String fiscalYearEnd;
        try {
            fiscalYearEnd = FiscalYearEnd.format(FiscalYearEnd.parse(request.fiscalYearEnd()));
        } catch (IllegalArgumentException invalid) {
            throw ApiException.invalidField("fiscalYearEnd", invalid.getMessage());
        }
        if (request.liableFrom() != null) {
            DeclarationDates.check("liableFrom", request.liableFrom());
        }
        return Declarant.registered(Ids.newId(), request.name().strip(), siren, vatNumber, request.vatRegime(),
                fiscalYearEnd, request.liableFrom(), time.now(), caller.id());
    }

    private static void refuseDuplicate(boolean exists, String siren) {
        if (exists) {
            throw exists(siren);
        }
    }

    private static ApiException exists(String siren) {
        return new ApiException(ProblemCode.DECLARANT_EXISTS, "A declarant with SIREN " + siren + " is already registered.");
    }

    @WithSession
    public Uni<DeclarantView> get(String id) {
        return require(id).map(DeclarantView::of);
    }

    /** The declarant, or 404 (also for ids that cannot name one). */
    @WithSession
    public Uni<Declarant> require(String id) {
        return declarants.require(id, "Declarant");
    }

    /** The declarant with this id, or null when there is none: for features that answer something else than 404. */
    @WithSession
    public Uni<Declarant> find(UUID id) {
        return declarants.findById(id);
    }

    @WithSession
    public Uni<Page<DeclarantView>> list(String siren, PageRequest page) {
        int limit = page.limit();
        UUID after = page.afterId();
        return declarants.page(siren, after, limit + 1)
                .map(rows -> Page.of(rows, limit, declarant -> declarant.id.toString(), DeclarantView::of));
    }
}
