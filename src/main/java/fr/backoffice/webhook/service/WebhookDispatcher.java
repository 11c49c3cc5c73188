package fr.backoffice.webhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.api.EventDtos.EventView;
import fr.backoffice.event.api.EventDtos.ResourceRef;
import fr.backoffice.webhook.Signatures;
import fr.backoffice.webhook.WebhookEndpoint;
import fr.backoffice.webhook.api.WebhookDtos.WebhookEndpointState;
import fr.backoffice.webhook.repository.DeliveryQueue;
import fr.backoffice.webhook.repository.DeliveryQueue.Claimed;
import fr.backoffice.webhook.repository.DeliveryQueue.Disabled;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the webhooks (docs/webhooks.md "Webhooks"), on every instance, every {@code backoffice.webhooks.poll-every}:
 * <ol>
 * <li>the fan-out turns the events committed since its position into deliveries, in the transaction that moves the
 * position (one instance at a time, {@link DeliveryQueue#FANOUT_LOCK}): a delivery exists for every committed event
 * and endpoint, whichever instance wrote the event and whether or not it is still running;</li>
 * <li>due deliveries are claimed ({@code FOR UPDATE SKIP LOCKED}, one per endpoint at a time, with a lease), up to
 * {@code backoffice.webhooks.max-in-flight} being sent by this instance;</li>
 * <li>each is sent outside any transaction ({@link WebhookSender}) and its outcome recorded: SUCCEEDED on a 2xx;
 * otherwise due again after the next wait of {@code backoffice.webhooks.retry-schedule} (±10 % jitter), FAILED after
 * the last. A 410 fails it and disables the endpoint at once; an endpoint failing for
 * {@code backoffice.webhooks.disable-after} is disabled too, each with a {@code webhook-endpoint.disabled} event for
 * its owner (and admins) only, which tells neither its url nor its description.</li>
 * </ol>
 * Runs on a Vert.x timer, re-armed when a round ends; no round starts once the instance begins to stop. A delivery
 * being sent when the instance stops is sent again, with the same {@code webhook-id}, once its lease has passed.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int FAN_OUT_BATCH = 500;
    private static final int MAX_BODY_STORED = 4096;
    private static final int MAX_ERROR = 500;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final DeliveryQueue queue;

    private final WebhookSender sender;

    private final WebhookMetrics metrics;

    private final BackOfficeConfig config;

    private final TimeSource time;

    private final ObjectMapper json;

    private final Vertx vertx;

    public WebhookDispatcher(DeliveryQueue queue, WebhookSender sender, WebhookMetrics metrics, BackOfficeConfig config,
                             TimeSource time, ObjectMapper json, Vertx vertx) {
        this.queue = queue;
        this.sender = sender;
        this.metrics = metrics;
        this.config = config;
        this.time = time;
        this.json = json;
        this.vertx = vertx;
    }

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopped;
    private volatile long timer = -1;
    private int failures;

    void start(@Observes StartupEvent started) {
        schedule(config.webhooks().pollEvery().toMillis());
    }

    void stopping(@Observes ShutdownDelayInitiatedEvent stopping) {
        stop();
    }

    void stop(@Observes ShutdownEvent stopped) {
        stop();
    }

    /** No round starts after this (also used by tests that play an instance which stops). */
    public void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    private void schedule(long delay) {
        if (!stopped) {
            timer = vertx.setTimer(delay, fired -> round().subscribe().with(
                    claimed -> {
                        failures = 0;
                        schedule(config.webhooks().pollEvery().toMillis());
                    },
                    failure -> {
                        // the database is down, say: back off (up to 30 s), so the log gets a line per wait, not per poll
                        failures++;
                        long wait = Math.min(MAX_BACKOFF_MS, config.webhooks().pollEvery().toMillis() << Math.min(failures, 16));
                        LOG.warnf("Webhook round failed (%d in a row), next in %d ms: %s", failures, wait, failure.toString());
                        schedule(wait);
                    }));
        }
    }

    /** One round: fan out every new event, then claim and start sending what is due. Answers how many were claimed. */
    public Uni<Integer> round() {
        return fanOutAll(0).flatMap(events -> stopped ? Uni.createFrom().item(0) : dispatch());
    }

    private Uni<Integer> fanOutAll(int done) {
        return queue.fanOut(FAN_OUT_BATCH, time.now())
                .flatMap(read -> read == FAN_OUT_BATCH && !stopped ? fanOutAll(done + read) : Uni.createFrom().item(done + Math.max(read, 0)));
    }

    private Uni<Integer> dispatch() {
        int room = config.webhooks().maxInFlight() - inFlight.get();
        if (room <= 0) {
            return Uni.createFrom().item(0);
        }
        Instant now = time.now();
        return queue.claim(now, now.plus(lease()), room).invoke(claimed -> claimed.forEach(this::sendInBackground)).map(List::size);
    }

    /** Sends one claimed delivery in the background; its slot in {@code max-in-flight} comes back however it ends. */
    private void sendInBackground(Claimed delivery) {
        inFlight.incrementAndGet();
        // deferred: a delivery that fails before it is sent (its body, its signature) gives its slot back too, or the
        // instance would stop sending once max-in-flight such failures had come
        Uni.createFrom().deferred(() -> deliver(delivery)).subscribe().with(
                done -> inFlight.decrementAndGet(),
                failure -> {
                    inFlight.decrementAndGet();
                    LOG.warnf("Webhook delivery %s: its outcome was not recorded, it is sent again once its lease has "
                            + "passed: %s", delivery.id(), failure.toString());
                });
    }

    /** How long a claimed delivery is held: its attempt's timeout and DNS resolution fit in it, with room to record. */
    Duration lease() {
        return config.webhooks().timeout().multipliedBy(2).plusSeconds(5);
    }

    /** Sends one claimed delivery and records the outcome. */
    Uni<Void> deliver(Claimed delivery) {
        String body = delivery.payload() != null ? delivery.payload() : body(delivery.event());
        Instant at = time.now();
        String signature = Signatures.header(WebhookEndpoint.signingSecrets(delivery.secret(), delivery.previousSecret(),
                delivery.previousSecretUntil(), at), delivery.id().toString(), at.getEpochSecond(), body);
        return sender.send(delivery.url(), delivery.id().toString(), at.getEpochSecond(), signature, body)
                .flatMap(outcome -> record(delivery, outcome));
    }

    private Uni<Void> record(Claimed delivery, WebhookSender.Outcome outcome) {
        String body = cut(outcome.body(), MAX_BODY_STORED);
        if (outcome.succeeded()) {
            metrics.attempted("succeeded");
            return queue.succeeded(delivery, outcome.status(), body).invoke(recorded -> {
                if (recorded) {
                    metrics.ended("SUCCEEDED");
                }
            }).replaceWithVoid();
        }
        metrics.attempted(outcome.status() == null && outcome.error() != null && outcome.error().startsWith("refused")
                ? "refused" : "failed");
        Instant now = time.now();
        Instant next = outcome.gone() ? null : nextAttemptAt(delivery.attempts(), now);
        return queue.failed(delivery, now, next, outcome.status(), body, cut(outcome.error(), MAX_ERROR), outcome.gone(),
                        now.minus(config.webhooks().disableAfter()), this::disabledEvent)
                .invoke(failure -> {
                    if (failure.recorded() && next == null) {
                        metrics.ended("FAILED");
                    }
                    if (failure.disabled() != null) {
                        LOG.warnf("Webhook endpoint %s disabled (%s)", failure.disabled().id(), failure.disabled().reason());
                    }
                })
                .replaceWithVoid();
    }

    /** When the attempt after the {@code attempts}-th is due, with ±10 % jitter; null when none is left. */
    Instant nextAttemptAt(int attempts, Instant now) {
        List<Duration> schedule = config.webhooks().retrySchedule();
        if (attempts > schedule.size()) {
            return null;
        }
        long millis = schedule.get(attempts - 1).toMillis();
        long jittered = Math.round(millis * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble()));
        return now.plusMillis(jittered);
    }

    private String[] disabledEvent(Disabled disabled) {
        EventType type = EventType.WEBHOOK_ENDPOINT_DISABLED;
        WebhookEndpointState state = new WebhookEndpointState(disabled.id().toString(), disabled.owner(),
                WebhookEndpoint.Status.DISABLED, disabled.reason(), disabled.updatedAt());
        return new String[]{type.type(), type.resourceType(), write(state)};
    }

    /** The same JSON as the event's item in {@code GET /events}. */
    private String body(DeliveryQueue.StoredEvent event) {
        return write(new EventView(event.id().toString(), event.type(), event.occurredAt(),
                new ResourceRef(event.resourceType(), event.resourceId()), event.data()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException unserializable) {
            throw new IllegalStateException("Cannot serialize a webhook body", unserializable);
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
