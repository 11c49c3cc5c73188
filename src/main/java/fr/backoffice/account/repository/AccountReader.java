package fr.backoffice.account.repository;

import fr.backoffice.account.Account;
import fr.backoffice.account.AccountStatus;
import fr.backoffice.account.AccountType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code GET /accounts/{id}}, the most frequent read, in one round trip through the reactive pool: no Hibernate
 * session to open, no persistence context to fill. The account it returns is a plain object, not managed.
 */
@ApplicationScoped
public class AccountReader {

    @Inject
    Pool pool;

    /** The account, or null when none has this id. */
    public Uni<Account> byId(UUID id) {
        return pool.preparedQuery("select * from account where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : account(rows.iterator().next()));
    }

    private static Account account(Row row) {
        Account account = new Account();
        account.id = row.getUUID("id");
        account.iban = row.getString("iban");
        account.holderName = row.getString("holder_name");
        account.customerId = row.getString("customer_id");
        account.type = AccountType.valueOf(row.getString("type"));
        account.purpose = row.getString("purpose");
        account.currency = row.getString("currency");
        account.unit = row.getString("unit_code");
        account.status = AccountStatus.valueOf(row.getString("status"));
        account.ledgerBalance = row.getBigDecimal("ledger_balance");
        account.heldAmount = row.getBigDecimal("held_amount");
        account.overdraftLimit = row.getBigDecimal("overdraft_limit");
        account.openedAt = instant(row.getOffsetDateTime("opened_at"));
        account.openedBy = row.getString("opened_by");
        account.closedAt = instant(row.getOffsetDateTime("closed_at"));
        account.statusChangedAt = instant(row.getOffsetDateTime("status_changed_at"));
        account.statusChangedBy = row.getString("status_changed_by");
        account.statusReason = row.getString("status_reason");
        account.entryCount = row.getLong("entry_count");
        account.version = row.getLong("version");
        return account;
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
