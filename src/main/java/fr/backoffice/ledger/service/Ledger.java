package fr.backoffice.ledger.service;

import fr.backoffice.account.Account;
import fr.backoffice.account.AccountType;
import fr.backoffice.account.Iban;
import fr.backoffice.account.repository.AccountRepository;
import fr.backoffice.common.Ids;
import fr.backoffice.ledger.Hold;
import fr.backoffice.ledger.InternalPurpose;
import fr.backoffice.ledger.LedgerEntry;
import fr.backoffice.ledger.Posting;
import fr.backoffice.ledger.repository.HoldRepository;
import fr.backoffice.ledger.repository.LedgerEntryRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Posts entries and holds. Callers run inside a transaction and lock every account they touch through
 * {@link #lock}, in one statement and in id order, so two postings never wait on each other in a cycle.
 */
@ApplicationScoped
public class Ledger {

    @Inject
    AccountRepository accounts;

    @Inject
    LedgerEntryRepository entries;

    @Inject
    HoldRepository holds;

    @ConfigProperty(name = "backoffice.iban.bank-code")
    String bankCode;

    /** Locks the accounts (SELECT ... FOR UPDATE, ordered by id) and returns them by id. */
    public Uni<Map<UUID, Account>> lock(Collection<UUID> ids) {
        List<UUID> ordered = new ArrayList<>(new TreeSet<>(ids));
        return accounts.find("id in ?1 order by id", ordered).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .map(rows -> rows.stream().collect(Collectors.toMap(a -> a.id, a -> a, (a, b) -> a, LinkedHashMap::new)));
    }

    /** The first reason why one of the postings cannot be booked now, or null when all can. */
    public static String refusal(List<Posting> postings, Map<UUID, Account> locked) {
        Map<UUID, BigDecimal> net = new LinkedHashMap<>();
        postings.forEach(p -> net.merge(p.accountId(), p.amount(), BigDecimal::add));
        for (Map.Entry<UUID, BigDecimal> move : net.entrySet()) {
            String refusal = locked.get(move.getKey()).refusal(move.getValue());
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /** Books the postings on locked accounts: balances, statement positions and entries move together. */
    public Uni<Void> post(UUID operationId, List<Posting> postings, Map<UUID, Account> locked, Instant at,
                          LocalDate valueDate, String label) {
        List<LedgerEntry> created = new ArrayList<>();
        for (Posting posting : postings) {
            Account account = locked.get(posting.accountId());
            LedgerEntry entry = new LedgerEntry();
            entry.id = Ids.newId();
            entry.operationId = operationId;
            entry.accountId = account.id;
            entry.currency = account.currency;
            entry.amount = posting.amount();
            entry.accountSeq = account.post(posting.amount());
            entry.balanceAfter = account.ledgerBalance;
            entry.postedAt = at;
            entry.valueDate = valueDate;
            entry.label = label;
            created.add(entry);
        }
        return entries.persist(created);
    }

    /** The entries an operation posted, as postings (to mirror them). */
    public Uni<List<Posting>> postingsOf(UUID operationId) {
        return entries.list("operationId = ?1 order by id", operationId)
                .map(rows -> rows.stream().map(e -> new Posting(e.accountId, e.amount)).toList());
    }

    public Uni<Void> hold(Account account, UUID operationId, BigDecimal amount, Instant at) {
        Hold hold = new Hold();
        hold.id = Ids.newId();
        hold.accountId = account.id;
        hold.operationId = operationId;
        hold.amount = amount;
        hold.createdAt = at;
        account.hold(amount);
        return holds.persist(hold).replaceWithVoid();
    }

    /** Releases the operation's active hold, if any; its account must be among the locked ones. */
    public Uni<Void> releaseHold(UUID operationId, Map<UUID, Account> locked, Instant at) {
        return holds.find("operationId = ?1 and releasedAt is null", operationId).firstResult().map(hold -> {
            if (hold != null) {
                hold.releasedAt = at;
                locked.get(hold.accountId).release(hold.amount);
            }
            return null;
        });
    }

    /** The account the operation's active hold sits on, or null. */
    public Uni<UUID> heldAccount(UUID operationId) {
        return holds.find("operationId = ?1 and releasedAt is null", operationId).firstResult()
                .map(hold -> hold == null ? null : hold.accountId);
    }

    /**
     * The unit's internal accounts for these purposes in this currency, created on first use. Concurrent
     * creators meet on the unique index (unit, currency, purpose) and both read the one that won.
     */
    public Uni<Map<InternalPurpose, UUID>> internalAccounts(String unit, String currency, Set<InternalPurpose> purposes) {
        if (purposes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return findInternal(unit, currency, purposes).flatMap(found -> {
            List<InternalPurpose> missing = purposes.stream().filter(p -> !found.containsKey(p)).toList();
            if (missing.isEmpty()) {
                return Uni.createFrom().item(found);
            }
            Uni<Void> creation = Uni.createFrom().voidItem();
            for (InternalPurpose purpose : missing) {
                creation = creation.flatMap(ignored -> createInternal(unit, currency, purpose));
            }
            return creation.flatMap(ignored -> findInternal(unit, currency, purposes));
        });
    }

    private Uni<Map<InternalPurpose, UUID>> findInternal(String unit, String currency, Set<InternalPurpose> purposes) {
        List<String> names = purposes.stream().map(Enum::name).toList();
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery("select purpose, id from Account where unit = ?1 and currency = ?2 and purpose in ?3",
                        Object[].class)
                .setParameter(1, unit).setParameter(2, currency).setParameter(3, names)
                .getResultList()
                .map(rows -> {
                    Map<InternalPurpose, UUID> byPurpose = new EnumMap<>(InternalPurpose.class);
                    rows.forEach(row -> byPurpose.put(InternalPurpose.valueOf((String) row[0]), (UUID) row[1]));
                    return byPurpose;
                }));
    }

    private Uni<Void> createInternal(String unit, String currency, InternalPurpose purpose) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("""
                        select u.branch_code, lpad(nextval('account_number_seq')::text, 11, '0')
                        from unit u where u.code = :unit""", Object[].class)
                .setParameter("unit", unit)
                .getSingleResult()
                .flatMap(row -> session.createNativeQuery("""
                                insert into account (id, iban, holder_name, customer_id, type, purpose, currency, unit_code,
                                                     status, ledger_balance, held_amount, overdraft_limit, opened_at,
                                                     opened_by, version, entry_count)
                                values (:id, :iban, :holder, 'BANK', :type, :purpose, :currency, :unit,
                                        'ACTIVE', 0, 0, null, :at, 'system', 0, 0)
                                on conflict (unit_code, currency, purpose) where purpose is not null do nothing""")
                        .setParameter("id", Ids.newId())
                        .setParameter("iban", Iban.french(bankCode, (String) row[0], (String) row[1]).value())
                        .setParameter("holder", purpose.holderName(unit, currency))
                        .setParameter("type", AccountType.INTERNAL.name())
                        .setParameter("purpose", purpose.name())
                        .setParameter("currency", currency)
                        .setParameter("unit", unit)
                        .setParameter("at", Instant.now())
                        .executeUpdate())
                .replaceWithVoid());
    }
}
