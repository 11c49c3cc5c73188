package fr.backoffice.event.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import fr.backoffice.common.paging.PageRequest;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

public final class EventDtos {

    private EventDtos() {
    }

    @Schema(name = "Event", description = "Something that happened to a resource, in the transaction that made it happen. "
            + "Every reader of the feed reads it, except the events about a webhook endpoint (`webhook-endpoint.*`): only "
            + "the endpoint's owner and admins read those, in the feed, in the stream and in webhook deliveries")
    public record EventView(
            @Schema(format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String id,
            @Schema(ref = "EventType") String type,
            Instant occurredAt,
            ResourceRef resource,
            @JsonRawValue
            @Schema(type = SchemaType.OBJECT, description = "The resource's representation after the change, as the "
                    + "endpoint that made it answers (Account, Operation, Filing, Unit or Declarant; AuditCheckpoint for `audit.checkpoint`; PaymentFile for `payment-file.*`; for `webhook-endpoint.disabled`, the endpoint's `id`, `owner`, `status`, `disabledReason` and `updatedAt`, never its url nor its description; WebhookEndpoint for `webhook.test`, sent to that endpoint only)")
            String data) {
    }

    @Schema(name = "EventResource", description = "The resource an event is about")
    public record ResourceRef(
            @Schema(enumeration = {"unit", "declarant", "account", "operation", "authorization", "filing", "audit-checkpoint", "payment-file", "operation-batch", "reconciliation-statement", "reconciliation-exception", "expected-payment", "webhook-endpoint"}, examples = "operation") String type,
            @Schema(maxLength = 64, description = "A uuid, or a unit's code", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String id) {
    }

    @Schema(name = "EventPage", description = "A page of the feed, in feed order (see listEvents)")
    public record EventPage(
            @Schema(maxItems = PageRequest.MAX_LIMIT) List<EventView> items,
            @Schema(nullable = true, maxLength = 64, pattern = "^[A-Za-z0-9_-]*$", description = "The position after the last item: pass it as `after` to read on. "
                    + "Unlike other lists, a feed has no last page: when no event follows, this is the `after` given, "
                    + "so a poller keeps it and asks again later (null only when the feed is empty and no `after` was given).")
            String nextCursor) {
    }
}
