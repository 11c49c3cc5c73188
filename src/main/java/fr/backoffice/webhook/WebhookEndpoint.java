package fr.backoffice.webhook;

import fr.backoffice.common.error.ApiException;
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
import java.util.Objects;
import java.util.UUID;

/** A url that receives the events of the types it subscribes to (V6__webhooks.sql). */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint {

    /** Subscribes to every event type. */
    public static final String ALL_TYPES = "*";

    /**
     * The endpoint's state machine: {@code ENABLED ⇄ DISABLED}. Its owner or an admin moves it either way; the
     * dispatcher only disables (GONE, FAILING), in SQL guarded by {@code status = 'ENABLED'}
     * ({@code DeliveryQueue}), the one move it makes. Every other status change goes through {@link #require}.
     */
    public enum Status {
        ENABLED, DISABLED;

        public boolean canBecome(Status to) {
            return switch (this) {
                case ENABLED -> to == DISABLED;
                case DISABLED -> to == ENABLED;
            };
        }

        /** Refuses, with 409 INVALID_TRANSITION, a move the machine does not allow. */
        public void require(Status to) {
            if (!canBecome(to)) {
                throw ApiException.invalidTransition(name(), "change the webhook endpoint's status to " + to);
            }
        }
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

    /** A new endpoint, ENABLED: it gets the events that occur from {@code at} on. */
    public static WebhookEndpoint created(UUID id, String owner, String url, String eventTypes, String description,
                                          String secret, Instant at) {
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = id;
        endpoint.owner = owner;
        endpoint.url = url;
        endpoint.eventTypes = eventTypes;
        endpoint.description = description;
        endpoint.status = Status.ENABLED;
        endpoint.secret = secret;
        endpoint.createdAt = at;
        endpoint.updatedAt = at;
        endpoint.enabledSince = at;
        return endpoint;
    }

    /**
     * Enabled or disabled by a person ({@link Status}): the service's reason and the failing streak are forgotten;
     * enabled again, it gets the events that occur from {@code at} on, not those missed meanwhile.
     */
    public void changeStatus(Status to, Instant at) {
        status.require(to);
        status = to;
        disabledReason = null;
        failingSince = null;
        if (to == Status.ENABLED) {
            enabledSince = at;
        }
        updatedAt = at;
    }

    /** Its owner's edit: each of url, event types and description given replaces the current one, null keeps it. */
    public void edit(String newUrl, String newEventTypes, String newDescription, Instant at) {
        if (newUrl != null) {
            url = newUrl;
        }
        if (newEventTypes != null) {
            eventTypes = newEventTypes;
        }
        if (newDescription != null) {
            description = newDescription;
        }
        updatedAt = at;
    }

    /** A new secret; the current one keeps signing beside it until {@code previousUntil} ({@link #signingSecrets}). */
    public void rotateSecret(String newSecret, Instant previousUntil, Instant at) {
        previousSecret = secret;
        previousSecretUntil = Objects.requireNonNull(previousUntil, "previousUntil");
        secret = Objects.requireNonNull(newSecret, "newSecret");
        updatedAt = at;
    }

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
