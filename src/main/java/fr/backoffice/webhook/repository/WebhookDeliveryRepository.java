package fr.backoffice.webhook.repository;

import fr.backoffice.webhook.WebhookDelivery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
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

    /**
     * Makes the delivery due now (PENDING again if it had ended), in the current transaction; answers whether the
     * endpoint has such a delivery. Its attempts go on counting: once it fails again past the schedule, it is FAILED.
     */
    public Uni<Boolean> dueNow(UUID endpointId, UUID deliveryId, Instant now) {
        return getSession().flatMap(session -> session.createNativeQuery("update webhook_delivery set status = 'PENDING', "
                        + "next_attempt_at = :now where id = :id and endpoint_id = :endpoint")
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("id", deliveryId)
                .setParameter("endpoint", endpointId)
                .executeUpdate()).map(updated -> updated == 1);
    }
}
