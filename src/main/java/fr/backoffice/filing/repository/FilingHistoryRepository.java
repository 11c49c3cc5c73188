package fr.backoffice.filing.repository;

import fr.backoffice.filing.FilingHistoryEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class FilingHistoryRepository implements PanacheRepositoryBase<FilingHistoryEntry, Long> {

    /** The history of one filing, in the order it happened. */
    public Uni<List<FilingHistoryEntry>> of(UUID filingId) {
        return list("filingId = ?1 order by id", filingId);
    }

    /** The histories of several filings at once (for a page of filings), each in the order it happened. */
    public Uni<List<FilingHistoryEntry>> of(Collection<UUID> filingIds) {
        if (filingIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("filingId in ?1 order by id", filingIds);
    }
}
