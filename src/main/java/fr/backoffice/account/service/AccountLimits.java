package fr.backoffice.account.service;

import fr.backoffice.account.Account;
import fr.backoffice.account.AccountType;
import fr.backoffice.account.api.AccountLimitView;
import fr.backoffice.account.api.LimitChange;
import fr.backoffice.account.repository.AccountRepository;
import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.ETags;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The limits of an account (docs/operations-and-ledger.md "Limits and decisions"): read with what their current
 * window used ({@code account_limits}, V10__limits.sql, the function the booking reads them with), and a supervisor's
 * override. Lowering a limit applies at once; raising it is four eyes: the first supervisor's value waits as pending
 * until another supervisor sends the same value. An override is changed optimistically (its version is the ETag), so
 * it takes no lock a submission waits for.
 */
@ApplicationScoped
public class AccountLimits {

    private static final String READ = "select limit_id, scope, kind, time_window, array_to_string(operation_types, ','), "
            + "limit_value, on_exceed, default_value, used_amount, used_count, override_id, override_version, "
            + "pending_value, pending_by, overridden from account_limits(:account, :daySince, :dayUntil, :monthSince, "
            + ":monthUntil, :external, true)";

    private final AccountRepository accounts;

    private final Caller caller;

    private final TimeSource time;

    private final BackOfficeConfig config;

    private final Events events;

    public AccountLimits(AccountRepository accounts, Caller caller, TimeSource time, BackOfficeConfig config, Events events) {
        this.accounts = accounts;
        this.caller = caller;
        this.time = time;
        this.config = config;
        this.events = events;
    }

    private record Window(Instant start, Instant end) {
    }

    /** One limit as read, with its override's id and version. */
    record State(String id, String scope, String kind, String window, List<AccountLimitView.DebitKind> types, BigDecimal limit,
                 String onExceed, BigDecimal defaultLimit, BigDecimal usedAmount, long usedCount, UUID overrideId,
                 long version, BigDecimal pendingLimit, String pendingBy, boolean overridden) {

        BigDecimal used() {
            return "COUNT".equals(kind) ? BigDecimal.valueOf(usedCount) : "OPERATION".equals(window) ? BigDecimal.ZERO : usedAmount;
        }

        AccountLimitView view(String currency) {
            BigDecimal used = used();
            return new AccountLimitView(id, scope, kind, window, types, format(limit, currency), format(used, currency),
                    limit == null ? null : format(limit.subtract(used).max(BigDecimal.ZERO), currency), onExceed,
                    format(defaultLimit, currency), overridden, format(pendingLimit, currency), pendingBy);
        }

        private String format(BigDecimal value, String currency) {
            if (value == null) {
                return null;
            }
            return "COUNT".equals(kind) ? value.stripTrailingZeros().toPlainString() : Money.format(value, currency);
        }
    }

    @WithSession
    public Uni<AccountLimitView.Page> list(String accountId) {
        return visible(accountId).flatMap(account -> states(account)
                .map(states -> new AccountLimitView.Page(states.stream().map(s -> s.view(account.currency)).toList())));
    }

    @WithSession
    public Uni<Reply> get(String accountId, String limitId) {
        return visible(accountId).flatMap(account -> state(account, limitId)
                .map(state -> Reply.ok(state.view(account.currency), state.version())));
    }

    /**
     * A supervisor's value for the limit: lower or equal applies at once ({@code account.limit-changed}); higher waits
     * for another supervisor ({@code account.limit-raise-requested}, 202), who confirms it by sending the same value.
     */
    @Audited
    @WithTransaction
    public Uni<Reply> set(String accountId, String limitId, String ifMatch, LimitChange change) {
        if (!caller.is(Roles.SUPERVISOR)) {
            throw new ApiException(ProblemCode.FORBIDDEN, "Only a supervisor sets an account's limits.");
        }
        UUID id = Ids.parse(accountId).orElseThrow(() -> caller.cannotActOn("Account " + accountId));
        return accounts.findById(id).flatMap(account -> {
            if (account == null || !caller.may(account.unit)) {
                throw caller.cannotActOn("Account " + accountId);
            }
            return state(account, limitId).flatMap(state -> {
                ETags.requireMatch(ifMatch, state.version());
                BigDecimal value = value(change.limit(), state.kind(), account.currency);
                boolean raise = state.limit() != null && value.compareTo(state.limit()) > 0;
                String me = caller.id();
                Instant now = time.now();
                if (!raise || (state.pendingBy() != null && !state.pendingBy().equals(me)
                        && value.compareTo(state.pendingLimit()) == 0)) {
                    return write(account, state, value, null, now, true).flatMap(v -> answered(account, limitId,
                            EventType.ACCOUNT_LIMIT_CHANGED, 200));
                }
                if (me.equals(state.pendingBy()) && value.compareTo(state.pendingLimit()) == 0) {
                    throw new ApiException(ProblemCode.FOUR_EYES_VIOLATION,
                            "You asked for this raise: another supervisor confirms it by sending the same value.");
                }
                return write(account, state, null, value, now, false).flatMap(v -> answered(account, limitId,
                        EventType.ACCOUNT_LIMIT_RAISE_REQUESTED, 202));
            });
        });
    }

