package fr.backoffice.operation.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** An item of a unit's queue ({@code GET /units/{code}/queue}). */
@Schema(name = "QueueItem", description = "An operation waiting for a person, with the time by which it should be handled")
public record QueueItem(
        @Schema(description = "`receivedAt` + 1 TARGET2 business day") Instant dueAt,
        OperationView operation) {
}
