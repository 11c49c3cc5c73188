package fr.backoffice.webhook;

import fr.backoffice.webhook.api.WebhookDtos.DeliveryStatus;
import fr.backoffice.webhook.api.WebhookDtos.DeliveryView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One event sent to one endpoint (V6__webhooks.sql). Created by the fan-out from the event feed, or by the test
 * action; sent by {@code WebhookDispatcher}, which works on the table in SQL. The API reads deliveries and inserts test
 * ones through this mapping.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    @Id
    public UUID id;

    /** Given by the database; orders an endpoint's deliveries. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "endpoint_id", nullable = false, updatable = false)
    public UUID endpointId;

    @Column(name = "event_id", updatable = false)
    public UUID eventId;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    @Column(updatable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_response_status")
    public Integer lastResponseStatus;

    @Column(name = "last_response_body")
    public String lastResponseBody;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** A test delivery ({@code webhook.test}), PENDING and due at {@code at}: it belongs to no event of the feed. */
    public static WebhookDelivery test(UUID id, UUID endpointId, String eventType, String payload, Instant at) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = id;
        delivery.endpointId = endpointId;
        delivery.eventType = eventType;
        delivery.payload = payload;
        delivery.status = DeliveryStatus.PENDING;
        delivery.nextAttemptAt = at;
        delivery.createdAt = at;
        return delivery;
    }

    public DeliveryView view() {
        return new DeliveryView(id.toString(), eventId == null ? null : eventId.toString(), eventType, status, attempts,
                lastAttemptAt, nextAttemptAt, lastResponseStatus, lastResponseBody, lastError);
    }
}
