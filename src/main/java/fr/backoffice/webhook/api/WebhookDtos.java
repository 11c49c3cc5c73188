package fr.backoffice.webhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.backoffice.common.http.MultiLine;
import fr.backoffice.common.openapi.Limits;
import fr.backoffice.webhook.WebhookEndpoint;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** What the webhook endpoints take and answer (docs/webhooks.md "Webhooks"). */
public final class WebhookDtos {

    /** At most this many event types per endpoint: every type once fits. */
    public static final int MAX_TYPES = 64;
    static final String URL = "Where deliveries are POSTed: `https` (plain `http` only where the deployment allows "
            + "private networks); no credentials, no fragment. Loopback, private, link-local and metadata addresses are "
            + "refused, when the url is given and after DNS resolution before every attempt";
    static final String TYPES = "The event types to deliver (see the `EventType` schema), or `[\"*\"]` for all; "
            + "`webhook.test` is sent by the test action only";
    static final String TYPE_PATTERN = "^(\\*|[a-z][a-z.-]*)$";
    public static final String SECRET_PATTERN = "^whsec_[A-Za-z0-9+/]{32}$";

    private WebhookDtos() {
    }

    /** The schema of one subscribed type (the lists of event types hold these). */
    @Schema(name = "WebhookEventType", type = SchemaType.STRING, maxLength = 64, pattern = TYPE_PATTERN,
            description = "An `EventType` value, or `*` for every type", examples = "operation.executed")
    public static final class SubscribedType {
        private SubscribedType() {
        }
    }

    @Schema(name = "NewWebhookEndpoint")
    public record NewWebhookEndpoint(
            @NotNull @Size(max = 2048)
            @Schema(required = true, maxLength = 2048, format = "uri", description = URL, examples = "https://front.bank.example/hooks/backoffice")
            String url,
            @NotNull @Size(min = 1, max = MAX_TYPES)
            @Schema(required = true, type = SchemaType.ARRAY, implementation = SubscribedType.class, minItems = 1, maxItems = MAX_TYPES, description = TYPES)
            List<@NotNull @Size(max = 64) String> eventTypes,
            @MultiLine @Size(max = 500) @Schema(maxLength = 500, examples = "Operations of the mobile app",
                    description = "Free text; may span several lines (tab, CR and LF allowed, no other control character)")
            String description) {
    }

    @Schema(name = "WebhookEndpointChange", description = "Only the properties sent change")
    public record WebhookEndpointChange(
            @Size(max = 2048) @Schema(maxLength = 2048, format = "uri", description = URL, examples = "https://front.bank.example/hooks/v2") String url,
            @Size(min = 1, max = MAX_TYPES) @Schema(type = SchemaType.ARRAY, implementation = SubscribedType.class, minItems = 1, maxItems = MAX_TYPES, description = TYPES)
            List<@NotNull @Size(max = 64) String> eventTypes,
            @MultiLine @Size(max = 500) @Schema(maxLength = 500, description = "An empty text removes it. Free text; may "
                    + "span several lines (tab, CR and LF allowed, no other control character)") String description,
            @Schema(description = "`DISABLED` stops deliveries (events meanwhile are not delivered later); `ENABLED` resumes "
                    + "them, pending deliveries first") WebhookEndpoint.Status status) {
    }

