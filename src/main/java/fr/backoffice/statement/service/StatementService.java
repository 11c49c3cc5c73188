package fr.backoffice.statement.service;

import fr.backoffice.account.Account;
import fr.backoffice.account.repository.AccountReader;
import fr.backoffice.account.service.AccountService;
import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.ledger.LedgerEntry;
import fr.backoffice.ledger.service.LedgerService;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.repository.AuthorizationRepository;
import fr.backoffice.operation.repository.OperationRepository;
import fr.backoffice.statement.BankTransactionCodes;
import fr.backoffice.statement.Counterparties;
import fr.backoffice.statement.api.StatementAuthorizations;
import fr.backoffice.statement.api.StatementBalance;
import fr.backoffice.statement.api.StatementEntry;
import fr.backoffice.statement.api.StatementSummary;
import fr.backoffice.statement.api.StatementView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One business day of an account, read from the ledger (package {@code fr.backoffice.statement}): the account as
 * the caller may see it (404 otherwise), the balance before the day, the day's entries, the operations behind them
 * and the accounts on their other side, each in one query.
 */
@ApplicationScoped
public class StatementService {

    /** {@code Stmt/Id} and the other ISO identifiers are {@code Max35Text}. */
    static final int MAX_ID = 35;

    private final AccountService accounts;

    private final AccountReader accountReader;

    private final LedgerService ledger;

    private final OperationRepository operations;

    private final TimeSource time;

    private final AuthorizationRepository authorizations;

    private final Pool pool;

    public StatementService(AccountService accounts, AccountReader accountReader, LedgerService ledger,
                            OperationRepository operations, TimeSource time, AuthorizationRepository authorizations,
                            Pool pool) {
        this.authorizations = authorizations;
        this.pool = pool;
        this.accounts = accounts;
        this.accountReader = accountReader;
        this.ledger = ledger;
        this.operations = operations;
        this.time = time;
    }

    @WithSession
    public Uni<StatementView> statement(String accountId, LocalDate date) {
        Instant now = time.now();
        ZoneId zone = time.businessZone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        return accounts.get(accountId).flatMap(account -> {
            if (date.isAfter(today)) {
                throw new ApiException(ProblemCode.STATEMENT_DATE_IN_FUTURE,
                        "There is no statement of " + date + " yet: today is " + today + " in the bank's time zone.");
            }
            Instant from = date.atStartOfDay(zone).toInstant();
            boolean complete = date.isBefore(today);
            // exclusive: the start of the next day, or just after now for today
            Instant until = complete ? date.plusDays(1).atStartOfDay(zone).toInstant() : now.plus(1, ChronoUnit.MICROS);
            return ledger.balanceBefore(account.id, from)
                    .flatMap(opening -> ledger.postedBetween(account.id, from, until, StatementView.MAX_ENTRIES + 1)
                            .flatMap(entries -> {
                                if (entries.size() > StatementView.MAX_ENTRIES) {
                                    throw new ApiException(ProblemCode.STATEMENT_TOO_LARGE, "More than "
                                            + StatementView.MAX_ENTRIES + " entries were posted that day: read them by "
                                            + "page from GET /accounts/{id}/entries.");
                                }
                                Instant to = until.minus(1, ChronoUnit.MICROS);
                                return details(account, entries).flatMap(details -> authorizations
                                        .reservedAt(pool, account.id, to).map(reserved -> new Day(account, date,
                                                complete, from, to, now, opening, entries, details, reserved)));
                            }))
                    .map(day -> view(day, zone));
        });
    }

    /** The operations behind the entries and the accounts of ours on their other side. */
    private Uni<Details> details(Account account, List<LedgerEntry> entries) {
        Set<UUID> ids = entries.stream().map(entry -> entry.operationId).collect(Collectors.toSet());
        return operations.byIds(ids).flatMap(found -> {
            Map<UUID, Operation> byId = found.stream().collect(Collectors.toMap(op -> op.id, Function.identity()));
            Set<UUID> others = new HashSet<>();
            for (LedgerEntry entry : entries) {
                UUID other = Counterparties.otherAccount(operation(byId, entry), entry.accountId);
                if (other != null && !other.equals(account.id)) {
                    others.add(other);
                }
            }
            return accountReader.byIds(others).map(counterparts -> new Details(byId, counterparts));
        });
    }

