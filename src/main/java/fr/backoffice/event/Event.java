package fr.backoffice.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event of the feed, written in the transaction of the change it reports. Its position in the feed,
 * {@code seq}, is filled by the database's default and read only by native SQL
 * (see {@link fr.backoffice.event.repository.EventRepository}), so it is not mapped here. Nor is {@code visible_to}:
 * events written here are for every reader of the feed; the few that are for one caller only are written in SQL by
 * the feature they belong to (V2__events_and_audit.sql).
 */
@Entity
@Table(name = "event")
public class Event {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String type;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(name = "resource_type", nullable = false, updatable = false)
    public String resourceType;

    @Column(name = "resource_id", nullable = false, updatable = false)
    public String resourceId;

    /** The resource's API representation after the change, as JSON. */
    @Column(nullable = false, updatable = false)
    public String data;

    /** An event of {@code type} about one resource, {@code data} its representation after the change, as JSON. */
    public static Event of(UUID id, String type, String resourceType, String resourceId, String data, Instant occurredAt) {
        Event event = new Event();
        event.id = Objects.requireNonNull(id, "id");
        event.type = Objects.requireNonNull(type, "type");
        event.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
        event.resourceType = Objects.requireNonNull(resourceType, "resourceType");
        event.resourceId = Objects.requireNonNull(resourceId, "resourceId");
        event.data = Objects.requireNonNull(data, "data");
        return event;
    }
}
