package fr.backoffice.ledger.service;

import fr.backoffice.account.service.AccountService;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.ledger.repository.LedgerEntryRepository;
import fr.backoffice.ledger.api.BalanceView;
import fr.backoffice.ledger.api.CurrencyTrialBalance;
import fr.backoffice.ledger.api.EntryView;
import fr.backoffice.ledger.api.TrialBalance;
import fr.backoffice.common.money.Money;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Instant;

/** Statements, historical balances and the trial balance: reads of the ledger. */
@ApplicationScoped
public class LedgerService {

    @Inject
    AccountService accounts;

    @Inject
    LedgerEntryRepository entries;

    @Inject
    TimeSource time;

    @WithSession
    public Uni<Page<EntryView>> statement(String accountId, Instant from, Instant to, PageRequest page) {
        int limit = page.limit();
        long after = page.afterSeq();
        return accounts.get(accountId)
                .flatMap(account -> entries.statement(account.id, from, to, after, limit + 1))
                .map(rows -> Page.of(rows, limit, entry -> Long.toString(entry.accountSeq), EntryView::of));
    }

    /** The sum of the entries posted up to and including {@code at}: order-independent, so always exact. */
    @WithSession
    public Uni<BalanceView> balanceAt(String accountId, Instant at) {
        Instant instant = at == null ? time.now() : at;
        return accounts.get(accountId).flatMap(account -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select coalesce(sum(amount), 0) from ledger_entry where account_id = :id and posted_at <= :at",
                        BigDecimal.class)
                .setParameter("id", account.id)
                .setParameter("at", instant)
                .getSingleResult()
                .map(sum -> new BalanceView(account.id.toString(), instant, Money.format(sum, account.currency),
                        account.currency))));
    }

    /**
     * Debits, credits and the sum of balances per currency, from one statement so that all three come
     * from the same snapshot even while operations execute.
     */
    @WithSession
    public Uni<TrialBalance> trialBalance(String currency) {
        Instant at = time.now();
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
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
                .map(rows -> {
                    var lines = rows.stream().map(row -> {
                        String code = (String) row[0];
                        BigDecimal debits = (BigDecimal) row[1];
                        BigDecimal credits = (BigDecimal) row[2];
                        BigDecimal sum = (BigDecimal) row[3];
                        return new CurrencyTrialBalance(code, Money.format(debits, code), Money.format(credits, code),
                                Money.format(sum, code), debits.compareTo(credits) == 0 && sum.signum() == 0);
                    }).toList();
                    return new TrialBalance(at, lines.stream().allMatch(CurrencyTrialBalance::balanced), lines);
                }));
    }

}
