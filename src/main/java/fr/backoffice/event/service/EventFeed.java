package fr.backoffice.event.service;

import fr.backoffice.common.Persistence;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.paging.Cursor;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.event.EventType;
import fr.backoffice.event.repository.EventRepository;
import fr.backoffice.event.repository.EventRepository.Position;
import fr.backoffice.event.repository.EventRepository.Positioned;
import fr.backoffice.event.api.EventDtos.EventPage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reading the feed: pages for pollers, an endless stream for SSE subscribers. A caller who is not an admin reads the
 * events for every reader and those addressed to it ({@code visible_to}), nothing else.
 */
@ApplicationScoped
public class EventFeed {

    /** How often a stream asks the database for new events. */
    static final Duration POLL_EVERY = Duration.ofMillis(500);
    private static final int STREAM_BATCH = 200;
    private static final Logger LOG = Logger.getLogger(EventFeed.class);

    private final EventRepository events;

    private final Caller caller;

    public EventFeed(EventRepository events, Caller caller) {
        this.events = events;
        this.caller = caller;
    }

    /**
     * Tells open streams that this instance begins to stop, so that they end and their subscribers move to another
     * one. A processor rather than a future: a stream whose client goes away unsubscribes and leaves nothing behind.
     */
    private final BroadcastProcessor<Boolean> closing = BroadcastProcessor.create();
    private volatile boolean closed;

    /**
     * Quarkus waits for open requests before it stops; a stream never ends by itself, so it is told to end when the
     * shutdown begins (its readiness is already down then, so subscribers reconnect elsewhere).
     */
    void close(@Observes ShutdownDelayInitiatedEvent stopping) {
        close();
    }

    void close(@Observes ShutdownEvent stopped) {
        close();
    }

    private synchronized void close() {
        if (!closed) {
            closed = true;
            closing.onNext(true);
            closing.onComplete();
        }
    }

    /** One item when this instance begins to stop (at once when it already has). */
    public Multi<Boolean> closing() {
        return closed ? Multi.createFrom().item(true) : closing;
    }

    public Uni<EventPage> page(String after, String types, int limit) {
        Position from = position(after);
        List<String> wanted = types(types);
        return events.after(from, wanted, limit, reader()).map(rows -> new EventPage(
                rows.stream().map(Positioned::event).toList(),
                rows.isEmpty() ? (after == null || after.isEmpty() ? null : after) : cursor(rows.get(rows.size() - 1))));
    }

    /**
     * Every event after {@code after}, then every new one as it commits: a query every {@link #POLL_EVERY}
     * through the pool (no connection held in between, nothing waits on an event loop). A tick that comes while
     * the previous query still runs is dropped; a full batch is followed at the next tick. A query the database cannot
     * serve now (docs/events-and-audit.md "Event feed") is asked again at the next tick, from the same position: the
     * subscriber keeps its stream through an outage and misses nothing.
     */
    public Multi<Positioned> stream(String after, String types) {
        AtomicReference<Position> last = new AtomicReference<>(position(after));
        List<String> wanted = types(types);
        String reader = reader(); // now, while the request is served: the polls run outside it
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(POLL_EVERY)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> events.after(last.get(), wanted, STREAM_BATCH, reader)
                        .onFailure(Persistence::isUnavailable).recoverWithItem(failure -> {
                            LOG.debugf("Event stream poll not served (%s), asked again in %s", failure, POLL_EVERY);
                            return List.of();
                        }))
                .onItem().transformToIterable(batch -> {
                    if (!batch.isEmpty()) {
                        last.set(batch.get(batch.size() - 1).position());
                    }
                    return batch;
                });
    }

    /**
     * Whose events the caller reads beside everyone's: null for an admin (every event), else its {@code sub}. Some
     * events are for one caller only (a webhook endpoint's are its owner's, docs/events-and-audit.md
     * "Events and audit").
     */
    private String reader() {
        return caller.is(Roles.ADMIN) ? null : caller.id();
    }

    public static String cursor(Positioned event) {
        return Cursor.encode(event.position().key());
    }

    /** The position a client's cursor (or {@code Last-Event-ID}) names; the start of the feed when absent. */
    static Position position(String cursor) {
        String key = Cursor.decode(cursor);
        if (key == null) {
            return Position.START;
        }
        try {
            int dot = key.indexOf('.');
            // a cursor without a dot names a position by seq alone, before every transaction (tx 0)
            Position position = dot < 0 ? new Position(0, Long.parseLong(key))
                    : new Position(Long.parseLong(key.substring(0, dot)), Long.parseLong(key.substring(dot + 1)));
            if (position.tx() < 0 || position.seq() < 0) {
                throw Cursor.invalid();
            }
            return position;
        } catch (NumberFormatException malformed) {
            throw Cursor.invalid();
        }
    }

    static List<String> types(String types) {
        if (types == null || types.isBlank()) {
            return List.of();
        }
        List<String> wanted = new ArrayList<>();
        for (String type : types.split(",")) {
            String name = type.strip();
            if (EventType.of(name).isEmpty()) {
                throw ApiException.invalidField("types", "'" + name + "' is not an event type (see the EventType schema)");
            }
            wanted.add(name);
        }
        return wanted;
    }
}
