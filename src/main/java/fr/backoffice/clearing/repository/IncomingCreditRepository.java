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
 * (MsgId, EndToEndId): a replayed message posts nothing.
 */
@ApplicationScoped
public class IncomingCreditRepository {

    /**
     * Claims the transaction for this request: true when it is new. A concurrent import of the same transaction
     * waits here until this transaction ends, then finds it taken.
     */
    public Uni<Boolean> claim(String messageId, String endToEndId, Instant at, String by, BigDecimal amount,
                              String creditorIban, UUID operationId, String returnReason) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into incoming_credit (message_id, end_to_end_id, received_at, received_by, amount,
                                                     creditor_iban, operation_id, return_reason)
                        values (:message, :endToEnd, :at, :by, :amount, :iban, cast(cast(:operation as text) as uuid),
                                cast(:reason as text))
                        on conflict do nothing""")
                .setParameter("message", messageId)
                .setParameter("endToEnd", endToEndId)
                .setParameter("at", at)
                .setParameter("by", by)
                .setParameter("amount", amount)
                .setParameter("iban", creditorIban)
                .setParameter("operation", SqlArrays.text(operationId))
                .setParameter("reason", returnReason)
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }
}
