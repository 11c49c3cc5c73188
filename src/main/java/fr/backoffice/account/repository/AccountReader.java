package fr.backoffice.account.repository;

import fr.backoffice.account.Account;
import fr.backoffice.account.AccountStatus;
import fr.backoffice.account.AccountType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads of accounts on the hot paths, through the reactive pool: no Hibernate session to open, no persistence
 * context to fill. {@code GET /accounts/{id}} in one round trip; and the facts of an account that never change
 * (unit, currency, type), remembered once read, so that submitting an operation usually costs no read at all.
 */
@ApplicationScoped
public class AccountReader {

    /** The remembered facts are dropped all at once beyond this many accounts (about 100 bytes each). */
    private static final int MAX_FACTS = 100_000;

    private final Map<UUID, Facts> facts = new ConcurrentHashMap<>();

    private final Pool pool;

    public AccountReader(Pool pool) {
        this.pool = pool;
    }

    /** What never changes about an account once opened. */
    public record Facts(UUID id, String unit, String currency, AccountType type) {
    }

    /** The facts of those of these accounts that exist. */
    public Uni<Map<UUID, Facts>> facts(Collection<UUID> ids) {
        Map<UUID, Facts> known = new HashMap<>();
        for (UUID id : ids) {
            Facts remembered = facts.get(id);
            if (remembered == null) {
                return readFacts(ids);
            }
            known.put(id, remembered);
        }
        return Uni.createFrom().item(known);
    }

    private Uni<Map<UUID, Facts>> readFacts(Collection<UUID> ids) {
        return pool.preparedQuery("select id, unit_code, currency, type from account where id = any($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    if (facts.size() > MAX_FACTS) {
                        facts.clear();
                    }
                    Map<UUID, Facts> found = new HashMap<>();
                    for (Row row : rows) {
                        Facts read = new Facts(row.getUUID("id"), row.getString("unit_code"), row.getString("currency"),
                                AccountType.valueOf(row.getString("type")));
                        found.put(read.id(), read);
                        facts.put(read.id(), read);
                    }
                    return found;
                });
    }

    /** Whether an account of ours has this IBAN. */
    public Uni<Boolean> ibanExists(String iban) {
        return pool.preparedQuery("select 1 from account where iban = $1").execute(Tuple.of(iban))
                .map(rows -> rows.size() > 0);
    }

    /** The account, or null when none has this id. */
    public Uni<Account> byId(UUID id) {
        return pool.preparedQuery("select * from account where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : account(rows.iterator().next()));
    }

    /** Those of these accounts that exist, by id, in one query (counterparties on a statement). */
    public Uni<Map<UUID, Account>> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select * from account where id = any($1)").execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Account> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getUUID("id"), account(row)));
                    return found;
                });
    }

    private static Account account(Row row) {
        return Account.of(new Account.Stored(row.getUUID("id"), row.getString("iban"), row.getString("holder_name"),
                row.getString("customer_id"), AccountType.valueOf(row.getString("type")), row.getString("purpose"),
                row.getString("currency"), row.getString("unit_code"), AccountStatus.valueOf(row.getString("status")),
                row.getBigDecimal("ledger_balance"), row.getBigDecimal("held_amount"),
                row.getBigDecimal("overdraft_limit"), instant(row.getOffsetDateTime("opened_at")),
                row.getString("opened_by"), instant(row.getOffsetDateTime("closed_at")),
                instant(row.getOffsetDateTime("status_changed_at")), row.getString("status_changed_by"),
                row.getString("status_reason"), row.getLong("entry_count"), row.getLong("version")));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
