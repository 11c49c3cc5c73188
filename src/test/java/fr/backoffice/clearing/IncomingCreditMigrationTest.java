package fr.backoffice.clearing;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V15 on a table that already holds credits (plain SQL on a scratch schema, migrated by Flyway as the service does):
 * the rows taken in under the key (MsgId, EndToEndId) stay, without a TxId, and still count as taken in.
 */
class IncomingCreditMigrationTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String SCHEMA = System.getenv().getOrDefault("BACKOFFICE_TEST_SCHEMA", "backoffice_test") + "_v15";

    @BeforeEach
    @AfterEach
    void dropScratchSchema() throws SQLException {
        try (Connection sql = DriverManager.getConnection(URL, "postgres", ""); Statement statement = sql.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    /** The schema as of {@code target}; the repeatable migrations are for the latest schema only (AuditMigrationTest). */
    private static Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(URL, "postgres", "").schemas(SCHEMA).locations("classpath:db/migration")
                // no such role: the grants are skipped (RuntimeRoleTest checks them)
                .placeholders(Map.of("runtime_role", "no_such_role_" + SCHEMA)).target(target);
        return ("latest".equals(target) ? configuration : configuration.repeatableSqlMigrationPrefix("not-now")).load();
    }

    /** The migration V15 follows (V14 when it exists). */
    private static String lastBefore15() {
        return Arrays.stream(flyway("latest").info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(MigrationVersion.fromVersion("15")) < 0)
                .max(Comparator.naturalOrder()).orElseThrow().getVersion();
    }

    @Test
    void credits_taken_in_before_v15_keep_their_rows_without_a_tx_id_and_one_per_end_to_end_id() throws SQLException {
        flyway(lastBefore15()).migrate();
        try (Connection sql = DriverManager.getConnection(URL + "?currentSchema=" + SCHEMA, "postgres", "");
             Statement statement = sql.createStatement()) {
            statement.execute("""
                    insert into incoming_credit (message_id, end_to_end_id, received_at, received_by, amount, creditor_iban,
                                                 return_reason)
                    values ('STET-1', 'NOTPROVIDED', now(), 'admin-1', 100.00, 'FR7630006000011234567890189', 'AC01'),
                           ('STET-1', 'E2E-2', now(), 'admin-1', 20.00, 'FR7630006000011234567890189', 'AC01')""");

            flyway("latest").migrate();

            try (ResultSet rows = statement.executeQuery(
                    "select message_id, end_to_end_id, transaction_id, id, amount from incoming_credit order by end_to_end_id")) {
                for (String endToEnd : new String[]{"E2E-2", "NOTPROVIDED"}) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString("end_to_end_id")).isEqualTo(endToEnd);
                    assertThat(rows.getString("transaction_id")).isNull();
                    assertThat(rows.getLong("id")).isPositive();
                }
                assertThat(rows.next()).isFalse();
            }
            // the old key still holds for the old rows
            assertThatThrownBy(() -> statement.execute("""
                    insert into incoming_credit (message_id, end_to_end_id, received_at, received_by, amount, creditor_iban,
                                                 return_reason)
                    values ('STET-1', 'NOTPROVIDED', now(), 'admin-1', 5.00, 'FR7630006000011234567890189', 'AC01')"""))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            // the new key: one EndToEndId, two TxIds
            statement.execute("""
                    insert into incoming_credit (message_id, transaction_id, end_to_end_id, received_at, received_by, amount,
                                                 creditor_iban, return_reason)
                    values ('STET-2', 'T1', 'NOTPROVIDED', now(), 'admin-1', 1.00, 'FR7630006000011234567890189', 'AC01'),
                           ('STET-2', 'T2', 'NOTPROVIDED', now(), 'admin-1', 1.00, 'FR7630006000011234567890189', 'AC01')""");
            assertThatThrownBy(() -> statement.execute("""
                    insert into incoming_credit (message_id, transaction_id, end_to_end_id, received_at, received_by, amount,
                                                 creditor_iban, return_reason)
                    values ('STET-2', 'T1', 'OTHER', now(), 'admin-1', 1.00, 'FR7630006000011234567890189', 'AC01')"""))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
    }

    @Test
    void a_tx_id_is_set_once_on_an_old_row_and_never_changed_or_cleared() throws SQLException {
        flyway("latest").migrate();
        try (Connection sql = DriverManager.getConnection(URL + "?currentSchema=" + SCHEMA, "postgres", "");
             Statement statement = sql.createStatement()) {
            statement.execute("""
                    insert into incoming_credit (message_id, end_to_end_id, received_at, received_by, amount, creditor_iban,
                                                 return_reason)
                    values ('STET-1', 'NOTPROVIDED', now(), 'admin-1', 100.00, 'FR7630006000011234567890189', 'AC01')""");
            assertThat(statement.executeUpdate("update incoming_credit set transaction_id = 'T1' where message_id = 'STET-1'"))
                    .isEqualTo(1);
            for (String change : new String[]{"transaction_id = 'T2'", "transaction_id = null", "amount = 1"}) {
                assertThatThrownBy(() -> statement.executeUpdate("update incoming_credit set " + change))
                        .as(change).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23001"));
            }
        }
    }
}
