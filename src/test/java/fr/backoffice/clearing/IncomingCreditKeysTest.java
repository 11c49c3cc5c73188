package fr.backoffice.clearing;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The keys of incoming credits (V5__clearing.sql), in plain SQL on a scratch schema migrated by Flyway as the service
 * does: (MsgId, TxId) is the replay key, a row without a TxId is one per (MsgId, EndToEndId), and a TxId is set once.
 */
class IncomingCreditKeysTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String SCHEMA = System.getenv().getOrDefault("BACKOFFICE_TEST_SCHEMA", "backoffice_test") + "_credits";
    private static final String WITHOUT_TX_ID = """
            insert into incoming_credit (message_id, end_to_end_id, received_at, received_by, amount, creditor_iban,
                                         return_reason)
            values ('STET-1', 'NOTPROVIDED', now(), 'admin-1', %s, 'FR7630006000011234567890189', 'AC01')""";
    private static final String WITH_TX_ID = """
            insert into incoming_credit (message_id, transaction_id, end_to_end_id, received_at, received_by, amount,
                                         creditor_iban, return_reason)
            values ('STET-2', '%s', '%s', now(), 'admin-1', 1.00, 'FR7630006000011234567890189', 'AC01')""";

    @BeforeEach
    @AfterEach
    void dropScratchSchema() throws SQLException {
        try (Connection sql = DriverManager.getConnection(URL, "postgres", ""); Statement statement = sql.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    private static Connection migrated() throws SQLException {
        Flyway.configure().dataSource(URL, "postgres", "").schemas(SCHEMA).locations("classpath:db/migration")
                // no such role: the grants are skipped (RuntimeRoleTest checks them)
                .placeholders(Map.of("runtime_role", "no_such_role_" + SCHEMA)).load().migrate();
        return DriverManager.getConnection(URL + "?currentSchema=" + SCHEMA, "postgres", "");
    }

    @Test
    void one_end_to_end_id_may_carry_several_tx_ids_but_a_tx_id_is_taken_in_once() throws SQLException {
        try (Connection sql = migrated(); Statement statement = sql.createStatement()) {
            statement.execute(WITH_TX_ID.formatted("T1", "NOTPROVIDED"));
            statement.execute(WITH_TX_ID.formatted("T2", "NOTPROVIDED"));
            assertThatThrownBy(() -> statement.execute(WITH_TX_ID.formatted("T1", "OTHER")))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
    }

    @Test
    void a_row_without_a_tx_id_is_one_per_end_to_end_id() throws SQLException {
        try (Connection sql = migrated(); Statement statement = sql.createStatement()) {
            statement.execute(WITHOUT_TX_ID.formatted("100.00"));
            assertThatThrownBy(() -> statement.execute(WITHOUT_TX_ID.formatted("5.00")))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
    }

    @Test
    void a_tx_id_is_set_once_on_a_row_without_one_and_never_changed_or_cleared() throws SQLException {
        try (Connection sql = migrated(); Statement statement = sql.createStatement()) {
            statement.execute(WITHOUT_TX_ID.formatted("100.00"));
            assertThat(statement.executeUpdate("update incoming_credit set transaction_id = 'T1' where message_id = 'STET-1'"))
                    .isEqualTo(1);
            for (String change : new String[]{"transaction_id = 'T2'", "transaction_id = null", "amount = 1"}) {
                assertThatThrownBy(() -> statement.executeUpdate("update incoming_credit set " + change))
                        .as(change).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23001"));
            }
        }
    }
}
