package fr.backoffice.ledger.service;

import fr.backoffice.account.service.AccountService;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.ledger.LedgerEntry;
import fr.backoffice.ledger.api.BalanceView;
import fr.backoffice.ledger.api.CurrencyTrialBalance;
import fr.backoffice.ledger.api.EntryView;
import fr.backoffice.ledger.api.TrialBalance;
import fr.backoffice.ledger.repository.LedgerEntryRepository.CurrencyTotals;
import fr.backoffice.ledger.repository.LedgerEntryRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Statements, historical balances and the trial balance: reads of the ledger. */
@ApplicationScoped
public class LedgerService {

    private final AccountService accounts;

    private final LedgerEntryRepository entries;

    private final TimeSource time;

    public LedgerService(AccountService accounts, LedgerEntryRepository entries, TimeSource time) {
        this.accounts = accounts;
        this.entries = entries;
        this.time = time;
    }

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
        return accounts.get(accountId)
                .flatMap(account -> entries.balanceAt(account.id, instant)
                        .map(sum -> new BalanceView(account.id.toString(), instant, Money.format(sum, account.currency),
                                account.currency)));
    }

    /**
     * The entries posted to an account at or after {@code from} and before {@code to}, in posting order
     * ({@code account_seq}), at most {@code limit}: one query. For a caller that has already checked that the caller
     * reaches the account (the account statements).
     */
    @WithSession
    public Uni<List<LedgerEntry>> postedBetween(UUID accountId, Instant from, Instant to, int limit) {
        return entries.statement(accountId, from, to, 0, limit);
    }

    /**
     * The sum of the entries posted to an account strictly before {@code at}: {@link #balanceAt} one microsecond
     * earlier (instants are stored to the microsecond), so that it and {@link #postedBetween} from {@code at} add up
     * without an entry counted twice or missed. For a caller that has already checked the account.
     */
    @WithSession
    public Uni<BigDecimal> balanceBefore(UUID accountId, Instant at) {
        return entries.balanceAt(accountId, at.minus(1, ChronoUnit.MICROS));
    }

    /** Debits, credits and the sum of balances per currency, all from the same snapshot. */
    @WithSession
    public Uni<TrialBalance> trialBalance(String currency) {
        Instant at = time.now();
        return entries.totals(currency)
                .map(totals -> totals.stream().map(LedgerService::line).toList())
                .map(lines -> new TrialBalance(at, lines.stream().allMatch(CurrencyTrialBalance::balanced), lines));
    }

    private static CurrencyTrialBalance line(CurrencyTotals totals) {
        String code = totals.currency();
        return new CurrencyTrialBalance(code, Money.format(totals.debits(), code), Money.format(totals.credits(), code),
                Money.format(totals.sumOfBalances(), code),
                totals.debits().compareTo(totals.credits()) == 0 && totals.sumOfBalances().signum() == 0);
    }
}