    private record Details(Map<UUID, Operation> operations, Map<UUID, Account> accounts) {
    }

    private record Day(Account account, LocalDate date, boolean complete, Instant from, Instant to, Instant now,
                       BigDecimal opening, List<LedgerEntry> entries, Details details,
                       AuthorizationRepository.Reserved reserved) {
    }

    private static StatementView view(Day day, ZoneId zone) {
        Account account = day.account();
        String ccy = account.currency;
        List<StatementEntry> lines = new ArrayList<>();
        BigDecimal credits = BigDecimal.ZERO;
        BigDecimal debits = BigDecimal.ZERO;
        int numberOfCredits = 0;
        for (LedgerEntry entry : day.entries()) {
            Operation op = operation(day.details().operations(), entry);
            boolean credit = entry.amount.signum() > 0;
            if (credit) {
                credits = credits.add(entry.amount);
                numberOfCredits++;
            } else {
                debits = debits.add(entry.amount.negate());
            }
            String transactionId = dashless(op.id);
            lines.add(new StatementEntry(entry.id.toString(), op.id.toString(), op.type.name(),
                    Money.format(entry.amount, ccy), credit ? "CRDT" : "DBIT",
                    LocalDate.ofInstant(entry.postedAt, zone), entry.valueDate,
                    BankTransactionCodes.of(op.type, op.isExternalTransfer(), credit),
                    op.endToEndId != null ? op.endToEndId : op.reference != null ? op.reference : transactionId, transactionId, entry.label,
                    Counterparties.of(op, entry.accountId, day.details().accounts())));
        }
        BigDecimal net = credits.subtract(debits);
        StatementSummary summary = new StatementSummary(lines.size(), numberOfCredits, Money.format(credits, ccy),
                lines.size() - numberOfCredits, Money.format(debits, ccy), Money.format(net, ccy));
        Instant openingAt = day.from().minus(1, ChronoUnit.MICROS);
        return new StatementView(statementId(day.date(), account.iban, account.id), dashless(Ids.newId()), day.now(),
                account.id.toString(), account.iban, ccy, account.holderName, day.date(), day.complete(), day.from(),
                day.to(), balance(day.opening(), ccy, day.date(), openingAt),
                balance(day.opening().add(net), ccy, day.date(), day.to()), summary,
                new StatementAuthorizations(day.reserved().open(), Money.format(day.reserved().amount(), ccy)), lines);
    }

    private static Operation operation(Map<UUID, Operation> operations, LedgerEntry entry) {
        Operation op = operations.get(entry.operationId);
        if (op == null) {
            // the database's foreign key makes this impossible
            throw new IllegalStateException("No operation " + entry.operationId + " for entry " + entry.id);
        }
        return op;
    }

    private static StatementBalance balance(BigDecimal amount, String ccy, LocalDate date, Instant at) {
        return new StatementBalance(Money.format(amount, ccy), amount.signum() < 0 ? "DBIT" : "CRDT", date, at);
    }

    /**
     * {@code Stmt/Id}: the day and the IBAN ({@code 20261130FR7612548000010000000000146}: the bank's French IBANs
     * fit the 35 characters exactly); for a longer IBAN, the day and the account's id in base64url.
     */
    static String statementId(LocalDate date, String iban, UUID accountId) {
        String day = date.format(DateTimeFormatter.BASIC_ISO_DATE);
        String id = day + iban;
        if (id.length() <= MAX_ID) {
            return id;
        }
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(accountId.getMostSignificantBits())
                .putLong(accountId.getLeastSignificantBits());
        return day + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    static String dashless(UUID id) {
        return id.toString().replace("-", "");
    }
}
