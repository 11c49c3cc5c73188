package fr.backoffice.account.repository;

import fr.backoffice.account.Account;
import fr.backoffice.account.AccountStatus;
import fr.backoffice.account.AccountType;
import fr.backoffice.common.EntityRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class AccountRepository implements EntityRepository<Account> {

    /** The filters of {@code GET /accounts}; null means "any". */
    public record Filter(AccountStatus status, String unit, String customerId, AccountType type, String currency) {

        /** The same filter, within {@code unit}. */
        public Filter inUnit(String unit) {
            return new Filter(status, unit, customerId, type, currency);
        }
    }

    /** Accounts in id (creation) order after {@code afterId}, {@code limit} rows at most. */
    public Uni<List<Account>> page(Filter filter, UUID afterId, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        where(where, params, "status", filter.status());
        where(where, params, "unit", filter.unit());
        where(where, params, "customerId", filter.customerId());
        where(where, params, "type", filter.type());
        where(where, params, "currency", filter.currency());
        if (afterId != null) {
            where.add("id > :after");
            params.and("after", afterId);
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by id";
        return find(query, params).range(0, limit - 1).list();
    }

    /** The accounts with these IBANs, locked in id order (the order every path locks accounts in). */
    public Uni<List<Account>> lockByIbans(Collection<String> ibans) {
        return find("iban in ?1 order by id", ibans).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** These accounts, locked in id order. */
    public Uni<List<Account>> lockAll(Collection<UUID> ids) {
        return find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Whether the account sent an external transfer the clearing system has not settled yet: executed and waiting for
     * a payment file, or in one it has not answered (GENERATED). The clearing may still give that money back, and a
     * closed account could not take it. The rows are the operation feature's (docs/clearing-and-statements.md
     * "Clearing and statements"); read here in SQL, since accounts come before operations.
     */
    public Uni<Boolean> hasUnsettledExternalTransfer(UUID accountId) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                        select exists (select 1 from operation o left join payment_file f on f.id = o.payment_file_id
                                       where o.debit_account_id = :account and o.type = 'TRANSFER'
                                         and o.creditor_iban is not null and o.status = 'EXECUTED'
                                         and (o.payment_file_id is null or f.status = 'GENERATED'))""", Boolean.class)
                .setParameter("account", accountId)
                .getSingleResult());
    }

    public Uni<Boolean> ibanExists(String iban) {
        return count("iban", iban).map(count -> count > 0);
    }

    public Uni<String> nextAccountNumber() {
        return getSession().flatMap(session -> session
                .createNativeQuery("select lpad(nextval('account_number_seq')::text, 11, '0')", String.class)
                .getSingleResult());
    }

    private static void where(List<String> where, Parameters params, String field, Object value) {
        if (value != null) {
            where.add(field + " = :" + field);
            params.and(field, value);
        }
    }
}