    private Uni<Reply> answered(Account account, String limitId, EventType event, int status) {
        return state(account, limitId).call(state -> events.append(event, account.id.toString(), state.view(account.currency)))
                .map(state -> status == 200 ? Reply.ok(state.view(account.currency), state.version())
                        : new Reply(202, state.view(account.currency), null, state.version(), false));
    }

    /** Applies {@code value} (clearing any pending raise), or records {@code pending}; 412 if changed meanwhile. */
    private Uni<Void> write(Account account, State state, BigDecimal value, BigDecimal pending, Instant now, boolean apply) {
        String me = caller.id();
        boolean customer = "CUSTOMER".equals(state.scope());
        return Panache.getSession().flatMap(session -> {
            if (state.overrideId() == null) {
                return session.createNativeQuery("insert into limit_override (id, limit_id, account_id, customer_id, "
                                + "limit_value, set_by, set_at, pending_value, pending_by, pending_at, version) values (:id, "
                                + ":limit, :account, :customer, :value, :setBy, :setAt, :pending, :pendingBy, :pendingAt, 1) "
                                + "on conflict do nothing")
                        .setParameter("id", Ids.newId()).setParameter("limit", state.id())
                        .setParameter("account", customer ? null : account.id)
                        .setParameter("customer", customer ? account.customerId : null)
                        .setParameter("value", value)
                        .setParameter("setBy", apply ? me : null)
                        .setParameter("setAt", apply ? now.atOffset(ZoneOffset.UTC) : null)
                        .setParameter("pending", pending)
                        .setParameter("pendingBy", apply ? null : me)
                        .setParameter("pendingAt", apply ? null : now.atOffset(ZoneOffset.UTC))
                        .executeUpdate();
            }
            String set = apply
                    ? "limit_value = :value, set_by = :me, set_at = :now, pending_value = null, pending_by = null, pending_at = null"
                    : "pending_value = :value, pending_by = :me, pending_at = :now";
            return session.createNativeQuery("update limit_override set " + set + ", version = version + 1 "
                            + "where id = :id and version = :version")
                    .setParameter("value", apply ? value : pending).setParameter("me", me)
                    .setParameter("now", now.atOffset(ZoneOffset.UTC)).setParameter("id", state.overrideId())
                    .setParameter("version", state.version()).executeUpdate();
        }).map(count -> {
            if (count.intValue() == 0) {
                throw new ApiException(ProblemCode.PRECONDITION_FAILED,
                        "The limit has changed since you read it: read it again.");
            }
            return null;
        });
    }

    private static BigDecimal value(String text, String kind, String currency) {
        if ("COUNT".equals(kind)) {
            if (text == null || !text.matches("[0-9]{1,9}")) {
                throw ApiException.invalidField("limit", "must be a whole number of operations");
            }
            return new BigDecimal(text);
        }
        return Money.nonNegative("limit", text, Currency.getInstance(currency));
    }

    private Uni<Account> visible(String accountId) {
        UUID id = Ids.parse(accountId).orElseThrow(() -> ApiException.notFound("Account " + accountId));
        return accounts.findById(id).map(account -> {
            if (account == null || !caller.may(account.unit)) {
                throw ApiException.notFound("Account " + accountId);
            }
            return account;
        });
    }

    private Uni<State> state(Account account, String limitId) {
        return states(account).map(states -> states.stream().filter(s -> s.id().equals(limitId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Limit " + limitId + " of account " + account.id)));
    }

    /** Every limit of the account, with what its current window used; none for an internal account. */
    private Uni<List<State>> states(Account account) {
        if (account.type == AccountType.INTERNAL) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = time.now();
        // the calendar day and month in the bank's zone, as BusinessCalendar computes them for the booking (the
        // account feature is below the operation feature, so it does not use it)
        java.time.ZoneId zone = config.businessZone();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, zone);
        Window day = new Window(today.atStartOfDay(zone).toInstant(), today.plusDays(1).atStartOfDay(zone).toInstant());
        java.time.LocalDate first = today.withDayOfMonth(1);
        Window month = new Window(first.atStartOfDay(zone).toInstant(), first.plusMonths(1).atStartOfDay(zone).toInstant());
        return Panache.getSession().flatMap(session -> session.createNativeQuery(READ, Object[].class)
                .setParameter("account", account.id)
                .setParameter("daySince", day.start().atOffset(ZoneOffset.UTC))
                .setParameter("dayUntil", day.end().atOffset(ZoneOffset.UTC))
                .setParameter("monthSince", month.start().atOffset(ZoneOffset.UTC))
                .setParameter("monthUntil", month.end().atOffset(ZoneOffset.UTC))
                .setParameter("external", config.limits().externalTransfersPerDay())
                .getResultList())
                .map(rows -> rows.stream().map(AccountLimits::state).toList());
    }

    private static State state(Object[] r) {
        return new State((String) r[0], (String) r[1], (String) r[2], (String) r[3], Arrays.stream(((String) r[4]).split(",")).map(AccountLimitView.DebitKind::valueOf).toList(),
                (BigDecimal) r[5], (String) r[6], (BigDecimal) r[7], (BigDecimal) r[8], ((Number) r[9]).longValue(),
                (UUID) r[10], ((Number) r[11]).longValue(), (BigDecimal) r[12], (String) r[13], Boolean.TRUE.equals(r[14]));
    }
}