    @Schema(name = "WebhookEndpoint", description = "A url that receives the events it subscribes to, signed (see the callback of createWebhookEndpoint)")
    public record WebhookEndpointView(
            @Schema(format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f71") String id,
            @Schema(maxLength = Limits.ACTOR_LENGTH, description = "The `sub` of the application that created it", examples = "front-app-1") String owner,
            @Schema(maxLength = 2048, format = "uri", examples = "https://front.bank.example/hooks/backoffice") String url,
            @Schema(type = SchemaType.ARRAY, implementation = SubscribedType.class, maxItems = MAX_TYPES) List<String> eventTypes,
            @Schema(nullable = true, maxLength = 500, examples = "Operations of the mobile app") String description,
            WebhookEndpoint.Status status,
            @Schema(nullable = true, implementation = String.class, enumeration = {"GONE", "FAILING"}, description = "Why the service disabled it: `GONE` (the receiver answered 410), "
                    + "`FAILING` (every attempt failed for 3 days); null otherwise") WebhookEndpoint.DisabledReason disabledReason,
            Instant createdAt,
            Instant updatedAt) {

        public static WebhookEndpointView of(WebhookEndpoint endpoint) {
            return new WebhookEndpointView(endpoint.id.toString(), endpoint.owner, endpoint.url, endpoint.eventTypeList(),
                    endpoint.description, endpoint.status, endpoint.disabledReason, endpoint.createdAt, endpoint.updatedAt);
        }
    }

    /**
     * The {@code data} of a {@code webhook-endpoint.*} event: which endpoint, whose, and its status; never where its
     * deliveries go (its url may carry a token) nor its description. Only its owner and admins read these events.
     */
    public record WebhookEndpointState(String id, String owner, WebhookEndpoint.Status status,
                                       WebhookEndpoint.DisabledReason disabledReason, Instant updatedAt) {
    }

    @Schema(name = "WebhookEndpointWithSecret", description = "An endpoint and its signing secret, shown in this answer "
            + "only: an idempotent replay of it (`Idempotent-Replayed: true`) has no `secret`, since the service never keeps "
            + "a secret anywhere but with the endpoint; a client that lost the first answer rotates the secret",
            requiredProperties = {"id", "owner", "url", "eventTypes", "description", "status", "disabledReason",
                    "createdAt", "updatedAt", "previousSecretExpiresAt"})
    public record WebhookEndpointWithSecret(
            @Schema(format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f71") String id,
            @Schema(maxLength = Limits.ACTOR_LENGTH, examples = "front-app-1") String owner,
            @Schema(maxLength = 2048, format = "uri", examples = "https://front.bank.example/hooks/backoffice") String url,
            @Schema(type = SchemaType.ARRAY, implementation = SubscribedType.class, maxItems = MAX_TYPES) List<String> eventTypes,
            @Schema(nullable = true, maxLength = 500, examples = "Operations of the mobile app") String description,
            WebhookEndpoint.Status status,
            @Schema(nullable = true, implementation = String.class, enumeration = {"GONE", "FAILING"}) WebhookEndpoint.DisabledReason disabledReason,
            Instant createdAt,
            Instant updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(pattern = SECRET_PATTERN, maxLength = 38, description = "The key that signs deliveries (base64 after "
                    + "`whsec_`): keep it; it is never shown again (absent from an idempotent replay)",
                    examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            String secret,
            @JsonInclude(JsonInclude.Include.ALWAYS)
            @Schema(nullable = true, implementation = String.class, format = "date-time", description = "Until when the previous secret still signs, beside this one (after a rotation)")
            Instant previousSecretExpiresAt) {

        public static WebhookEndpointWithSecret of(WebhookEndpoint endpoint) {
            return new WebhookEndpointWithSecret(endpoint.id.toString(), endpoint.owner, endpoint.url,
                    endpoint.eventTypeList(), endpoint.description, endpoint.status, endpoint.disabledReason,
                    endpoint.createdAt, endpoint.updatedAt, endpoint.secret, endpoint.previousSecretUntil);
        }

        /** What the idempotency store keeps of this answer, and replays: all of it but the secret. */
        public static Object withoutSecret(Object answer) {
            WebhookEndpointWithSecret shown = (WebhookEndpointWithSecret) answer;
            return new WebhookEndpointWithSecret(shown.id, shown.owner, shown.url, shown.eventTypes, shown.description,
                    shown.status, shown.disabledReason, shown.createdAt, shown.updatedAt, null, shown.previousSecretExpiresAt);
        }
    }

    public enum DeliveryStatus {
        PENDING, SUCCEEDED, FAILED
    }

    @Schema(name = "WebhookDelivery", description = "One event sent to one endpoint; its `id` is the `webhook-id` header of every attempt")
    public record DeliveryView(
            @Schema(format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f72") String id,
            @Schema(nullable = true, format = "uuid", description = "The event (`GET /events`); null for `webhook.test`",
                    examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String eventId,
            @Schema(ref = "EventType") String eventType,
            DeliveryStatus status,
            @Schema(format = "int32", minimum = "0", maximum = "1000", examples = "1") int attempts,
            @Schema(nullable = true, implementation = String.class, format = "date-time") Instant lastAttemptAt,
            @Schema(nullable = true, implementation = String.class, format = "date-time", description = "When the next attempt is due (or, while one is under way, when it is "
                    + "given up as lost and sent again); null once SUCCEEDED or FAILED") Instant nextAttemptAt,
            @Schema(nullable = true, format = "int32", minimum = "100", maximum = "599", examples = "200") Integer lastResponseStatus,
            @Schema(nullable = true, maxLength = 4096, description = "The start of the receiver's last answer") String lastResponseBody,
            @Schema(nullable = true, maxLength = 500, description = "Why the last attempt failed without an answer (timeout, "
                    + "connection refused, refused address)", examples = "connection refused") String lastError) {
    }

    @Schema(name = "WebhookDeliveryPage", description = "Deliveries, newest first")
    public record DeliveryPage(
            @Schema(maxItems = 200) List<DeliveryView> items,
            @Schema(nullable = true, maxLength = 64, pattern = "^[A-Za-z0-9_-]*$", description = "Pass as `after` to read the next page; null on the last page")
            String nextCursor) {
    }

    @Schema(name = "WebhookEndpointPage")
    public record EndpointPage(
            @Schema(maxItems = 200) List<WebhookEndpointView> items,
            @Schema(nullable = true, maxLength = 64, pattern = "^[A-Za-z0-9_-]*$", description = "Pass as `after` to read the next page; null on the last page")
            String nextCursor) {
    }
}
