package fr.backoffice.common.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The least-privilege runtime role of R__runtime_role.sql: what the service does, and nothing that rewrites records. */
@QuarkusTest
class RuntimeRoleTest {

    @Inject
    AgroalDataSource database;

    @ConfigProperty(name = "test.schema")
    String schema;

    private Connection asRuntimeRole() throws SQLException {
        String role = "bo_runtime_" + schema;
        try (Connection owner = database.getConnection(); Statement sql = owner.createStatement()) {
            sql.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role + "') then "
                    + "create role " + role + " login; end if; end $$");
            sql.execute("select grant_runtime_role('" + role + "')");
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema, role, "");
    }

    @Test
    void the_runtime_role_does_what_the_service_does() throws Exception {
        try (Connection runtime = asRuntimeRole(); Statement sql = runtime.createStatement()) {
            sql.executeQuery("select count(*) from account").close();
            sql.executeQuery("select count(*) from ledger_entry").close();
            sql.executeQuery("select * from ledger_release(gen_random_uuid(), now())").close();
            sql.executeUpdate("delete from idempotency_key where created_at < now() - interval '100 years'");
            sql.executeQuery("select nextval('event_seq')").close();
            // a checkpoint is inserted by the service (the same statement inserts its event)
            sql.executeUpdate("insert into audit_checkpoint (chain_seq, head_hash, at, signature) select 1, '', now(), '' where false");
            // the clearing: files are written and acknowledged, incoming credits claimed
            sql.executeUpdate("insert into payment_file select * from payment_file where false");
            sql.executeUpdate("update payment_file set status = status, acknowledged_at = acknowledged_at, acknowledged_by = "
                    + "acknowledged_by, rejection_reason = rejection_reason, version = version where false");
            sql.executeQuery("select nextval('payment_file_number_seq')").close();
            sql.executeUpdate("insert into incoming_credit (message_id, transaction_id, end_to_end_id, received_at, received_by, "
                    + "amount, creditor_iban, operation_id, return_reason) select message_id, transaction_id, end_to_end_id, "
                    + "received_at, received_by, amount, creditor_iban, operation_id, return_reason from incoming_credit where false");
            sql.executeUpdate("update incoming_credit set transaction_id = transaction_id where false");
            // webhooks: endpoints and deliveries are created, changed and deleted; the fan-out locks and moves its position
            sql.executeUpdate("update webhook_endpoint set status = status where false");
            sql.executeUpdate("delete from webhook_endpoint where false");
            sql.executeUpdate("update webhook_delivery set attempts = attempts + 1 where false");
            sql.executeUpdate("delete from webhook_delivery where false");
            sql.executeQuery("select tx, seq from webhook_fanout where id = 1 for update").close();
            sql.executeUpdate("update webhook_fanout set tx = tx, seq = seq where false");
        }
    }

    @Test
    void the_runtime_role_cannot_rewrite_records_nor_empty_tables() throws Exception {
        try (Connection runtime = asRuntimeRole(); Statement sql = runtime.createStatement()) {
            for (String statement : new String[]{
                    "update ledger_entry set label = 'x' where false",
                    "delete from ledger_entry where false",
                    "truncate ledger_entry",
                    "update audit_record set actor = 'x' where false",
                    "delete from audit_record where false",
                    "truncate audit_record",
                    "update audit_seal set hash = hash where false",
                    "delete from audit_seal where false",
                    "truncate audit_seal",
                    "update audit_checkpoint set signature = '' where false",
                    "delete from audit_checkpoint where false",
                    "truncate audit_checkpoint",
                    "update event set data = '{}' where false",
                    "update payment_file set document = '' where false",
                    "update payment_file set sha256 = '' where false",
                    "delete from payment_file where false",
                    "update incoming_credit set operation_id = null where false",
                    "update incoming_credit set message_id = message_id where false",
                    "delete from incoming_credit where false",
                    "delete from event where false",
                    "delete from operation where false",
                    "alter table ledger_entry disable trigger ledger_entry_append_only",
                    "drop table idempotency_key",
                    "delete from webhook_fanout where false",
                    "insert into webhook_fanout (id, tx, seq) select 2, '0', 0 where false",
                    "truncate webhook_delivery"}) {
                assertThatThrownBy(() -> sql.execute(statement)).as(statement)
                        .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState())
                                .as(statement).isIn("42501"));
            }
        }
    }

    @Test
    void the_runtime_role_seals_audit_records_by_inserting_seals_and_can_update_no_column_of_either() throws Exception {
        try (Connection runtime = asRuntimeRole(); Statement sql = runtime.createStatement()) {
            sql.executeUpdate("insert into audit_seal (record_seq, chain_seq, prev_hash, hash) "
                    + "select record_seq, chain_seq, prev_hash, hash from audit_seal where false");
            for (String table : new String[]{"audit_record", "audit_seal"}) {
                List<String> columns = new ArrayList<>();
                try (ResultSet names = sql.executeQuery("select column_name from information_schema.columns "
                        + "where table_schema = current_schema() and table_name = '" + table + "' order by ordinal_position")) {
                    while (names.next()) {
                        columns.add(names.getString(1));
                    }
                }
                assertThat(columns).as(table).isNotEmpty();
                if (table.equals("audit_record")) {
                    assertThat(columns).as("the chain lives in audit_seal").doesNotContain("chain_seq", "prev_hash", "hash");
                }
                for (String column : columns) {
                    String statement = "update " + table + " set " + column + " = " + column + " where false";
                    assertThatThrownBy(() -> sql.execute(statement)).as(statement)
                            .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState())
                                    .as(statement).isEqualTo("42501"));
                }
            }
        }
    }
}
