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
 * The read side of the event feed, in commit order.
 *
 * <p>Why not {@code ORDER BY seq}: a sequence value is taken when a row is inserted, not when its transaction
 * commits, so a transaction holding seq 41 may commit after one holding seq 42; a reader that has returned 42
 * would skip 41 forever. Instead events are ordered by (writing transaction id, seq), and a reader only returns
 * events of transactions whose id is below the {@code xmin} of its snapshot: all transactions below xmin have
 * ended (committed or aborted), and any transaction that can still commit has an id at or above xmin, so it sorts
 * after every event already returned. Hence a reader never skips a late commit and never sees an event twice,
 * and the events of one transaction come out together. This holds for any number of writers and service
 * instances, because the order comes from the database alone. The price: an event becomes visible only once
 * every older transaction has ended, so a long-running transaction delays the feed (never reorders it).
 *
 * <p>Reads go through the reactive pool, not a Hibernate session: each query borrows a connection and returns
 * it, so a polling SSE subscriber holds no connection between polls.
 */
@ApplicationScoped
public class EventRepository {

    private static final String SELECT = """
            select id, tx_id::text as tx, seq, type, occurred_at, resource_type, resource_id, data from event
            where (tx_id, seq) > ($1::xid8, $2) and tx_id < pg_snapshot_xmin(pg_current_snapshot())""";
    private static final String ORDER = " order by tx_id, seq limit $3";

    @Inject
    Pool pool;

    /** An event and its position in the feed. */
    public record Positioned(Position position, EventView event) {
    }

    /** The position of an event: its transaction id and its sequence number. */
    public record Position(String txId, long seq) {

        public static final Position START = new Position("0", 0);

        public String key() {
            return txId + ":" + seq;
        }
    }

    /** Up to {@code limit} events after {@code after}, of the given types (all when empty), in commit order. */
    public Uni<List<Positioned>> after(Position after, List<String> types, int limit) {
        Tuple args = Tuple.of(after.txId(), after.seq(), limit);
        String sql = SELECT + ORDER;
        if (!types.isEmpty()) {
            sql = SELECT + " and type = any($4)" + ORDER;
            args.addArrayOfString(types.toArray(String[]::new));
        }
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Positioned> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(new Positioned(new Position(row.getString("tx"), row.getLong("seq")), new EventView(
                        row.getUUID("id").toString(), row.getString("type"),
                        row.getOffsetDateTime("occurred_at").toInstant(),
                        new ResourceRef(row.getString("resource_type"), row.getString("resource_id")),
                        row.getString("data"))));
            }
            return events;
        });
    }
}
