package fr.backoffice.ledger.repository;

import fr.backoffice.ledger.LedgerEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
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

    /** The sum of the entries posted to the account up to and including {@code at}. */
    public Uni<BigDecimal> balanceAt(UUID accountId, Instant at) {
        return getSession().flatMap(session -> session
                .createNativeQuery("select coalesce(sum(amount), 0) from ledger_entry where account_id = :id and posted_at <= :at",
                        BigDecimal.class)
                .setParameter("id", accountId)
                .setParameter("at", at)
                .getSingleResult());
    }

    /** The totals of one currency: debits (as a positive amount), credits, and the sum of the accounts' balances. */
    public record CurrencyTotals(String currency, BigDecimal debits, BigDecimal credits, BigDecimal sumOfBalances) {
    }

    /**
     * Per currency (or only {@code currency} when given), from one statement so that all three come from the same
     * snapshot even while operations execute: the balances are those the ledger's functions keep on {@code account}.
     */
    public Uni<List<CurrencyTotals>> totals(String currency) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                        with moves as (
                            select currency, coalesce(sum(-amount) filter (where amount < 0), 0) as debits,
                                   coalesce(sum(amount) filter (where amount > 0), 0) as credits
                            from ledger_entry group by currency),
                        balances as (select currency, sum(ledger_balance) as total from account group by currency)
                        select b.currency, coalesce(m.debits, 0), coalesce(m.credits, 0), b.total
                        from balances b left join moves m on m.currency = b.currency
                        where cast(:currency as varchar) is null or b.currency = :currency
                        order by b.currency""", Object[].class)
                .setParameter("currency", currency)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(row -> new CurrencyTotals((String) row[0], (BigDecimal) row[1], (BigDecimal) row[2], (BigDecimal) row[3]))
                        .toList()));
    }
}
