package fr.backoffice.ledger.repository;

import fr.backoffice.ledger.LedgerEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class LedgerEntryRepository implements PanacheRepositoryBase<LedgerEntry, UUID> {

    /** An account's statement in posting order, between two instants (either may be null). */
    public Uni<List<LedgerEntry>> statement(UUID accountId, Instant from, Instant to, long afterSeq, int limit) {
        StringBuilder query = new StringBuilder("accountId = :account and accountSeq > :after");
        Parameters params = Parameters.with("account", accountId).and("after", afterSeq);
        if (from != null) {
            query.append(" and postedAt >= :from");
            params.and("from", from);
        }
        if (to != null) {
            query.append(" and postedAt < :to");
            params.and("to", to);
        }
        return find(query + " order by accountSeq", params).range(0, limit - 1).list();
    }
}
