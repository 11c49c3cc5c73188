package fr.backoffice.filing.repository;

import fr.backoffice.common.EntityRepository;
import fr.backoffice.filing.Filing;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.FilingType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class FilingRepository implements EntityRepository<Filing> {

    /** The filing, or 404 {@code NOT_FOUND}. */
    public Uni<Filing> require(String id) {
        return require(id, "Filing");
    }

    /** The filing, its row locked until the transaction ends (every change takes this lock first), or 404. */
    public Uni<Filing> lock(String id) {
        return requireLocked(id, "Filing");
    }

    /**
     * The filters of {@code GET /filings}; null means "any". A period filter keeps the filings whose period
     * lies within it: {@code periodStart ≥ periodFrom}, {@code periodEnd ≤ periodTo}.
     */
    public record Filter(UUID declarantId, FilingType type, FilingStatus status, LocalDate periodFrom, LocalDate periodTo) {
    }

    /** Filings in id (creation) order after {@code afterId}, {@code limit} rows at most. */
    public Uni<List<Filing>> page(Filter filter, UUID afterId, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (filter.declarantId() != null) {
            where.add("declarantId = :declarantId");
            params.and("declarantId", filter.declarantId());
        }
        if (filter.type() != null) {
            where.add("type = :type");
            params.and("type", filter.type());
        }
        if (filter.status() != null) {
            where.add("status = :status");
            params.and("status", filter.status());
        }
        if (filter.periodFrom() != null) {
            where.add("periodStart >= :periodFrom");
            params.and("periodFrom", filter.periodFrom());
        }
        if (filter.periodTo() != null) {
            where.add("periodEnd <= :periodTo");
            params.and("periodTo", filter.periodTo());
        }
        if (afterId != null) {
            where.add("id > :after");
            params.and("after", afterId);
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by id";
        return find(query, params).range(0, limit - 1).list();
    }

    /** The live (not rejected, not an amendment) filing of this declarant, type and period, if any. */
    public Uni<Filing> live(UUID declarantId, FilingType type, LocalDate start, LocalDate end) {
        return find("declarantId = ?1 and type = ?2 and periodStart = ?3 and periodEnd = ?4 and status <> ?5 and amends is null",
                declarantId, type, start, end, FilingStatus.REJECTED).firstResult();
    }

    /** The declarant's VAT returns for the period ending on {@code end}, the last acknowledged first, then the newest. */
    public Uni<List<Filing>> vatReturnsEndingOn(UUID declarantId, LocalDate end) {
        return list("declarantId = ?1 and type = ?2 and periodEnd = ?3 order by ackReceivedAt desc nulls last, id desc",
                declarantId, FilingType.VAT_RETURN, end);
    }

    /** True when the declarant has a VAT return for a period ending before {@code before}. */
    public Uni<Boolean> anyVatReturnBefore(UUID declarantId, LocalDate before) {
        return count("declarantId = ?1 and type = ?2 and periodEnd < ?3", declarantId, FilingType.VAT_RETURN, before)
                .map(count -> count > 0);
    }

    /** Every filing of the declarant whose period overlaps {@code [from, to]}, oldest first. */
    public Uni<List<Filing>> overlapping(UUID declarantId, LocalDate from, LocalDate to) {
        return list("declarantId = ?1 and periodStart <= ?2 and periodEnd >= ?3 order by id", declarantId, to, from);
    }
}
