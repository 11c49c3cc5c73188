package fr.backoffice.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A url that receives the events of the types it subscribes to (V6__webhooks.sql). */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint {

    /** Subscribes to every event type. */
    public static final String ALL_TYPES = "*";

    public enum Status {
        ENABLED, DISABLED
    }

    /** Why the service disabled an endpoint. */
    public enum DisabledReason {
        /** The receiver answered 410 Gone. */
        GONE,
        /** Every attempt failed for {@code backoffice.webhooks.disable-after}. */
        FAILING
    }

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String owner;

    @Column(nullable = false)
    public String url;

    /** Comma-separated event types, or {@code *}. */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Enumerated(EnumType.STRING)
    @Column(name = "disabled_reason")
    public DisabledReason disabledReason;

    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Created, or enabled again, at: it gets the events that occurred since (V6__webhooks.sql). */
    @Column(name = "enabled_since", nullable = false)
    public Instant enabledSince;

    public List<String> eventTypeList() {
        return new ArrayList<>(Arrays.asList(eventTypes.split(",")));
    }

    public static String eventTypes(List<String> types) {
        return types.contains(ALL_TYPES) ? ALL_TYPES : String.join(",", types.stream().distinct().toList());
    }

    /** The secrets that sign a delivery now: the current one, and the previous one during its overlap. */
    public static List<String> signingSecrets(String secret, String previousSecret, Instant previousUntil, Instant now) {
        return previousSecret != null && previousUntil != null && now.isBefore(previousUntil)
                ? List.of(secret, previousSecret) : List.of(secret);
    }
}
