package fr.backoffice.ledger.service;

import fr.backoffice.common.Ids;
import fr.backoffice.common.SqlArrays;
import fr.backoffice.ledger.Posting;
import fr.backoffice.ledger.Refusal;
import fr.backoffice.ledger.repository.LedgerEntryRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Books entries and holds within the caller's Hibernate transaction, through the database functions that every
 * path shares (V3__operations_and_ledger.sql: lock order, availability rule, balances, entries, holds).
 */
@ApplicationScoped
public class Ledger {

    private final LedgerEntryRepository entries;

    private final LedgerMetrics metrics;

    public Ledger(LedgerEntryRepository entries, LedgerMetrics metrics) {
        this.entries = entries;
        this.metrics = metrics;
    }

    /** Which account refused the move, and why; {@link #book} answers null when the entries are booked. */
    public record Refused(Refusal refusal, UUID accountId) {

        /** A row of {@code ledger_book}: the refusal's code, then the account's id. */
        static Refused of(Object[] row) {
            return new Refused(Refusal.valueOf((String) row[0]), (UUID) row[1]);
        }
    }

    /** How the accounts are checked before booking (see {@code account_refusal} and {@code ledger_book}). */
    public enum Check {
        /** Status and funds: an execution. */
        FULL,
        /** A supervisor's reversal: a frozen account takes it; funds and closed accounts are still checked. */
        CORRECTION,
        /** A bounced cheque takes back what its hold still covers, whatever the account. */
        NONE
    }

    /** What to book: the operation the entries belong to, and the hold to release first. */
    public record Booking(UUID operationId, UUID releaseHoldOf, Check check, List<Posting> postings, Instant at,
                          LocalDate valueDate, String label, UUID creditHoldAccount, BigDecimal creditHoldAmount) {
    }

    /**
     * Locks the accounts, releases the hold, checks every move (when asked) and books the entries, plus the credit
     * hold of a deposited cheque. A refusal books nothing and is returned; the caller decides what it means.
     */
    public Uni<Refused> book(Booking booking) {
        List<Posting> postings = booking.postings();
        UUID creditHold = booking.creditHoldAccount() == null ? null : Ids.newId();
        return Panache.getSession().flatMap(session -> session.flush().flatMap(flushed -> session
                .createNativeQuery("""
                        select refusal, account_id from ledger_book(:operation, :releaseHoldOf, :check,
                            cast(cast(:entryIds as text) as uuid[]), cast(cast(:accounts as text) as uuid[]), cast(cast(:amounts as text) as numeric[]), :at, :valueDate,
                            :label, cast(cast(:creditHold as text) as uuid), cast(cast(:creditHoldAccount as text) as uuid), cast(cast(:creditHoldAmount as text) as numeric))""",
                        Object[].class)
                .setParameter("operation", booking.operationId())
                .setParameter("releaseHoldOf", booking.releaseHoldOf())
                .setParameter("check", booking.check().name())
                .setParameter("entryIds", SqlArrays.of(postings.stream().map(p -> Ids.newId()).toList()))
                .setParameter("accounts", SqlArrays.of(postings.stream().map(Posting::accountId).toList()))
                .setParameter("amounts", SqlArrays.of(postings.stream().map(p -> p.amount().toPlainString()).toList()))
                .setParameter("at", booking.at())
                .setParameter("valueDate", booking.valueDate())
                .setParameter("label", booking.label())
                .setParameter("creditHold", SqlArrays.text(creditHold))
                .setParameter("creditHoldAccount", SqlArrays.text(booking.creditHoldAccount()))
                .setParameter("creditHoldAmount", booking.creditHoldAmount() == null ? null : booking.creditHoldAmount().toPlainString())
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : Refused.of(rows.get(0)))
                .invoke(refused -> {
                    if (refused == null) {
                        metrics.posted(postings.size());
                    }
                })));
    }

    /** Releases the operation's active hold, if any (rejection, cancellation, clearing). */
    public Uni<Void> release(UUID operationId, Instant at) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select 1 from ledger_release(:operation, :at)", Integer.class)
                .setParameter("operation", operationId)
                .setParameter("at", at)
                .getResultList()
                .replaceWithVoid());
    }

    /** Holds again what the operation's hold released at {@code at} held: an execution refused, the operation still pending. */
    public Uni<Void> restoreHold(UUID operationId, Instant at) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select 1 from hold h, ledger_hold(gen_random_uuid(), h.operation_id, h.account_id, "
                        + "h.amount, :at) where h.operation_id = :operation and h.released_at = :at", Integer.class)
                .setParameter("operation", operationId)
                .setParameter("at", at)
                .getResultList()
                .replaceWithVoid());
    }

    /** The entries an operation posted, as postings (to mirror them). */
    public Uni<List<Posting>> postingsOf(UUID operationId) {
        return entries.list("operationId = ?1 order by id", operationId)
                .map(rows -> rows.stream().map(e -> new Posting(e.accountId, e.amount)).toList());
    }
}
