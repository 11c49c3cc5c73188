package fr.backoffice.event.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.common.Ids;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.Event;
import fr.backoffice.event.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The write side of the event feed: a transactional outbox. {@link #append} persists the event in the current
 * Hibernate Reactive session, hence in the transaction that makes the change; the event commits with the change
 * or not at all, and needs no second system to agree with the database.
 * The event's place in the feed is given by the database at insert (see V2__events_and_audit.sql).
 *
 * <p>Callers append exactly one event per state change, after flushing (so the resource's row is locked or its
 * version checked before its event is inserted, which is what keeps a resource's events in the order of its
 * changes), with the representation the endpoint answers (so {@code data} shows the new version).
 */
@ApplicationScoped
public class Events {

    private final ObjectMapper json;

    private final TimeSource time;

    public Events(ObjectMapper json, TimeSource time) {
        this.json = json;
        this.time = time;
    }

    /** Must run within a transaction (a service method's {@code @WithTransaction} chain). */
    public Uni<Void> append(EventType type, String resourceId, Object representation) {
        Event event = Event.of(Ids.newId(), type.type(), type.resourceType(), resourceId, write(representation),
                time.now());
        return Panache.getSession().flatMap(session -> session.persist(event));
    }

    private String write(Object representation) {
        try {
            return json.writeValueAsString(representation);
        } catch (JsonProcessingException unserializable) {
            throw new IllegalStateException("Cannot serialize the event's data", unserializable);
        }
    }
}
