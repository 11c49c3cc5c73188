package fr.backoffice.ledger.service;

import fr.backoffice.common.time.TimeSource;
import fr.backoffice.ledger.api.Difference;
import fr.backoffice.ledger.api.LedgerReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recomputes what the ledger stores from what it cannot rewrite (append-only entries): every account's balance,
 * statement position and held amount, and every operation's entries against its amount, type and status. What the
 * database enforces at each write (entries sum to zero per operation, the overdraft floor) cannot catch a balanced
 * pair of entries forged on an existing operation, nor a balance edited in SQL; this does. One statement, so one
 * snapshot, even while operations execute. The count of differences is the gauge
 * {@code backoffice_ledger_differences} (from the last verification), registered at start so that it is scraped, and
 * alerted on, before the first verification.
 */
@Startup
@ApplicationScoped
public class LedgerVerification {

    /** At most this many differences are listed; all are counted. */
    static final int LISTED = 100;

    /**
     * Each row is one difference: its kind, the account or operation, what was expected and what is stored.
     * Operations: nothing booked before execution; once executed, the accounts the operation names moved by its
     * amount (a bounced cheque's credit taken back, so by nothing), and its credits add up to its amount (twice that
     * for a bounced cheque: the credit, then the mirror that took it back).
     */
    private static final String DIFFERENCES = """
            with entries as (
                select account_id, sum(amount) as total, count(*) as n, max(account_seq) as last_seq
                from ledger_entry group by account_id),
            holds as (
                select account_id, sum(amount) as total from hold where released_at is null group by account_id),
            by_operation as (
                select operation_id, sum(amount) filter (where amount > 0) as credits, count(*) as n
                from ledger_entry group by operation_id),
            by_operation_account as (
                select operation_id, account_id, sum(amount) as net from ledger_entry group by operation_id, account_id)
            select 'ACCOUNT_BALANCE' as kind, a.id::text as subject, coalesce(e.total, 0)::text as expected,
                   a.ledger_balance::text as actual
            from account a left join entries e on e.account_id = a.id
            where a.ledger_balance <> coalesce(e.total, 0)
            union all
            select 'ACCOUNT_ENTRY_COUNT', a.id::text, coalesce(e.n, 0)::text, a.entry_count::text
            from account a left join entries e on e.account_id = a.id
            where a.entry_count <> coalesce(e.n, 0) or coalesce(e.last_seq, 0) <> coalesce(e.n, 0)
            union all
            select 'ACCOUNT_HELD_AMOUNT', a.id::text, coalesce(h.total, 0)::text, a.held_amount::text
            from account a left join holds h on h.account_id = a.id
            where a.held_amount <> coalesce(h.total, 0)
            union all
            select 'OPERATION_ENTRIES', o.id::text,
                   case when o.status in ('RECEIVED', 'PENDING_APPROVAL', 'SCHEDULED', 'REJECTED', 'CANCELLED') then '0'
                        when o.status = 'BOUNCED' then (2 * o.amount)::text else o.amount::text end,
                   coalesce(b.credits, 0)::text
            from operation o left join by_operation b on b.operation_id = o.id
            where coalesce(b.credits, 0) <> case
                when o.status in ('RECEIVED', 'PENDING_APPROVAL', 'SCHEDULED', 'REJECTED', 'CANCELLED') then 0
                when o.status = 'BOUNCED' then 2 * o.amount else o.amount end
            union all
            select 'OPERATION_ACCOUNT_MOVE', o.id::text || '/' || named.account_id::text,
                   (named.sign * case when o.status = 'BOUNCED' then 0 else o.amount end)::text,
                   coalesce(m.net, 0)::text
            from operation o
            cross join lateral (values (o.debit_account_id, -1), (o.credit_account_id, 1)) as named (account_id, sign)
            left join by_operation_account m on m.operation_id = o.id and m.account_id = named.account_id
            where named.account_id is not null
              and o.status in ('EXECUTED', 'CLEARED', 'REVERSED', 'BOUNCED')
              and coalesce(m.net, 0) <> named.sign * case when o.status = 'BOUNCED' then 0 else o.amount end
            order by 1, 2""";

    private final AtomicLong lastCount = new AtomicLong();

    private final Pool pool;

    private final TimeSource time;

    public LedgerVerification(Pool pool, TimeSource time) {
        this.pool = pool;
        this.time = time;
    }

    @Inject
    void registerGauge(MeterRegistry registry) {
        registry.gauge("backoffice.ledger.differences", lastCount);
    }

    public Uni<LedgerReport> verify() {
        return pool.query(DIFFERENCES).execute().map(rows -> {
            List<Difference> listed = new ArrayList<>();
            int count = 0;
            for (Row row : rows) {
                count++;
                if (listed.size() < LISTED) {
                    listed.add(new Difference(row.getString("kind"), row.getString("subject"), row.getString("expected"),
                            row.getString("actual")));
                }
            }
            lastCount.set(count);
            return new LedgerReport(time.now(), count == 0, count, listed);
        });
    }
}
