package fr.backoffice.account.service;

import fr.backoffice.common.time.TimeSource;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.account.Account;
import fr.backoffice.account.AccountStatus;
import fr.backoffice.account.AccountType;
import fr.backoffice.account.Iban;
import fr.backoffice.account.repository.AccountReader;
import fr.backoffice.account.repository.AccountRepository;
import fr.backoffice.account.api.AccountChange;
import fr.backoffice.account.api.AccountView;
import fr.backoffice.account.api.NewAccount;
import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.Persistence;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.http.ETags;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.unit.Unit;
import fr.backoffice.unit.repository.UnitRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.UUID;
import java.util.function.Consumer;

@ApplicationScoped
public class AccountService {

    @Inject
    AccountRepository accounts;

    @Inject
    TimeSource time;

    @Inject
    AccountReader reader;

    @Inject
    UnitRepository units;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Inject
    Events events;

    @Inject
    BackOfficeConfig config;

    @Audited
    @WithTransaction
    public Uni<Reply> open(String idempotencyKey, NewAccount request) {
        return idempotency.once(caller.id(), idempotencyKey, "POST /accounts", request, () -> insert(request)
                .map(AccountView::of)
                .call(view -> events.append(EventType.ACCOUNT_OPENED, view.id(), view))
                .map(view -> Reply.created(view, "/accounts/" + view.id(), view.version())));
    }

    private Uni<Account> insert(NewAccount request) {
        if (request.type() == AccountType.INTERNAL && !caller.is(Roles.ADMIN)) {
            throw ApiException.forbidden("FORBIDDEN", "Only an admin opens INTERNAL accounts.");
        }
        Currency currency = Money.currency("currency", request.currency());
        BigDecimal overdraftLimit = overdraftLimit(request, currency);
        Iban givenIban = parseIban(request.iban());
        return units.findById(request.unit()).flatMap(unit -> {
            if (unit == null) {
                throw ApiException.unprocessable("UNKNOWN_UNIT", "Unit " + request.unit() + " does not exist.");
            }
            return givenIban != null ? requireUnused(givenIban) : generateIban(unit);
        }).flatMap(iban -> {
            Account account = new Account();
            account.id = Ids.newId();
            account.iban = iban.value();
            account.holderName = request.holder().name().strip();
            account.customerId = request.holder().customerId().strip();
            account.type = request.type();
            account.currency = currency.getCurrencyCode();
            account.unit = request.unit();
            account.status = AccountStatus.ACTIVE;
            account.ledgerBalance = BigDecimal.ZERO;
            account.heldAmount = BigDecimal.ZERO;
            account.overdraftLimit = overdraftLimit;
            account.openedAt = time.now();
            account.openedBy = caller.id();
            return accounts.persistAndFlush(account);
        }).onFailure(Persistence::isUniqueViolation).transform(duplicate -> ibanExists());
    }

    private static BigDecimal overdraftLimit(NewAccount request, Currency currency) {
        if (request.type() == AccountType.INTERNAL) {
            if (request.overdraftLimit() != null) {
                Account.checkOverdraftAllowed(AccountType.INTERNAL, BigDecimal.ONE);
            }
            return null;
        }
        if (request.overdraftLimit() == null) {
            return BigDecimal.ZERO.setScale(currency.getDefaultFractionDigits());
        }
        BigDecimal limit = Money.nonNegative("overdraftLimit", request.overdraftLimit(), currency);
        Account.checkOverdraftAllowed(request.type(), limit);
        return limit;
    }

    private static Iban parseIban(String iban) {
        if (iban == null) {
            return null;
        }
        try {
            return Iban.parse(iban);
        } catch (IllegalArgumentException invalid) {
            throw new ApiException(400, "INVALID_IBAN", invalid.getMessage() + ".",
                    java.util.List.of(new fr.backoffice.common.error.FieldError("iban", invalid.getMessage())));
        }
    }

    private Uni<Iban> requireUnused(Iban iban) {
        return accounts.ibanExists(iban.value()).map(exists -> {
            if (exists) {
                throw ibanExists();
            }
            return iban;
        });
    }

    private Uni<Iban> generateIban(Unit unit) {
        return accounts.nextAccountNumber().map(number -> Iban.french(config.iban().bankCode(), unit.branchCode, number));
    }

    private static ApiException ibanExists() {
        return ApiException.conflict("IBAN_EXISTS", "An account with this IBAN already exists.");
    }

    public Uni<Account> get(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Account " + id));
        return reader.byId(uuid).map(account -> visibleOr404(account, id));
    }

    @WithSession
    public Uni<Page<AccountView>> list(AccountRepository.Filter filter, PageRequest page) {
        int limit = page.limit();
        UUID after = page.afterId();
        AccountRepository.Filter scoped = filter;
        var confined = caller.confinedTo();
        if (confined.isPresent()) {
            String unit = confined.get();
            if (filter.unit() != null && !filter.unit().equals(unit)) {
                return Uni.createFrom().item(new Page<>(java.util.List.of(), null));
            }
            scoped = new AccountRepository.Filter(filter.status(), unit, filter.customerId(), filter.type(),
                    filter.currency());
        }
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
            throw ApiException.forbidden("FORBIDDEN", "Only a supervisor changes an overdraft limit.");
        }
        if (change.holder() != null && !(caller.is(Roles.AGENT) || caller.is(Roles.SUPERVISOR))) {
            throw ApiException.forbidden("FORBIDDEN", "Only an agent or a supervisor changes the holder's name.");
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
        return idempotency.once(caller.id(), idempotencyKey, "POST /accounts/" + id + "/freeze", Arrays.asList(ifMatch, reason),
                () -> act(id, ifMatch, false, EventType.ACCOUNT_FROZEN, account -> account.freeze(caller.id(), reason, time.now()))
                        .map(account -> Reply.ok(AccountView.of(account), account.version)));
    }

    @Audited
    @WithTransaction
    public Uni<Reply> unfreeze(String id, String ifMatch, String idempotencyKey, String reason) {
        return idempotency.once(caller.id(), idempotencyKey, "POST /accounts/" + id + "/unfreeze", Arrays.asList(ifMatch, reason),
                () -> act(id, ifMatch, false, EventType.ACCOUNT_UNFROZEN, account -> account.unfreeze(caller.id(), reason, time.now()))
                        .map(account -> Reply.ok(AccountView.of(account), account.version)));
    }

    @Audited
    @WithTransaction
    public Uni<Reply> close(String id, String ifMatch, String idempotencyKey, String reason) {
        return idempotency.once(caller.id(), idempotencyKey, "POST /accounts/" + id + "/close", Arrays.asList(ifMatch, reason),
                () -> act(id, ifMatch, false, EventType.ACCOUNT_CLOSED, account -> account.close(caller.id(), reason, time.now()))
                        .map(account -> Reply.ok(AccountView.of(account), account.version)));
    }

    /**
     * Locks the account (so a change never interleaves with a posting), applies the change, and flushes so the
     * answer carries the new version; then appends the change's event, in the same transaction.
     */
    private Uni<Account> act(String id, String ifMatch, boolean ifMatchRequired, EventType event, Consumer<Account> change) {
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
            change.accept(account);
            return accounts.flush().replaceWith(account);
        }).call(account -> events.append(event, account.id.toString(), AccountView.of(account)));
    }

    private Uni<Account> visible(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Account " + id));
        return accounts.findById(uuid).map(account -> visibleOr404(account, id));
    }

    private Account visibleOr404(Account account, String id) {
        if (account == null || !caller.may(account.unit)) {
            throw ApiException.notFound("Account " + id);
        }
        return account;
    }

}
