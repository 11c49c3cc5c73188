package fr.backoffice.clearing.repository;

import fr.backoffice.common.SqlArrays;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The transactions of incoming pacs.008 messages already taken in (table {@code incoming_credit}), keyed by
 * (MsgId, TxId): a replayed message posts nothing (V15__incoming_credit_keyed_by_tx_id.sql). Rows taken in before
 * TxIds were kept are found by (MsgId, EndToEndId, amount, creditor IBAN) and claimed by the first transaction that
 * matches them.
 */
@ApplicationScoped
public class IncomingCreditRepository {

    /** What one transaction of an incoming message is, and what was done with it. */
    public record Claim(String messageId, String transactionId, String endToEndId, BigDecimal amount, String creditorIban,
                        Instant at, String by, UUID operationId, String returnReason) {
    }

    /** Whether rows of this message were taken in before TxIds were kept (then {@link #claim} looks for them too). */
    public Uni<Boolean> hasRowsWithoutTransactionId(String messageId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        select count(*) from incoming_credit where message_id = :message and transaction_id is null""", Long.class)
                .setParameter("message", messageId)
                .getSingleResult()
                .map(count -> count > 0));
    }

    /**
     * Claims the transaction for this request: true when it is new. A concurrent import of the same transaction
     * waits here until this transaction ends, then finds it taken. With {@code olderRows}, a row of this message taken
     * in before TxIds were kept, for the same EndToEndId, amount and creditor IBAN, is this transaction: it gets its
     * TxId and the transaction is not new.
     */
    public Uni<Boolean> claim(Claim claim, boolean olderRows) {
        Uni<Boolean> older = olderRows ? claimOlderRow(claim) : Uni.createFrom().item(false);
        return older.flatMap(found -> found ? Uni.createFrom().item(false) : insert(claim));
    }

    private Uni<Boolean> claimOlderRow(Claim claim) {
        // locked: a concurrent import of the same message waits, then sees the TxId set and inserts nothing
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        update incoming_credit set transaction_id = :tx
                        where id = (select id from incoming_credit
                                    where message_id = :message and transaction_id is null and end_to_end_id = :endToEnd
                                      and amount = :amount and creditor_iban = :iban
                                    for update)""")
                .setParameter("tx", claim.transactionId())
                .setParameter("message", claim.messageId())
                .setParameter("endToEnd", claim.endToEndId())
                .setParameter("amount", claim.amount())
                .setParameter("iban", claim.creditorIban())
                .executeUpdate()
                .map(updated -> updated == 1));
    }

    private Uni<Boolean> insert(Claim claim) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into incoming_credit (message_id, transaction_id, end_to_end_id, received_at, received_by,
                                                     amount, creditor_iban, operation_id, return_reason)
                        values (:message, :tx, :endToEnd, :at, :by, :amount, :iban, cast(cast(:operation as text) as uuid),
                                cast(:reason as text))
                        on conflict (message_id, transaction_id) do nothing""")
                .setParameter("message", claim.messageId())
                .setParameter("tx", claim.transactionId())
                .setParameter("endToEnd", claim.endToEndId())
                .setParameter("at", claim.at())
                .setParameter("by", claim.by())
                .setParameter("amount", claim.amount())
                .setParameter("iban", claim.creditorIban())
                .setParameter("operation", SqlArrays.text(claim.operationId()))
                .setParameter("reason", claim.returnReason())
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }
}
