package fr.backoffice.webhook.repository;

import fr.backoffice.webhook.WebhookEndpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The deliveries' work queue, in SQL through the reactive pool (V6__webhooks.sql): the fan-out from the event feed,
 * the claim of due deliveries, and the record of each attempt. Every statement is one short transaction; no
 * transaction is open while a delivery is being sent.
 */
@ApplicationScoped
public class DeliveryQueue {

    /** The fan-out's advisory lock, "webhook" in ASCII: one instance fans out at a time. */
    public static final long FANOUT_LOCK = 0x776562686f6f6bL;

    /**
     * The next committed events after the fan-out's position (only below the oldest running transaction, as the feed
     * reads them, so none is skipped by a late commit), each turned into one PENDING delivery per enabled endpoint
     * that subscribes to its type, existed when it occurred and whose owner may read it (an event for one reader only,
     * visible_to, goes to that reader's endpoints only), numbered in event order; the position moves to the last event
     * read. Answers how many events were read. With no endpoint enabled, no event is read: the position moves at once to
     * the last event it would have read, by the feed index, since none of them could go anywhere (an endpoint enabled
     * later only receives what occurs from its enabling on, and one whose enabling has not committed is not seen by the
     * reading of events either).
     */
    private static final String FAN_OUT = """
            with position as (select tx, seq from webhook_fanout where id = 1 for update),
            receivers as (select exists (select 1 from webhook_endpoint where status = 'ENABLED') as any),
            batch as (
                select e.id, e.tx, e.seq, e.type, e.occurred_at, e.visible_to from event e, position p, receivers r
                where r.any and (e.tx, e.seq) > (p.tx, p.seq) and e.tx < pg_snapshot_xmin(pg_current_snapshot())
                order by e.tx, e.seq limit $1),
            skipped as (
                select e.tx, e.seq from event e, position p, receivers r
                where not r.any and (e.tx, e.seq) > (p.tx, p.seq) and e.tx < pg_snapshot_xmin(pg_current_snapshot())
                order by e.tx desc, e.seq desc limit 1),
            inserted as (
                insert into webhook_delivery (id, seq, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, created_at)
                select gen_random_uuid(), nextval(pg_get_serial_sequence('webhook_delivery', 'seq')), o.endpoint_id,
                       o.event_id, o.type, 'PENDING', 0, $2, $2
                from (select ep.id as endpoint_id, b.id as event_id, b.type from batch b
                      join webhook_endpoint ep on ep.status = 'ENABLED' and b.occurred_at >= ep.enabled_since
                           and (ep.event_types = '*' or b.type = any (string_to_array(ep.event_types, ',')))
                           and (b.visible_to is null or b.visible_to = ep.owner)
                      order by b.tx, b.seq, ep.id) o
                returning 1),
            moved as (
                update webhook_fanout f set tx = l.tx, seq = l.seq
                from ((select tx, seq from batch order by tx desc, seq desc limit 1) union all (select tx, seq from skipped)) l
                where f.id = 1
                returning 1)
            select (select count(*) from batch) as events, (select count(*) from inserted) as deliveries,
                   (select count(*) from moved) as moved""";

