package fr.backoffice.clearing.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The transactions of incoming pacs.008 messages already taken in (table {@code incoming_credit}), keyed by
 * (MsgId, TxId): a replayed message posts nothing (V5__clearing.sql). A message's
 * transactions are claimed in two statements whatever their number (a message may hold thousands).
 */
@ApplicationScoped
public class IncomingCreditRepository {

    /** One transaction of an incoming message, and what is to be done with it: an operation, or a return reason. */
    public record Claim(String transactionId, String endToEndId, BigDecimal amount, String creditorIban, UUID operationId,
                        String returnReason) {
    }

    /**
     * Claims the message's transactions for this request and answers the TxIds that are new; the others were taken
     * in before. A concurrent import of the same message waits on each key until this transaction ends, then finds
     * it taken.
     *
     * <p>First, rows of this message taken in before TxIds were kept (they have none) are claimed: each by the first
     * transaction, in message order, with its EndToEndId, amount and creditor IBAN, whose TxId it gets. Then every
     * transaction is inserted under its key, and those already there (claimed just now or by an earlier import) are
     * skipped.
     */
    public Uni<Set<String>> claim(String messageId, List<Claim> claims, Instant at, String by) {
        String rows = rows(claims);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        with sent as (select distinct on (e2e, amount, iban) tx, e2e, amount, iban
                                      from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                                           as r(ord int, tx text, e2e text, amount numeric, iban text)
                                      order by e2e, amount, iban, ord)
                        update incoming_credit c set transaction_id = sent.tx from sent
                        where c.message_id = :message and c.transaction_id is null and c.end_to_end_id = sent.e2e
                          and c.amount = sent.amount and c.creditor_iban = sent.iban""")
                        .setParameter("rows", rows)
                        .setParameter("message", messageId)
                        .executeUpdate()
                        .flatMap(olderRows -> session.createNativeQuery("""
                                        insert into incoming_credit (message_id, transaction_id, end_to_end_id, received_at,
                                                                     received_by, amount, creditor_iban, operation_id, return_reason)
                                        select :message, r.tx, r.e2e, :at, :by, r.amount, r.iban, r.operation, r.reason
                                        from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                                             as r(ord int, tx text, e2e text, amount numeric, iban text, operation uuid, reason text)
                                        order by r.ord
                                        on conflict (message_id, transaction_id) do nothing
                                        returning transaction_id""", String.class)
                                .setParameter("message", messageId)
                                .setParameter("at", at)
                                .setParameter("by", by)
                                .setParameter("rows", rows)
                                .getResultList()))
                .map(taken -> Set.copyOf(new HashSet<>(taken)));
    }

    /**
     * The claims as one JSON array: one parameter however many transactions, bound as text (the query casts it: the
     * reactive driver would send a string for a jsonb parameter as a JSON string).
     */
    private static String rows(List<Claim> claims) {
        JsonArray rows = new JsonArray();
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            rows.add(new JsonObject().put("ord", i).put("tx", claim.transactionId()).put("e2e", claim.endToEndId())
                    .put("amount", claim.amount().toPlainString()).put("iban", claim.creditorIban())
                    .put("operation", claim.operationId() == null ? null : claim.operationId().toString())
                    .put("reason", claim.returnReason()));
        }
        return rows.encode();
    }
}
