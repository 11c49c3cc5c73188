package fr.backoffice.event.repository;

import fr.backoffice.event.api.EventDtos.EventView;
import fr.backoffice.event.api.EventDtos.ResourceRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The read side of the event feed, by (tx, seq) and only below the oldest running transaction, so an event that
 * is not visible yet will always come after every event a reader has already returned, and a resource's changes
 * come in the order they were made (see V2__events_and_audit.sql).
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
    /**
     * By the columns, named with their table: a bare {@code tx} here is the output column {@code tx::text}, whose order
     * is the text's ("100000" before "99999"), which the index cannot give: every event after the position was read
     * and sorted, and where the transaction ids after a position crossed a power of ten, a page skipped the smaller
     * ones (the cursor went past them) or, when they fitted, ended on them and the next page repeated the larger ones.
     */
    private static final String ORDER = " order by event.tx, event.seq limit $3";

    private final Pool pool;

    public EventRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The feed's query: after the position ($1, $2), at most $3 events, of the types $4 when {@code byType}, that the
     * reader $4 (or $5) may see when {@code forReader}. Public for the test that checks its plan.
     */
    public static String query(boolean byType, boolean forReader) {
        StringBuilder sql = new StringBuilder(SELECT);
        int parameter = 3;
        if (byType) {
            sql.append(" and type = any($").append(++parameter).append(')');
        }
        if (forReader) {
            sql.append(" and (visible_to is null or visible_to = $").append(++parameter).append(')');
        }
        return sql.append(ORDER).toString();
    }

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

    /**
     * Up to {@code limit} events after {@code after}, of the given types (all when empty), in feed order, that
     * {@code reader} may see: those for every reader ({@code visible_to} null) and those addressed to it; every event
     * when {@code reader} is null (an admin). What a reader does not see is skipped, nothing else changes: the same
     * positions, the same horizon, the same index walk (V2__events_and_audit.sql).
     */
    public Uni<List<Positioned>> after(Position after, List<String> types, int limit, String reader) {
        Tuple args = Tuple.of(Long.toString(after.tx()), after.seq(), limit);
        if (!types.isEmpty()) {
            args.addArrayOfString(types.toArray(String[]::new));
        }
        if (reader != null) {
            args.addString(reader);
        }
        String sql = query(!types.isEmpty(), reader != null);
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
