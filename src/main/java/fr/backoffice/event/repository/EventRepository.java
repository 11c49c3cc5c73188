package fr.backoffice.event.repository;

import fr.backoffice.event.rest.EventDtos.EventView;
import fr.backoffice.event.rest.EventDtos.ResourceRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * The read side of the event feed, in commit order: by {@code seq}, which the database gives each event as its
 * transaction commits, one committing transaction at a time (see V4__events_and_audit.sql), so an event that is
 * not visible yet will always come after every event a reader has already returned.
 *
 * <p>Reads go through the reactive pool, not a Hibernate session: each query borrows a connection and returns
 * it, so a polling SSE subscriber holds no connection between polls.
 */
@ApplicationScoped
public class EventRepository {

    private static final String SELECT = """
            select id, seq, type, occurred_at, resource_type, resource_id, data from event where seq > $1""";
    private static final String ORDER = " order by seq limit $2";

    @Inject
    Pool pool;

    /** An event and its position in the feed. */
    public record Positioned(Position position, EventView event) {
    }

    /** The position of an event in the feed. */
    public record Position(long seq) {

        public String key() {
            return Long.toString(seq);
        }
    }

    /** Up to {@code limit} events after {@code after}, of the given types (all when empty), in commit order. */
    public Uni<List<Positioned>> after(Position after, List<String> types, int limit) {
        Tuple args = Tuple.of(after.seq(), limit);
        String sql = SELECT + ORDER;
        if (!types.isEmpty()) {
            sql = SELECT + " and type = any($3)" + ORDER;
            args.addArrayOfString(types.toArray(String[]::new));
        }
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Positioned> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(new Positioned(new Position(row.getLong("seq")), new EventView(
                        row.getUUID("id").toString(), row.getString("type"),
                        row.getOffsetDateTime("occurred_at").toInstant(),
                        new ResourceRef(row.getString("resource_type"), row.getString("resource_id")),
                        row.getString("data"))));
            }
            return events;
        });
    }
}
