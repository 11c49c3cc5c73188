package fr.backoffice.account.service;

import fr.backoffice.account.Account;
import fr.backoffice.account.api.AccountChange;
import fr.backoffice.account.api.AccountView;
import fr.backoffice.account.repository.AccountReader;
import fr.backoffice.account.repository.AccountRepository;
import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.ETags;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Arrays;
import java.util.List;
import java.util.Currency;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads of accounts (within the caller's unit when confined to one) and changes to an open account: holder, overdraft
 * limit, freeze, unfreeze, close. Opening is {@link AccountOpening}.
 */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;

    private final TimeSource time;

    private final AccountReader reader;

    private final Idempotency idempotency;

    private final Caller caller;

    private final Events events;

    public AccountService(AccountRepository accounts, TimeSource time, AccountReader reader, Idempotency idempotency,
                          Caller caller, Events events) {
        this.accounts = accounts;
        this.time = time;
        this.reader = reader;
        this.idempotency = idempotency;
        this.caller = caller;
        this.events = events;
    }

    public Uni<Account> get(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Account " + id));
        return reader.byId(uuid).map(account -> visibleOr404(account, id));
    }

    @WithSession
    public Uni<Page<AccountView>> list(AccountRepository.Filter filter, PageRequest page) {
        int limit = page.limit();
        UUID after = page.afterId();
        var confined = caller.confinedTo();
        if (confined.isPresent() && filter.unit() != null && !filter.unit().equals(confined.get())) {
            return Uni.createFrom().item(new Page<>(List.of(), null));
        }
        AccountRepository.Filter scoped = confined.map(filter::inUnit).orElse(filter);
        return accounts.page(scoped, after, limit + 1)
                .map(rows -> Page.of(rows, limit, account -> account.id.toString(), AccountView::of));
    }

    @Audited
    @WithTransaction
    public Uni<Account> change(String id, String ifMatch, AccountChange change) {
        if (change.holder() == null && change.overdraftLimit() == null) {
            throw ApiException.invalidField("body", "must change at least one of holder.name, overdraftLimit");
        }
        if (change.overdraftLimit() != null && !caller.is(Roles.SUPERVISOR)) {
            throw new ApiException(ProblemCode.FORBIDDEN, "Only a supervisor changes an overdraft limit.");
        }
        if (change.holder() != null && !(caller.is(Roles.AGENT) || caller.is(Roles.SUPERVISOR))) {
            throw new ApiException(ProblemCode.FORBIDDEN, "Only an agent or a supervisor changes the holder's name.");
        }
        return act(id, ifMatch, true, EventType.ACCOUNT_CHANGED, account -> {
            if (change.overdraftLimit() != null) {
                account.changeOverdraftLimit(
                        Money.nonNegative("overdraftLimit", change.overdraftLimit(), Currency.getInstance(account.currency)));
            }
            if (change.holder() != null) {
                account.renameHolder(change.holder().name().strip());
            }
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> freeze(String id, String ifMatch, String idempotencyKey, String reason) {
        return idempotency.once(idempotencyKey, Arrays.asList(ifMatch, reason),
                () -> act(id, ifMatch, false, EventType.ACCOUNT_FROZEN, account -> account.freeze(caller.id(), reason, time.now()))
                        .map(account -> Reply.ok(AccountView.of(account), account.version)));
    }

    @Audited
    @WithTransaction
    public Uni<Reply> unfreeze(String id, String ifMatch, String idempotencyKey, String reason) {
        return idempotency.once(idempotencyKey, Arrays.asList(ifMatch, reason),
                () -> act(id, ifMatch, false, EventType.ACCOUNT_UNFROZEN, account -> account.unfreeze(caller.id(), reason, time.now()))
                        .map(account -> Reply.ok(AccountView.of(account), account.version)));
    }

    /**
     * Only an empty account closes, and not while an external transfer it sent may still come back from the clearing
     * (docs/clearing-and-statements.md "Clearing and statements"): 422 {@code UNSETTLED_EXTERNAL_TRANSFER}.
     */
    @Audited
    @WithTransaction
    public Uni<Reply> close(String id, String ifMatch, String idempotencyKey, String reason) {
        return idempotency.once(idempotencyKey, Arrays.asList(ifMatch, reason),
                () -> act(id, ifMatch, false, EventType.ACCOUNT_CLOSED, this::requireNothingComingBack,
                        account -> account.close(caller.id(), reason, time.now()))
                        .map(account -> Reply.ok(AccountView.of(account), account.version)));
    }

    private Uni<Void> requireNothingComingBack(Account account) {
        return accounts.hasUnsettledExternalTransfer(account.id).invoke(unsettled -> {
            if (unsettled) {
                throw new ApiException(ProblemCode.UNSETTLED_EXTERNAL_TRANSFER, "The account sent a transfer to another "
                        + "bank that the clearing system has not settled yet; it may still come back, so the account "
                        + "cannot close before the transfer's payment file is accepted.");
            }
        }).replaceWithVoid();
    }

    private Uni<Account> act(String id, String ifMatch, boolean ifMatchRequired, EventType event, Consumer<Account> change) {
        return act(id, ifMatch, ifMatchRequired, event, account -> Uni.createFrom().voidItem(), change);
    }

    /**
     * Locks the account (so a change never interleaves with a posting), runs {@code check} on it, applies the change,
     * and flushes so the answer carries the new version; then appends the change's event, in the same transaction.
     */
    private Uni<Account> act(String id, String ifMatch, boolean ifMatchRequired, EventType event,
                             Function<Account, Uni<Void>> check, Consumer<Account> change) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> caller.cannotActOn("Account " + id));
        return accounts.findById(uuid, LockModeType.PESSIMISTIC_WRITE).flatMap(account -> {
            if (account == null || !caller.may(account.unit)) {
                throw caller.cannotActOn("Account " + id);
            }
            if (ifMatchRequired) {
                ETags.requireMatch(ifMatch, account.version);
            } else {
                ETags.checkMatch(ifMatch, account.version);
            }
            return check.apply(account).flatMap(checked -> {
                change.accept(account);
                return accounts.flush();
            }).replaceWith(account);
        }).call(account -> events.append(event, account.id.toString(), AccountView.of(account)));
    }

    private Account visibleOr404(Account account, String id) {
        if (account == null || !caller.may(account.unit)) {
            throw ApiException.notFound("Account " + id);
        }
        return account;
    }

}