    /**
     * Claims due deliveries: of each enabled endpoint with no delivery under way (leased), only its oldest PENDING
     * delivery (so an endpoint's deliveries go in order, one at a time, and a failing one holds back only the later ones
     * of its endpoint), when due, skipping rows another instance is claiming. The claim counts the attempt and sets a
     * lease: next_attempt_at and leased_until move past the attempt's timeout, so a delivery whose instance stopped
     * mid-attempt is claimed again once the lease has passed. A claim racing another re-checks status and
     * next_attempt_at on the row it locks, so the same attempt is never claimed twice; a retry locks the endpoint's
     * pending deliveries before it makes one due (WebhookDeliveryRepository), so it never slips past a claim.
     */
    private static final String CLAIM = """
            with heads as (
                select distinct on (d.endpoint_id) d.id from webhook_delivery d
                join webhook_endpoint ep on ep.id = d.endpoint_id and ep.status = 'ENABLED'
                where d.status = 'PENDING'
                  and not exists (select 1 from webhook_delivery l where l.endpoint_id = d.endpoint_id
                                  and l.status = 'PENDING' and l.leased_until > $1)
                order by d.endpoint_id, d.seq),
            claimed as (
                select d.id, ep.url, ep.secret, ep.previous_secret, ep.previous_secret_until, e.id as event_id, e.type,
                       e.occurred_at, e.resource_type, e.resource_id, e.data
                from webhook_delivery d join webhook_endpoint ep on ep.id = d.endpoint_id
                left join event e on e.id = d.event_id
                where d.id in (select id from heads) and d.status = 'PENDING' and d.next_attempt_at <= $1
                order by d.next_attempt_at limit $3
                for update of d skip locked)
            update webhook_delivery d set attempts = d.attempts + 1, last_attempt_at = $1, next_attempt_at = $2,
                   leased_until = $2
            from claimed c where d.id = c.id
            returning d.id, d.endpoint_id, d.event_type, d.payload, d.attempts, c.url, c.secret, c.previous_secret,
                      c.previous_secret_until, c.event_id, c.type, c.occurred_at, c.resource_type, c.resource_id, c.data""";

    /** Only the attempt that holds the delivery records its outcome (attempts is the lease's token). */
    private static final String SUCCEEDED = """
            with delivery as (
                update webhook_delivery set status = 'SUCCEEDED', next_attempt_at = null, leased_until = null, last_response_status = $3,
                       last_response_body = $4, last_error = null
                where id = $1 and attempts = $2 and status = 'PENDING' returning endpoint_id),
            endpoint as (
                update webhook_endpoint set failing_since = null
                where id in (select endpoint_id from delivery) and failing_since is not null returning 1)
            select count(*) as recorded from delivery""";

    private static final String FAILED = """
            update webhook_delivery set status = case when $3::timestamptz is null then 'FAILED' else 'PENDING' end,
                   next_attempt_at = $3, leased_until = null, last_response_status = $4, last_response_body = $5, last_error = $6
            where id = $1 and attempts = $2 and status = 'PENDING' returning endpoint_id""";

    private static final String FAILING_SINCE = """
            update webhook_endpoint set failing_since = coalesce(failing_since, $2)
            where id = $1 returning failing_since, status""";

    private static final String DISABLE = """
            update webhook_endpoint set status = 'DISABLED', disabled_reason = $2, version = version + 1, updated_at = $3
            where id = $1 and status = 'ENABLED'
            returning id, owner, updated_at""";

    private static final String EVENT = """
            insert into event (id, type, occurred_at, resource_type, resource_id, data, visible_to)
            values ($1, $2, $3, $4, $5, $6, $7)""";

    private final Pool pool;

    public DeliveryQueue(Pool pool) {
        this.pool = pool;
    }

    /** A claimed delivery, with its endpoint's url and secrets and its event (null for a test delivery). */
    public record Claimed(UUID id, UUID endpointId, String eventType, String payload, int attempts, String url,
                          String secret, String previousSecret, Instant previousSecretUntil, StoredEvent event) {
    }

    /** An event row of the feed, as the fan-out linked it. */
    public record StoredEvent(UUID id, String type, Instant occurredAt, String resourceType, String resourceId, String data) {
    }

    /** What the event of a disabled endpoint tells: no url nor description, which are for its owner to read from the endpoint. */
    public record Disabled(UUID id, String owner, WebhookEndpoint.DisabledReason reason, Instant updatedAt) {
    }

    /** What recording a failed attempt did: nothing (another attempt holds the delivery), or recorded it, and whether it disabled the endpoint. */
    public record Failure(boolean recorded, Disabled disabled) {
    }

