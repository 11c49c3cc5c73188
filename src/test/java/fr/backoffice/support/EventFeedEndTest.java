package fr.backoffice.support;

import fr.backoffice.common.paging.Cursor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed's end as the pollers' helper finds it, on a table of its own shape: a fresh PostgreSQL server's transaction
 * ids cross 10,000 and 100,000 during one run of the suite, and the end must be the greatest id, not the greatest text.
 */
class EventFeedEndTest {

    @Test
    void the_end_is_the_greatest_transaction_id_when_the_ids_cross_a_power_of_ten() throws SQLException {
        try (Connection sql = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement statement = sql.createStatement()) {
            // a temporary table is found before the schema's tables, and goes with the session
            statement.execute("create temporary table event (tx xid8 not null, seq bigint not null)");
            statement.execute("insert into event values ('9999', 7), ('10000', 8), ('10000', 9)");
            assertThat(Cursor.decode(EventFeedEnd.lastPosition(sql))).isEqualTo("10000.9");
        }
    }

    @Test
    void an_empty_feed_has_no_end() throws SQLException {
        try (Connection sql = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement statement = sql.createStatement()) {
            statement.execute("create temporary table event (tx xid8 not null, seq bigint not null)");
            assertThat(EventFeedEnd.lastPosition(sql)).isNull();
        }
    }
}
