package fr.backoffice.reconciliation.repository;

import fr.backoffice.common.SqlArrays;
import fr.backoffice.reconciliation.ExpectedPayments;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The expected payments (V9__reconciliation_write_offs_and_expected_payments.sql), in native SQL within the caller's
 * transaction, read back as text; ledger entries, operations and accounts are only read.
 */
@ApplicationScoped
public class ExpectedPaymentRepository {

    private static final String COLUMNS = "x.id::text, x.account_id::text, x.min_amount::text, x.max_amount::text, x.currency, "
            + "x.reference, x.counterparty_name, x.counterparty_iban, x.window_from::text, x.window_to::text, x.status, "
            + "x.operation_id::text, x.matched_at::text, x.created_at::text, x.created_by, x.version::text";

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    /** The account's type, status and currency, or null when there is no such account. */
    public Uni<Object[]> account(UUID id) {
        return session().flatMap(s -> s.createNativeQuery("select type, status, currency from account where id = cast(:id as uuid)",
                        Object[].class).setParameter("id", id.toString()).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<Void> insert(UUID id, UUID accountId, ExpectedPayments.Terms t, Instant at, String by) {
        return session().flatMap(s -> s.createNativeQuery("""
                        insert into expected_payment (id, account_id, currency, min_amount, max_amount, reference,
                            counterparty_name, counterparty_iban, window_from, window_to, status, created_at, created_by)
                        values (cast(:id as uuid), cast(:account as uuid), :currency, cast(cast(:min as text) as numeric),
                            cast(cast(:max as text) as numeric),
                            :reference, :name, :iban, cast(cast(:from as text) as date), cast(cast(:to as text) as date), 'OPEN',
                            cast(cast(:at as text) as timestamptz), :by)""")
                .setParameter("id", id.toString()).setParameter("account", accountId.toString())
                .setParameter("currency", t.currency()).setParameter("min", t.min().toPlainString())
                .setParameter("max", t.max().toPlainString()).setParameter("reference", t.reference())
                .setParameter("name", t.counterpartyName()).setParameter("iban", t.counterpartyIban())
                .setParameter("from", t.from().toString()).setParameter("to", t.to().toString())
                .setParameter("at", at.toString()).setParameter("by", by).executeUpdate()).replaceWithVoid();
    }

    public Uni<Object[]> find(UUID id) {
        return session().flatMap(s -> s.createNativeQuery("select " + COLUMNS + " from expected_payment x where x.id = cast(:id as uuid)",
                        Object[].class).setParameter("id", id.toString()).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** A page by id, filtered by account and status when given. */
    public Uni<List<Object[]>> page(UUID accountId, String status, UUID after, int limit) {
        return session().flatMap(s -> s.createNativeQuery("select " + COLUMNS + " from expected_payment x "
                        + "where (cast(cast(:account as text) as uuid) is null or x.account_id = cast(cast(:account as text) as uuid)) "
                        + "and (cast(cast(:status as text) as text) is null or x.status = :status) "
                        + "and (cast(cast(:after as text) as uuid) is null or x.id > cast(cast(:after as text) as uuid)) "
                        + "order by x.id limit :limit", Object[].class)
                .setParameter("account", SqlArrays.text(accountId)).setParameter("status", status)
                .setParameter("after", SqlArrays.text(after)).setParameter("limit", limit).getResultList());
    }

    /** Open expected payments, oldest first, locked; those another instance is matching are skipped. */
    public Uni<List<String>> lockOpen(int limit) {
        return session().flatMap(s -> s.createNativeQuery("select x.id::text from expected_payment x where x.status = 'OPEN' "
                        + "order by x.id limit :limit for update skip locked", String.class)
                .setParameter("limit", limit).getResultList());
    }

    /**
     * The first executed credit of the expected payment's account that fits it and no other expected payment took:
     * an incoming SEPA credit or an internal transfer, in its currency, its amount in the range, its value date in the
     * window, the reference in its EndToEndId, reference or label, and its payer's IBAN and name when given
     * (docs/reconciliation.md "Expected payments").
     */
    public Uni<String> creditFor(UUID expectedPaymentId) {
        return session().flatMap(s -> s.createNativeQuery("""
                        select o.id::text from expected_payment x
                        join ledger_entry e on e.account_id = x.account_id and e.amount between x.min_amount and x.max_amount
                        join operation o on o.id = e.operation_id
                        left join account d on d.id = o.debit_account_id
                        where x.id = cast(:id as uuid)
                          and o.type in ('INCOMING_TRANSFER', 'TRANSFER') and o.status = 'EXECUTED'
                          and o.credit_account_id = x.account_id and o.currency = x.currency
                          and e.value_date between x.window_from and x.window_to
                          and (x.reference is null or lower(x.reference) = lower(o.end_to_end_id)
                               or lower(x.reference) = lower(o.reference)
                               or strpos(lower(coalesce(o.label, '')), lower(x.reference)) > 0)
                          and (x.counterparty_iban is null or x.counterparty_iban = coalesce(o.debtor_iban, d.iban))
                          and (x.counterparty_name is null or lower(x.counterparty_name) = lower(coalesce(o.debtor_name, d.holder_name)))
                          and not exists (select 1 from expected_payment y where y.operation_id = o.id)
                        order by e.account_seq limit 1""", String.class)
                .setParameter("id", expectedPaymentId.toString()).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * Serialises the matching of the credited account's expected payments until the transaction ends (an advisory
     * lock, not the account's row): a credit told on arrival waits for it.
     */
    public Uni<Void> lockAccountOf(UUID operationId) {
        return session().flatMap(s -> s.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended("
                        + "'expected-payment:' || o.credit_account_id::text, 0)) from operation o where o.id = cast(:op as uuid)) locked",
                        Integer.class)
                .setParameter("op", operationId.toString()).getResultList()).replaceWithVoid();
    }

    /** The same lock for the scheduler, which never waits: false when someone holds it (that account waits a run). */
    public Uni<Boolean> tryLockAccountOf(UUID expectedPaymentId) {
        return session().flatMap(s -> s.createNativeQuery("select pg_try_advisory_xact_lock(hashtextextended("
                        + "'expected-payment:' || x.account_id::text, 0))::text from expected_payment x where x.id = cast(:id as uuid)",
                        String.class)
                .setParameter("id", expectedPaymentId.toString()).getResultList())
                .map(rows -> !rows.isEmpty() && "true".equals(rows.get(0)));
    }

    /**
     * The oldest OPEN expected payment this credit fits, by the terms of {@link #creditFor}, locked (a concurrent
     * credit taking it first leaves it out); null when none, or when the credit already matched one.
     */
    public Uni<String> expectedFor(UUID operationId) {
        return session().flatMap(s -> s.createNativeQuery("""
                        select x.id::text from operation o
                        join ledger_entry e on e.operation_id = o.id and e.account_id = o.credit_account_id
                        join expected_payment x on x.account_id = o.credit_account_id
                        left join account d on d.id = o.debit_account_id
                        where o.id = cast(:op as uuid)
                          and o.type in ('INCOMING_TRANSFER', 'TRANSFER') and o.status = 'EXECUTED'
                          and x.status = 'OPEN' and o.currency = x.currency
                          and e.amount between x.min_amount and x.max_amount
                          and e.value_date between x.window_from and x.window_to
                          and (x.reference is null or lower(x.reference) = lower(o.end_to_end_id)
                               or lower(x.reference) = lower(o.reference)
                               or strpos(lower(coalesce(o.label, '')), lower(x.reference)) > 0)
                          and (x.counterparty_iban is null or x.counterparty_iban = coalesce(o.debtor_iban, d.iban))
                          and (x.counterparty_name is null or lower(x.counterparty_name) = lower(coalesce(o.debtor_name, d.holder_name)))
                          and not exists (select 1 from expected_payment y where y.operation_id = o.id)
                        order by x.id limit 1 for update of x""", String.class)
                .setParameter("op", operationId.toString()).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<Integer> matched(UUID id, UUID operationId, Instant at) {
        return session().flatMap(s -> s.createNativeQuery("update expected_payment set status = 'MATCHED', "
                        + "operation_id = cast(:op as uuid), matched_at = cast(cast(:at as text) as timestamptz), version = version + 1 "
                        + "where id = cast(:id as uuid) and status = 'OPEN'")
                .setParameter("op", operationId.toString()).setParameter("at", at.toString())
                .setParameter("id", id.toString()).executeUpdate());
    }

    /** Open expected payments whose window ended before {@code today}: OVERDUE. Answers their ids. */
    public Uni<List<String>> overdue(LocalDate today, int limit) {
        return session().flatMap(s -> s.createNativeQuery("""
                        update expected_payment set status = 'OVERDUE', version = version + 1
                        where id in (select id from expected_payment where status = 'OPEN' and window_to < cast(cast(:today as text) as date)
                                     order by id limit :limit for update skip locked)
                        returning id::text""", String.class)
                .setParameter("today", today.toString()).setParameter("limit", limit).getResultList());
    }
}