    /** Fans out one batch when no other instance is; answers how many events were read (-1 without the lock). */
    public Uni<Integer> fanOut(int batch, Instant now) {
        return pool.withTransaction(connection -> connection.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(FANOUT_LOCK))
                .flatMap(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(-1)
                        : connection.preparedQuery(FAN_OUT).execute(Tuple.of(batch, utc(now)))
                        .map(rows -> rows.iterator().next().getLong("events").intValue())));
    }

    /** Claims up to {@code limit} due deliveries, with a lease until {@code leaseUntil}. */
    public Uni<List<Claimed>> claim(Instant now, Instant leaseUntil, int limit) {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(utc(now), utc(leaseUntil), limit))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        UUID eventId = row.getUUID("event_id");
                        StoredEvent event = eventId == null ? null : new StoredEvent(eventId, row.getString("type"),
                                row.getOffsetDateTime("occurred_at").toInstant(), row.getString("resource_type"),
                                row.getString("resource_id"), row.getString("data"));
                        OffsetDateTime previousUntil = row.getOffsetDateTime("previous_secret_until");
                        claimed.add(new Claimed(row.getUUID("id"), row.getUUID("endpoint_id"), row.getString("event_type"),
                                row.getString("payload"), row.getInteger("attempts"), row.getString("url"),
                                row.getString("secret"), row.getString("previous_secret"),
                                previousUntil == null ? null : previousUntil.toInstant(), event));
                    }
                    return claimed;
                }));
    }

    /** Records a successful attempt; answers false when the lease had passed and another attempt holds the delivery. */
    public Uni<Boolean> succeeded(Claimed delivery, int status, String body) {
        return pool.withTransaction(connection -> connection.preparedQuery(SUCCEEDED)
                .execute(Tuple.of(delivery.id(), delivery.attempts(), status, body))
                .map(rows -> rows.iterator().next().getLong("recorded") == 1));
    }

    /**
     * Records a failed attempt: due again at {@code nextAttemptAt}, or FAILED when null. Then, in the same transaction,
     * the endpoint is disabled when {@code gone} or when it has been failing since before {@code failingLimit};
     * the endpoint's event is written in that transaction, with the data {@code event} gives.
     */
    public Uni<Failure> failed(Claimed delivery, Instant now, Instant nextAttemptAt, Integer status, String body,
                                String error, boolean gone, Instant failingLimit, EventWriter event) {
        Tuple args = Tuple.of(delivery.id(), delivery.attempts(), nextAttemptAt == null ? null : utc(nextAttemptAt));
        args.addValue(status).addString(body).addString(error);
        return pool.withTransaction(connection -> connection.preparedQuery(FAILED).execute(args).flatMap(updated -> {
            if (updated.size() == 0) {
                return Uni.createFrom().item(new Failure(false, null)); // the lease had passed: another attempt holds it
            }
            return connection.preparedQuery(FAILING_SINCE).execute(Tuple.of(delivery.endpointId(), utc(now)))
                    .flatMap(endpoint -> {
                        Row row = endpoint.iterator().next();
                        boolean failingTooLong = !row.getOffsetDateTime("failing_since").toInstant().isAfter(failingLimit);
                        if (!"ENABLED".equals(row.getString("status")) || !(gone || failingTooLong)) {
                            return Uni.createFrom().item(new Failure(true, null));
                        }
                        WebhookEndpoint.DisabledReason reason = gone ? WebhookEndpoint.DisabledReason.GONE
                                : WebhookEndpoint.DisabledReason.FAILING;
                        return disable(connection, delivery.endpointId(), reason, now, event)
                                .map(disabled -> new Failure(true, disabled));
                    });
        }));
    }

    /** Writes the disabled endpoint's event, in the transaction that disables it, for its owner (and admins) only. */
    public interface EventWriter {
        /** The event's (type, resource type, data) for this endpoint. */
        String[] event(Disabled disabled);
    }

    private Uni<Disabled> disable(SqlConnection connection, UUID endpointId, WebhookEndpoint.DisabledReason reason,
                                  Instant now, EventWriter event) {
        return connection.preparedQuery(DISABLE).execute(Tuple.of(endpointId, reason.name(), utc(now))).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            Row row = rows.iterator().next();
            Disabled disabled = new Disabled(row.getUUID("id"), row.getString("owner"), reason,
                    row.getOffsetDateTime("updated_at").toInstant());
            String[] written = event.event(disabled);
            Tuple args = Tuple.of(fr.backoffice.common.Ids.newId(), written[0], utc(now), written[1]);
            args.addString(endpointId.toString()).addString(written[2]).addString(disabled.owner());
            return connection.preparedQuery(EVENT).execute(args).replaceWith(disabled);
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
