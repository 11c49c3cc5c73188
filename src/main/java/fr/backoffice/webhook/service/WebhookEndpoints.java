package fr.backoffice.webhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.ETags;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.paging.Cursor;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.api.EventDtos.EventView;
import fr.backoffice.event.api.EventDtos.ResourceRef;
import fr.backoffice.webhook.Destinations;
import fr.backoffice.webhook.Signatures;
import fr.backoffice.webhook.WebhookDelivery;
import fr.backoffice.webhook.WebhookEndpoint;
import fr.backoffice.webhook.api.WebhookDtos.DeliveryPage;
import fr.backoffice.webhook.api.WebhookDtos.DeliveryView;
import fr.backoffice.webhook.api.WebhookDtos.EndpointPage;
import fr.backoffice.webhook.api.WebhookDtos.NewWebhookEndpoint;
import fr.backoffice.webhook.api.WebhookDtos.WebhookEndpointChange;
import fr.backoffice.webhook.api.WebhookDtos.WebhookEndpointView;
import fr.backoffice.webhook.api.WebhookDtos.WebhookEndpointWithSecret;
import fr.backoffice.webhook.repository.WebhookDeliveryRepository;
import fr.backoffice.webhook.repository.WebhookEndpointRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Webhook endpoints and their deliveries as callers see them. A front-office caller sees and changes only the
 * endpoints it created (owner = its {@code sub}); an admin sees and changes every one. Any other endpoint is 404, like
 * one that does not exist, for reads and actions alike: an id never tells that another application's endpoint exists.
 */
@ApplicationScoped
public class WebhookEndpoints {

    private final WebhookEndpointRepository endpoints;

    private final WebhookDeliveryRepository deliveries;

    private final Caller caller;

    private final Idempotency idempotency;

    private final TimeSource time;

    private final BackOfficeConfig config;

    private final ObjectMapper json;

