package fr.backoffice.webhook.repository;

import fr.backoffice.webhook.WebhookDelivery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Deliveries as the API reads and changes them; the dispatcher's SQL is in {@link DeliveryQueue}. */
@ApplicationScoped
@WithSession
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    /** An endpoint's deliveries, newest first, before {@code beforeSeq} (0: from the newest), {@code limit} rows. */
    public Uni<List<WebhookDelivery>> page(UUID endpointId, long beforeSeq, int limit) {
        return find("endpointId = ?1 and seq < ?2 order by seq desc", endpointId, beforeSeq == 0 ? Long.MAX_VALUE : beforeSeq)
                .range(0, limit - 1).list();
    }

    /** What a retry found: no such delivery of this endpoint, one whose attempt is under way, or one now due. */
    public enum Retry {
        NOT_FOUND, IN_FLIGHT, DUE
    }

    /**
     * Makes the delivery due now (PENDING again if it had ended), in the current transaction, unless an attempt of it is
     * under way (its lease has not passed): sending it again then would be a second concurrent send of one
     * {@code webhook-id}. The endpoint's pending deliveries and this one are locked first, so a claim running at the
     * same moment either is seen here (its lease committed) or waits for this transaction and then sees its change
     * (V6__webhooks.sql). Its attempts go on counting: once it fails again past the schedule,
     * it is FAILED.
     */
    public Uni<Retry> dueNow(UUID endpointId, UUID deliveryId, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return getSession().flatMap(session -> session.createNativeQuery("select id, leased_until from webhook_delivery "
                        + "where endpoint_id = :endpoint and (status = 'PENDING' or id = :id) order by seq for update",
                        Object[].class)
                .setParameter("endpoint", endpointId)
                .setParameter("id", deliveryId)
                .getResultList()
                .flatMap(rows -> {
                    Object[] target = rows.stream().filter(row -> deliveryId.equals(row[0])).findFirst().orElse(null);
                    if (target == null) {
                        return Uni.createFrom().item(Retry.NOT_FOUND);
                    }
                    if (target[1] != null && leaseEnd(target[1]).isAfter(now)) {
                        return Uni.createFrom().item(Retry.IN_FLIGHT);
                    }
                    return session.createNativeQuery("update webhook_delivery set status = 'PENDING', next_attempt_at = :now, "
                                    + "leased_until = null where id = :id")
                            .setParameter("now", at)
                            .setParameter("id", deliveryId)
                            .executeUpdate()
                            .replaceWith(Retry.DUE);
                }));
    }

    private static Instant leaseEnd(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
