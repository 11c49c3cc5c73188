package fr.backoffice.account.service;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.account.AccountType;
import fr.backoffice.account.Iban;
import fr.backoffice.common.Ids;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.account.InternalPurpose;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The unit's internal accounts (cash, fee income, outgoing transfers…), created on first use. Their ids never
 * change once created, so they are remembered: a posting through an internal account costs no lookup after the
 * first. Creation commits on its own (an empty internal account is harmless), so it never depends on the
 * transaction of the operation that needed it; concurrent creators meet on the unique index (unit, currency,
 * purpose) and both read the one that won.
 */
@ApplicationScoped
public class InternalAccounts {

    private final Map<String, UUID> known = new ConcurrentHashMap<>();

    private final Pool pool;

    private final TimeSource time;

    private final BackOfficeConfig config;

    public InternalAccounts(Pool pool, TimeSource time, BackOfficeConfig config) {
        this.pool = pool;
        this.time = time;
        this.config = config;
    }

    /** The ids of the unit's internal accounts for these purposes in this currency. */
    public Uni<Map<InternalPurpose, UUID>> of(String unit, String currency, Set<InternalPurpose> purposes) {
        Map<InternalPurpose, UUID> found = new EnumMap<>(InternalPurpose.class);
        for (InternalPurpose purpose : purposes) {
            UUID id = known.get(key(unit, currency, purpose));
            if (id == null) {
                return lookUp(unit, currency, purposes);
            }
            found.put(purpose, id);
        }
        return Uni.createFrom().item(found);
    }

    private Uni<Map<InternalPurpose, UUID>> lookUp(String unit, String currency, Set<InternalPurpose> purposes) {
        Uni<Void> created = Uni.createFrom().voidItem();
        for (InternalPurpose purpose : purposes) {
            created = created.flatMap(ignored -> createIfMissing(unit, currency, purpose));
        }
        return created.flatMap(ignored -> pool
                .preparedQuery("select purpose, id from account where unit_code = $1 and currency = $2 and purpose = any($3)")
                .execute(Tuple.of(unit, currency, purposes.stream().map(Enum::name).toArray(String[]::new)))
                .map(rows -> {
                    Map<InternalPurpose, UUID> found = new EnumMap<>(InternalPurpose.class);
                    for (Row row : rows) {
                        InternalPurpose purpose = InternalPurpose.valueOf(row.getString("purpose"));
                        found.put(purpose, row.getUUID("id"));
                        known.put(key(unit, currency, purpose), row.getUUID("id"));
                    }
                    return found;
                }));
    }

    private Uni<Void> createIfMissing(String unit, String currency, InternalPurpose purpose) {
        return pool.preparedQuery("""
                        select u.branch_code, lpad(nextval('account_number_seq')::text, 11, '0') as number
                        from unit u where u.code = $1
                          and not exists (select 1 from account where unit_code = $1 and currency = $2 and purpose = $3)""")
                .execute(Tuple.of(unit, currency, purpose.name()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Row row = rows.iterator().next();
                    return pool.preparedQuery("""
                                    insert into account (id, iban, holder_name, customer_id, type, purpose, currency, unit_code,
                                                         status, ledger_balance, held_amount, overdraft_limit, opened_at,
                                                         opened_by, version, entry_count)
                                    values ($1, $2, $3, 'BANK', $4, $5, $6, $7, 'ACTIVE', 0, 0, null, $8, 'system', 0, 0)
                                    on conflict (unit_code, currency, purpose) where purpose is not null do nothing""")
                            .execute(Tuple.tuple().addValue(Ids.newId())
                                    .addValue(Iban.french(config.iban().bankCode(), row.getString("branch_code"), row.getString("number")).value())
                                    .addValue(purpose.holderName(unit, currency)).addValue(AccountType.INTERNAL.name())
                                    .addValue(purpose.name()).addValue(currency).addValue(unit)
                                    .addValue(time.now().atOffset(ZoneOffset.UTC)))
                            .replaceWithVoid();
                });
    }

    private static String key(String unit, String currency, InternalPurpose purpose) {
        return unit + '/' + currency + '/' + purpose;
    }
}