    public WebhookEndpoints(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries, Caller caller,
                            Idempotency idempotency, TimeSource time, BackOfficeConfig config, ObjectMapper json) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.caller = caller;
        this.idempotency = idempotency;
        this.time = time;
        this.config = config;
        this.json = json;
    }

    @Audited
    @WithTransaction
    public Uni<Reply> create(String idempotencyKey, NewWebhookEndpoint request) {
        return idempotency.once(idempotencyKey, request, () -> {
            WebhookEndpoint endpoint = WebhookEndpoint.created(Ids.newId(), caller.id(), url(request.url()),
                    WebhookEndpoint.eventTypes(types(request.eventTypes())), description(request.description()),
                    Signatures.newSecret(), time.now());
            return endpoints.persistAndFlush(endpoint).map(saved -> Reply.created(WebhookEndpointWithSecret.of(saved),
                    "/webhook-endpoints/" + saved.id, saved.version));
        }, WebhookEndpointWithSecret::withoutSecret); // the secret is kept with the endpoint only
    }

    @WithSession
    public Uni<EndpointPage> list(PageRequest page) {
        int limit = page.limit();
        return endpoints.page(ownerFilter(), page.afterId(), limit + 1).map(rows -> {
            boolean more = rows.size() > limit;
            List<WebhookEndpoint> shown = more ? rows.subList(0, limit) : rows;
            return new EndpointPage(shown.stream().map(WebhookEndpointView::of).toList(),
                    more ? Cursor.encode(shown.get(shown.size() - 1).id.toString()) : null);
        });
    }

    @WithSession
    public Uni<WebhookEndpoint> get(String id) {
        return require(id);
    }

    @Audited
    @WithTransaction
    public Uni<WebhookEndpoint> change(String id, String ifMatch, WebhookEndpointChange change) {
        if (change.url() == null && change.eventTypes() == null && change.description() == null && change.status() == null) {
            throw ApiException.invalidField("body", "must change at least one of url, eventTypes, description, status");
        }
        String url = change.url() == null ? null : url(change.url());
        List<String> types = change.eventTypes() == null ? null : types(change.eventTypes());
        return require(id).flatMap(endpoint -> {
            ETags.requireMatch(ifMatch, endpoint.version);
            Instant now = time.now();
            endpoint.edit(url, types == null ? null : WebhookEndpoint.eventTypes(types),
                    change.description() == null ? null : description(change.description()), now);
            if (change.status() != null && change.status() != endpoint.status) {
                endpoint.changeStatus(change.status(), now);
            }
            return endpoints.flush().replaceWith(endpoint);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Void> delete(String id) {
        return require(id).flatMap(endpoint -> endpoints.delete(endpoint)).call(() -> endpoints.flush());
    }

    /**
     * A new secret; the previous one keeps signing beside it for {@code backoffice.webhooks.previous-secret-validity}.
     * As for creation, an idempotent replay answers without the secret (it is never stored outside the endpoint).
     */
    @Audited
    @WithTransaction
    public Uni<Reply> rotateSecret(String id, String idempotencyKey) {
        return idempotency.once(idempotencyKey, id, () -> require(id).flatMap(endpoint -> {
            Instant now = time.now();
            endpoint.rotateSecret(Signatures.newSecret(), now.plus(config.webhooks().previousSecretValidity()), now);
            return endpoints.flush().replaceWith(endpoint);
        }).map(endpoint -> Reply.ok(WebhookEndpointWithSecret.of(endpoint), endpoint.version)),
                WebhookEndpointWithSecret::withoutSecret);
    }

    @WithSession
    public Uni<DeliveryPage> deliveries(String id, PageRequest page) {
        int limit = page.limit();
        long before = page.afterSeq();
        return require(id).flatMap(endpoint -> deliveries.page(endpoint.id, before, limit + 1)).map(rows -> {
            boolean more = rows.size() > limit;
            List<WebhookDelivery> shown = more ? rows.subList(0, limit) : rows;
            return new DeliveryPage(shown.stream().map(WebhookDelivery::view).toList(),
                    more ? Cursor.encode(Long.toString(shown.get(shown.size() - 1).seq)) : null);
        });
    }

    /**
     * Makes a delivery due now, whatever its status: sent again once the endpoint's earlier pending ones are, and once
     * no delivery of the endpoint is under way. Refused while an attempt of this very delivery is under way: the
     * receiver would get the same {@code webhook-id} twice at once.
     */
    @Audited
    @WithTransaction
    public Uni<DeliveryView> retry(String id, String deliveryId) {
        UUID delivery = Ids.parse(deliveryId).orElseThrow(() -> ApiException.notFound("Delivery " + deliveryId));
        return require(id).flatMap(endpoint -> {
                    if (endpoint.status != WebhookEndpoint.Status.ENABLED) {
                        throw disabled("retry a delivery");
                    }
                    return deliveries.dueNow(endpoint.id, delivery, time.now());
                })
                .flatMap(retry -> switch (retry) {
                    case NOT_FOUND -> throw ApiException.notFound("Delivery " + deliveryId);
                    case IN_FLIGHT -> throw new ApiException(ProblemCode.WEBHOOK_DELIVERY_IN_FLIGHT, "The delivery is being "
                            + "sent: retry it once this attempt has ended (its outcome shows in the delivery).");
                    case DUE -> deliveries.findById(delivery);
                })
                .map(WebhookDelivery::view);
    }

    /**
     * A {@code webhook.test} delivery to this endpoint only: its event is not in the feed (it changes nothing that
     * other consumers follow); it is stored with the delivery and sent like any other, after the endpoint's earlier
     * pending deliveries.
     */
    @Audited
    @WithTransaction
    public Uni<Reply> test(String id, String idempotencyKey) {
        return idempotency.once(idempotencyKey, id, () -> require(id).flatMap(endpoint -> {
            if (endpoint.status != WebhookEndpoint.Status.ENABLED) {
                throw disabled("send a test");
            }
            Instant now = time.now();
            EventType type = EventType.WEBHOOK_TEST;
            EventView event = new EventView(Ids.newId().toString(), type.type(), now,
                    new ResourceRef(type.resourceType(), endpoint.id.toString()), write(WebhookEndpointView.of(endpoint)));
            WebhookDelivery delivery = WebhookDelivery.test(Ids.newId(), endpoint.id, type.type(), write(event), now);
            return deliveries.persistAndFlush(delivery);
        }).map(delivery -> new Reply(202, delivery.view(), null, null, false)));
    }

    private static ApiException disabled(String action) {
        return new ApiException(ProblemCode.WEBHOOK_ENDPOINT_DISABLED, "The endpoint is disabled: enable it to " + action + ".");
    }

    /** The endpoint, when the caller may see it; 404 otherwise. */
    private Uni<WebhookEndpoint> require(String id) {
        String owner = ownerFilter();
        return endpoints.require(id, "Webhook endpoint").map(endpoint -> {
            if (owner != null && !owner.equals(endpoint.owner)) {
                throw ApiException.notFound("Webhook endpoint " + id);
            }
            return endpoint;
        });
    }

    /** Whose endpoints the caller sees: every one (null) for an admin, else its own. */
    private String ownerFilter() {
        return caller.is(Roles.ADMIN) ? null : caller.id();
    }

    private String url(String url) {
        String trimmed = url.strip();
        Destinations.refusal(trimmed, config.webhooks().allowPrivateNetworks()).ifPresent(refusal -> {
            throw ApiException.invalidField("url", refusal);
        });
        return trimmed;
    }

    private static List<String> types(List<String> types) {
        List<String> checked = new ArrayList<>();
        for (String type : types) {
            if (WebhookEndpoint.ALL_TYPES.equals(type)) {
                if (types.size() > 1) {
                    throw ApiException.invalidField("eventTypes", "'*' subscribes to every type: send it alone");
                }
            } else if (EventType.WEBHOOK_TEST.type().equals(type)) {
                throw ApiException.invalidField("eventTypes", "'webhook.test' is sent by the test action only");
            } else if (EventType.of(type).isEmpty()) {
                throw ApiException.invalidField("eventTypes", "'" + type + "' is not an event type (see the EventType schema)");
            }
            checked.add(type);
        }
        return checked;
    }

    private static String description(String description) {
        return description == null || description.isBlank() ? null : description.strip();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException unserializable) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), unserializable);
        }
    }
}
