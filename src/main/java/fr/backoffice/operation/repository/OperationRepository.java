package fr.backoffice.operation.repository;

import fr.backoffice.common.EntityRepository;
import fr.backoffice.common.SqlArrays;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.OperationType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class OperationRepository implements EntityRepository<Operation> {

    /** The filters of {@code GET /operations}; null means "any". {@code from}/{@code to} bound {@code receivedAt}. */
    public record Filter(OperationStatus status, OperationType type, String unit, UUID accountId, Instant from, Instant to) {

        /** The same filter, within {@code unit}. */
        public Filter inUnit(String unit) {
            return new Filter(status, type, unit, accountId, from, to);
        }
    }

    /** Operations in id (reception) order after {@code afterId}. */
    public Uni<List<Operation>> page(Filter filter, UUID afterId, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (filter.status() != null) {
            where.add("status = :status");
            params.and("status", filter.status());
        }
        if (filter.type() != null) {
            where.add("type = :type");
            params.and("type", filter.type());
        }
        if (filter.unit() != null) {
            where.add("unit = :unit");
            params.and("unit", filter.unit());
        }
        if (filter.accountId() != null) {
            where.add("(debitAccountId = :account or creditAccountId = :account)");
            params.and("account", filter.accountId());
        }
        if (filter.from() != null) {
            where.add("receivedAt >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("receivedAt < :to");
            params.and("to", filter.to());
        }
        if (afterId != null) {
            where.add("id > :after");
            params.and("after", afterId);
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by id";
        return find(query, params).range(0, limit - 1).list();
    }

    /** Those of these operations that exist, in one query (the operations behind a statement's entries). */
    public Uni<List<Operation>> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", List.copyOf(ids));
    }

    /** The unit's operations waiting for a person, oldest first. */
    public Uni<List<Operation>> queue(String unit, UUID afterId, int limit) {
        return find("unit = ?1 and status in ?2 and id > ?3 order by id", unit,
                List.of(OperationStatus.RECEIVED, OperationStatus.PENDING_APPROVAL),
                afterId == null ? new UUID(0, 0) : afterId)
                .range(0, limit - 1).list();
    }

    /**
     * Locks the external transfers waiting for a payment file, oldest first. A transfer another transaction put in a
     * file meanwhile is skipped (its row is re-read once that transaction ends), so each goes into exactly one file.
     */
    public Uni<List<UUID>> lockWaitingForFile(int max) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                        select id from operation
                        where type = 'TRANSFER' and creditor_iban is not null and status = 'EXECUTED' and payment_file_id is null
                        order by executed_at, id limit :max for update""", UUID.class)
                .setParameter("max", max)
                .getResultList());
    }

    /**
     * (payment file id, operation id, whether its refund went to a suspense account) of the transfers in these files,
     * in file order.
     */
    public Uni<List<Object[]>> inFiles(List<UUID> fileIds) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                        select o.payment_file_id, o.id, coalesce(a.purpose = 'SUSPENSE', false) from operation o
                        left join operation refund on refund.id = o.reversed_by
                        left join account a on a.id = refund.credit_account_id
                        where o.payment_file_id = any(cast(cast(:files as text) as uuid[]))
                        order by o.executed_at, o.id""", Object[].class)
                .setParameter("files", SqlArrays.of(fileIds))
                .getResultList());
    }

    /** Locks the transfers sent with this EndToEndId in these files. */
    public Uni<List<UUID>> lockSentAs(String endToEndId, List<UUID> fileIds) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                        select id from operation
                        where payment_file_id = any(cast(cast(:files as text) as uuid[]))
                          and end_to_end_id = :endToEndId
                        order by id for update""", UUID.class)
                .setParameter("files", SqlArrays.of(fileIds))
                .setParameter("endToEndId", endToEndId)
                .getResultList());
    }

    /**
     * Records a failed execution attempt: the operation is not picked again before {@code retryAfter} has passed.
     * Answers the number of attempts so far.
     */
    public Uni<Integer> failedAttempt(UUID id, Duration retryAfter) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                        update operation set execution_attempts = coalesce(execution_attempts, 0) + 1,
                               next_attempt_at = now() + make_interval(secs => :seconds * power(2, coalesce(execution_attempts, 0)))
                        where id = :id returning execution_attempts""", Integer.class)
                .setParameter("id", id)
                .setParameter("seconds", (double) retryAfter.toSeconds())
                .getSingleResult());
    }

    /**
     * One scheduled operation whose value date has come (and whose back-off after a failed attempt has passed), locked
     * for execution; rows other instances are executing are skipped rather than waited for.
     */
    /**
     * The DENY limit a scheduled operation's debit account is over on its execution date, or null
     * (docs/operations-and-ledger.md "Limits and decisions"). The operation is counted in the day and month it was
     * received (it always was), so a window over its limit now means a limit lowered since, or debits that went through
     * in the meantime. Locks first, as {@code operation_submit_batch} does: the customer, then the accounts in
     * ledger order; then reads, in a new statement whose snapshot sees what those locks waited for.
     */
    public Uni<String> limitDenying(Operation op, Instant daySince, Instant dayUntil, Instant monthSince,
                                    Instant monthUntil, BigDecimal externalLimit) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                        select count(*) from (
                          select pg_advisory_xact_lock(hashtextextended('limits:customer:' || customer_id, 0))
                          from account where id = :debit) customer,
                        (select 1 from account where id in (:debit, :credit) order by type = 'INTERNAL', id for update) accounts
                        """, Long.class)
                .setParameter("debit", op.debitAccountId)
                .setParameter("credit", op.creditAccountId == null ? op.debitAccountId : op.creditAccountId)
                .getSingleResult()
                .flatMap(locked -> session.createNativeQuery("""
                        select s.limit_id from account_limits(:debit, :daySince, :dayUntil, :monthSince, :monthUntil,
                                                              cast(:external as numeric), false) s
                        where s.on_exceed = 'DENY' and :debit = any (s.accounts)
                          and limit_debit_kind(:type, cast(:iban as text)) = any (s.operation_types)
                          and case when s.kind = 'COUNT' then s.used_count > s.limit_value
                                   when s.time_window = 'OPERATION' then :amount > s.limit_value
                                   else s.used_amount > s.limit_value end
                        order by s.limit_id limit 1""", String.class)
                        .setParameter("debit", op.debitAccountId)
                        .setParameter("daySince", daySince.atOffset(ZoneOffset.UTC))
                        .setParameter("dayUntil", dayUntil.atOffset(ZoneOffset.UTC))
                        .setParameter("monthSince", monthSince.atOffset(ZoneOffset.UTC))
                        .setParameter("monthUntil", monthUntil.atOffset(ZoneOffset.UTC))
                        .setParameter("external", externalLimit)
                        .setParameter("type", op.type.name())
                        .setParameter("iban", op.creditorIban)
                        .setParameter("amount", op.amount)
                        .getResultList()
                        .map(ids -> ids.isEmpty() ? null : ids.get(0))));
    }

    public Uni<UUID> nextDue(LocalDate today) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                        select id from operation where status = 'SCHEDULED' and value_date <= :today
                          and (next_attempt_at is null or next_attempt_at <= now())
                        order by value_date, id limit 1 for update skip locked""", UUID.class)
                .setParameter("today", today)
                .getResultList()
                .map(ids -> ids.isEmpty() ? null : ids.get(0)));
    }
}
