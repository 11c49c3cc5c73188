package fr.backoffice.event;

import fr.backoffice.event.repository.EventRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed's query in the database (docs/events-and-audit.md "Events and audit"): for every kind of reader (all types
 * or some, an admin or a caller who sees only some events), it walks the feed index {@code (tx, seq)} in order and
 * stops at its limit, rather than reading every event after the position and sorting them. The table of a test run is
 * small, so the planner is told to avoid sequential scans, bitmap scans and sorts where it can: the plan shows whether
 * the order can come from the index at all.
 */
@QuarkusTest
class EventFeedQueryTest {

    @Inject
    io.agroal.api.AgroalDataSource database;

    @Test
    void the_feed_query_reads_the_feed_index_in_order_for_every_reader() throws Exception {
        for (boolean byType : new boolean[]{false, true}) {
            for (boolean forReader : new boolean[]{false, true}) {
                String sql = EventRepository.query(byType, forReader)
                        .replace("$1", "'0'").replace("$2", "0").replace("$3", "200");
                sql = byType ? sql.replace("$4", "'{unit.created}'").replace("$5", "'front-app-1'")
                        : sql.replace("$4", "'front-app-1'");
                String plan = plan(sql);
                assertThat(plan).as("types %s, one reader %s: %s", byType, forReader, plan)
                        .contains("\"Index Name\": \"event_feed_idx\"").doesNotContain("\"Node Type\": \"Sort\"");
            }
        }
    }

    private String plan(String sql) throws Exception {
        try (var connection = database.getConnection(); var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local enable_seqscan = off");
            statement.execute("set local enable_bitmapscan = off");
            statement.execute("set local enable_sort = off");
            StringBuilder plan = new StringBuilder();
            try (var rows = statement.executeQuery("explain (format json) " + sql)) {
                while (rows.next()) {
                    plan.append(rows.getString(1));
                }
            }
            connection.rollback();
            return plan.toString();
        }
    }
}
