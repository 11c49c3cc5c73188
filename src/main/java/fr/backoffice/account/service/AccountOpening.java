package fr.backoffice.account.service;

import fr.backoffice.account.Account;
import fr.backoffice.account.AccountType;
import fr.backoffice.account.Iban;
import fr.backoffice.account.api.AccountView;
import fr.backoffice.account.api.NewAccount;
import fr.backoffice.account.repository.AccountRepository;
import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.Persistence;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.unit.Unit;
import fr.backoffice.unit.repository.UnitRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * {@code POST /accounts}: a customer account (or, by an admin, an internal one) in an existing unit, with the IBAN
 * given (validated, unique) or generated from the bank code, the unit's branch code and the next account number.
 */
@ApplicationScoped
public class AccountOpening {

    private final AccountRepository accounts;

    private final UnitRepository units;

    private final Idempotency idempotency;

    private final Events events;

    private final Caller caller;

    private final TimeSource time;

    private final BackOfficeConfig config;

    public AccountOpening(AccountRepository accounts, UnitRepository units, Idempotency idempotency, Events events,
                          Caller caller, TimeSource time, BackOfficeConfig config) {
        this.accounts = accounts;
        this.units = units;
        this.idempotency = idempotency;
        this.events = events;
        this.caller = caller;
        this.time = time;
        this.config = config;
    }

    @Audited
    @WithTransaction
    public Uni<Reply> open(String idempotencyKey, NewAccount request) {
        return idempotency.once(idempotencyKey, request, () -> insert(request)
                .map(AccountView::of)
                .call(view -> events.append(EventType.ACCOUNT_OPENED, view.id(), view))
                .map(view -> Reply.created(view, "/accounts/" + view.id(), view.version())));
    }

    private Uni<Account> insert(NewAccount request) {
        if (request.type() == AccountType.INTERNAL && !caller.is(Roles.ADMIN)) {
            throw new ApiException(ProblemCode.FORBIDDEN, "Only an admin opens INTERNAL accounts.");
        }
        Currency currency = Money.currency("currency", request.currency());
        BigDecimal overdraftLimit = overdraftLimit(request, currency);
        Iban givenIban = request.iban() == null ? null : Iban.parse("iban", request.iban());
        return units.findById(request.unit())
                .onItem().ifNull().failWith(() -> new ApiException(ProblemCode.UNKNOWN_UNIT,
                        "Unit " + request.unit() + " does not exist."))
                .flatMap(unit -> givenIban != null ? requireUnused(givenIban) : generateIban(unit))
                .map(iban -> account(request, iban, currency, overdraftLimit))
                .flatMap(accounts::persistAndFlush)
                .onFailure(Persistence::isUniqueViolation).transform(duplicate -> ibanExists());
    }

    private Account account(NewAccount request, Iban iban, Currency currency, BigDecimal overdraftLimit) {
        return Account.opened(Ids.newId(), iban.value(), request.holder().name().strip(),
                request.holder().customerId().strip(), request.type(), currency.getCurrencyCode(), request.unit(),
                overdraftLimit, caller.id(), time.now());
    }

    /**
     * The limit the account opens with. Opening grants no credit line beyond the bank's default, whoever asks (front
     * office or admin): more is a supervisor's decision, taken on the open account with {@code PATCH /accounts/{id}}
     * (docs/security.md "Security rules"). 403 rather than 422: the limit asked for is a valid one, but granting it
     * needs an authority the caller lacks.
     */
    private BigDecimal overdraftLimit(NewAccount request, Currency currency) {
        if (request.type() == AccountType.INTERNAL) {
            if (request.overdraftLimit() != null) {
                Account.checkOverdraftAllowed(AccountType.INTERNAL, BigDecimal.ONE);
            }
            return null;
        }
        BigDecimal atMost = Account.defaultOverdraftLimit(request.type(), config.accounts().defaultOverdraftLimit(), currency);
        if (request.overdraftLimit() == null) {
            return atMost;
        }
        BigDecimal limit = Money.nonNegative("overdraftLimit", request.overdraftLimit(), currency);
        Account.checkOverdraftAllowed(request.type(), limit);
        if (limit.compareTo(atMost) > 0) {
            throw new ApiException(ProblemCode.OVERDRAFT_NEEDS_SUPERVISOR, "An account opens with an overdraft limit of at most "
                    + Money.format(atMost, currency.getCurrencyCode()) + " " + currency.getCurrencyCode()
                    + " (the bank's default); a supervisor grants more once it is open, with PATCH /accounts/{id} overdraftLimit.",
                    List.of(new FieldError("overdraftLimit", "is above the default overdraft limit, "
                            + Money.format(atMost, currency.getCurrencyCode()))));
        }
        return limit;
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
        return new ApiException(ProblemCode.IBAN_EXISTS, "An account with this IBAN already exists.");
    }
}
