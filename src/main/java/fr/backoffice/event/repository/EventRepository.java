package fr.backoffice.event.repository;

import fr.backoffice.event.api.EventDtos.EventView;
import fr.backoffice.event.api.EventDtos.ResourceRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * The read side of the event feed, by (tx, seq) and only below the oldest running transaction, so an event that
 * is not visible yet will always come after every event a reader has already returned, and a resource's changes
 * come in the order they were made (see V6__write_path_without_global_locks.sql).
 *
 * <p>Reads go through the reactive pool, not a Hibernate session: each query borrows a connection and returns
 * it, so a polling SSE subscriber holds no connection between polls.
 */
@ApplicationScoped
public class EventRepository {

    /** Only events below the horizon: every transaction that could still write one there has ended. */
    private static final String SELECT = """
            select id, tx::text as tx, seq, type, occurred_at, resource_type, resource_id, data from event
            where (tx, seq) > ($1::text::xid8, $2) and tx < pg_snapshot_xmin(pg_current_snapshot())""";
    private static final String ORDER = " order by tx, seq limit $3";

    @Inject
    Pool pool;

    /** An event and its position in the feed. */
    public record Positioned(Position position, EventView event) {
    }

    /** The position of an event in the feed: its (raised) transaction id, then its sequence number. */
    public record Position(long tx, long seq) {

        public static final Position START = new Position(0, 0);

        public String key() {
            return tx + "." + seq;
        }
    }

    /** Up to {@code limit} events after {@code after}, of the given types (all when empty), in feed order. */
    public Uni<List<Positioned>> after(Position after, List<String> types, int limit) {
        Tuple args = Tuple.of(Long.toString(after.tx()), after.seq(), limit);
        String sql = SELECT + ORDER;
        if (!types.isEmpty()) {
            sql = SELECT + " and type = any($4)" + ORDER;
            args.addArrayOfString(types.toArray(String[]::new));
        }
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Positioned> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(new Positioned(new Position(Long.parseLong(row.getString("tx")), row.getLong("seq")), new EventView(
                        row.getUUID("id").toString(), row.getString("type"),
                        row.getOffsetDateTime("occurred_at").toInstant(),
                        new ResourceRef(row.getString("resource_type"), row.getString("resource_id")),
                        row.getString("data"))));
            }
            return events;
        });
    }
}
