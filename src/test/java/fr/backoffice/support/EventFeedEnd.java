package fr.backoffice.support;

import fr.backoffice.common.paging.Cursor;
import fr.backoffice.event.repository.EventRepository.Position;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The cursor of the event feed's last event as it stands now: where a poller that has read every page would be.
 * Tests that follow the feed from "now" start here instead of reading the whole run's events page by page (tens of
 * thousands by the end of the suite, each page checked against the contract). The feed's order is the
 * {@code (tx, seq)} index (V2__events_and_audit.sql), and the cursor encodes that position as the service does.
 */
public final class EventFeedEnd {

    private EventFeedEnd() {
    }

    /** Null when the feed is empty: a poller without a cursor reads it from its start. */
    public static String now() {
        AgroalDataSource database = Arc.container().instance(AgroalDataSource.class).get();
        try (var connection = database.getConnection()) {
            return lastPosition(connection);
        } catch (SQLException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    /**
     * Ordered by the table's column: a bare {@code tx} would be the output column {@code tx::text}, and "9999" comes
     * after "10000" (a fresh server's transaction ids cross such a power of ten during one run), so the end found
     * was an older event and pollers "from now" read everything written since.
     */
    static String lastPosition(Connection connection) throws SQLException {
        try (var sql = connection.createStatement();
             var last = sql.executeQuery("select tx::text, seq from event order by event.tx desc, event.seq desc limit 1")) {
            return last.next() ? Cursor.encode(new Position(Long.parseLong(last.getString(1)), last.getLong(2)).key()) : null;
        }
    }
}
