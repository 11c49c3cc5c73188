package fr.backoffice.event.rest;

import fr.backoffice.common.error.Problem;
import fr.backoffice.common.http.StreamAdmission;
import fr.backoffice.common.http.Streaming;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import fr.backoffice.event.api.EventDtos.EventPage;
import fr.backoffice.event.service.EventFeed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.util.Map;

@Path("/events")
@Tag(name = "Events")
public class EventResource {

    static final String TYPES = "Comma-separated event types to keep (see the `EventType` schema); all when absent";
    /** Keeps proxies from closing an idle stream, and tells the subscriber the server is alive. */
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(15);
    /** The last message of a stream whose instance stops. */
    static final String CLOSING = "stream.closing";
    static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(EventResource.class);

    private final EventFeed feed;

    public EventResource(EventFeed feed) {
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listEvents", summary = "Read the event feed in order",
            description = "Events in feed order: each resource's changes in the order they were made, and an event "
                    + "given out only once every transaction that could still come before it has ended (a long "
                    + "transaction on the database delays the feed; the service bounds its own to 30 s). A poller "
                    + "passes the `nextCursor` of each answer as `after` of the next request: it never misses an event "
                    + "nor sees one twice, even with several service instances. When nothing new has committed, "
                    + "`items` is empty and `nextCursor` is the `after` given.")
    @APIResponse(responseCode = "200", description = "A page of events")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `limit`, `after` or `types`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<EventPage> list(@BeanParam PageRequest page,
                               @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = "^[a-z.,-]*$", maxLength = 2048), description = TYPES, example = "operation.executed,operation.rejected")
                               @QueryParam("types") String types) {
        return feed.page(page.after(), types, page.limit());
    }

    @GET
    @Path("/stream")
    @Streaming
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "streamEvents", summary = "Follow the event feed as Server-Sent Events",
            description = "The feed of `GET /events` as it grows: each SSE message has `id` = the event's cursor, "
                    + "`event` = its type and `data` = the event as JSON. To resume after a disconnect, send the last "
                    + "`id` received as `Last-Event-ID` (or as `after`): nothing is lost or repeated. A caller holds at most 5 "
                    + "streams open on one instance, and an instance 200 (both configurable): a closed stream frees its "
                    + "slot. A comment line "
                    + "(`: heartbeat`) comes every 15 s. When the instance serving the stream stops, the stream ends "
                    + "with a message `event: stream.closing` (with `retry: 1000`): reconnect, with `Last-Event-ID`, "
                    + "and another instance goes on. While the database is unavailable the stream stays open, with its "
                    + "heartbeats, and goes on from where it was once the database is back. A stream that fails for any "
                    + "other reason ends without `stream.closing`: reconnect with `Last-Event-ID` as well. `HEAD` answers "
                    + "the head only, and ends.")
    @APIResponse(responseCode = "200", description = "An endless stream of events",
            // no schema: the body is an endless sequence of messages, which no length bounds; the example shows one
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    examples = @ExampleObject(name = "an event", value = "id: MTIzNDU6Njc4OQ\nevent: unit.created\ndata: {\"id\":"
                            + "\"019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70\",\"type\":\"unit.created\",\"occurredAt\":\"2026-11-30T09:15:00Z\","
                            + "\"resource\":{\"type\":\"unit\",\"id\":\"PAR-01\"},\"data\":{\"code\":\"PAR-01\",\"name\":\"Paris Opéra\","
                            + "\"region\":\"Île-de-France\",\"createdAt\":\"2026-11-30T09:15:00Z\"}}\n\n")))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `after`, `Last-Event-ID` or `types`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "429", description = "`RATE_LIMITED`: the caller's budget of connections to the stream "
            + "is spent (`RateLimit-Policy` tells it); `TOO_MANY_STREAMS`: the caller holds as many streams open on this "
            + "instance as it may (`BACKOFFICE_EVENT_STREAM_MAX_PER_CALLER`, 5 by default): close one, or retry after "
            + "the `Retry-After` seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0")),
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "RATE_LIMITED", ref = "RATE_LIMITED"), @ExampleObject(name = "TOO_MANY_STREAMS", ref = "TOO_MANY_STREAMS")}))
    @APIResponse(responseCode = "503", description = "`STREAM_CAPACITY_REACHED`: this instance holds as many streams "
            + "open as it serves (`BACKOFFICE_EVENT_STREAM_MAX_PER_INSTANCE`, 200 by default); retry after the "
            + "`Retry-After` seconds (another instance may take it); `SERVICE_UNAVAILABLE`: the database cannot serve now",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0")),
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "STREAM_CAPACITY_REACHED", ref = "STREAM_CAPACITY_REACHED"), @ExampleObject(name = "SERVICE_UNAVAILABLE", ref = "SERVICE_UNAVAILABLE")}))
    public Multi<OutboundSseEvent> stream(@Context Sse sse, @Context RoutingContext exchange,
                                          @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]*$", maxLength = 64), description = "The `id` of the last message received")
                                          @HeaderParam("Last-Event-ID") String lastEventId,
                                          @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]*$", maxLength = 64), description = "Where to start when no `Last-Event-ID` is sent")
                                          @QueryParam("after") String after,
                                          @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = "^[a-z.,-]*$", maxLength = 2048), description = TYPES) @QueryParam("types") String types) {
        String from = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        Multi<OutboundSseEvent> events = feed.stream(from, types).map(event -> sse.newEventBuilder()
                .id(EventFeed.cursor(event))
                .name(event.event().type())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(event.event())
                .build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().startingAfter(HEARTBEAT_EVERY).every(HEARTBEAT_EVERY)
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        OutboundSseEvent closing = sse.newEventBuilder().name(CLOSING).reconnectDelay(RECONNECT_AFTER.toMillis())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(Map.of("reason", "This instance is stopping; reconnect with Last-Event-ID to go on where you were."))
                .build();
        Multi<OutboundSseEvent> untilClosing = Multi.createBy().merging()
                .streams(events, heartbeats, feed.closing().map(stopping -> closing))
                .select().first(event -> event != closing);
        // once its head is sent, a failed stream would stay open with nothing more to send: end it, so that its
        // subscriber reconnects with Last-Event-ID (docs/events-and-audit.md "Event feed")
        return StreamAdmission.served(exchange, Multi.createBy().concatenating()
                .streams(untilClosing, Multi.createFrom().item(closing))
                .onFailure().invoke(failure -> LOG.errorf(failure, "Event stream ended by a failure"))
                .onFailure().recoverWithCompletion());
    }
}
