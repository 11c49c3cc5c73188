package fr.backoffice.ledger;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GET /ledger/verify: what the ledger stores, recomputed from its append-only entries. */
@QuarkusTest
class LedgerVerificationTest {

    @Inject
    AgroalDataSource database;

    static JsonPath verify() {
        return Api.as(Tokens.auditor()).get("/ledger/verify").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_balanced_pair_of_entries_forged_on_an_existing_operation_is_found() throws Exception {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        String operation = Ledgers.submit(Tokens.frontOffice(), Ledgers.transfer(from, to, "10.00")).getString("id");
        assertThat(verify().getBoolean("verified")).as("a ledger nobody tampered with").isTrue();

        List<UUID> forged = List.of(UUID.randomUUID(), UUID.randomUUID());
        try (Connection connection = database.getConnection()) {
            // the pair sums to zero, so the database's own check at commit lets it through
            connection.setAutoCommit(false);
            forge(connection, forged.get(0), operation, from, "-5.00");
            forge(connection, forged.get(1), operation, to, "5.00");
            connection.commit();
            connection.setAutoCommit(true);
            try {
                JsonPath report = verify();
                assertThat(report.getBoolean("verified")).isFalse();
                List<Map<String, String>> listed = report.getList("listed");
                assertThat(listed).extracting(d -> d.get("kind") + " " + d.get("subject")).contains(
                        "ACCOUNT_BALANCE " + from, "ACCOUNT_BALANCE " + to, "OPERATION_ENTRIES " + operation,
                        "OPERATION_ACCOUNT_MOVE " + operation + "/" + from, "OPERATION_ACCOUNT_MOVE " + operation + "/" + to);
                assertThat(listed).filteredOn(d -> ("OPERATION_ENTRIES " + operation).equals(d.get("kind") + " " + d.get("subject")))
                        .singleElement().satisfies(d -> {
                            assertThat(d.get("expected")).isEqualTo("10.000");
                            assertThat(d.get("actual")).isEqualTo("15.000");
                        });
                assertThat(RestAssured.get("/q/metrics").asString()).containsPattern("backoffice_ledger_differences [1-9]");
            } finally {
                undo(connection, forged);
            }
        }
        assertThat(verify().getBoolean("verified")).isTrue();
    }

    @Test
    void the_ledger_cannot_be_emptied_with_truncate() throws Exception {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.execute("truncate ledger_entry cascade"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    private static void forge(Connection connection, UUID id, String operation, String account, String amount)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into ledger_entry (id, operation_id, account_id, currency, amount, balance_after, account_seq,
                                          posted_at, value_date, label)
                values (?, ?, ?, 'EUR', ?::numeric, 0, 1000000 + (random() * 1000000)::int, now(), current_date, 'forged')""")) {
            insert.setObject(1, id);
            insert.setObject(2, UUID.fromString(operation));
            insert.setObject(3, UUID.fromString(account));
            insert.setString(4, amount);
            insert.executeUpdate();
        }
    }

    /** Entries are append-only: only the table's owner, with the trigger off, can take the forgery back. */
    private static void undo(Connection connection, List<UUID> forged) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("alter table ledger_entry disable trigger ledger_entry_append_only");
            try (PreparedStatement delete = connection.prepareStatement("delete from ledger_entry where id = any(?)")) {
                delete.setArray(1, connection.createArrayOf("uuid", forged.toArray()));
                delete.executeUpdate();
            } finally {
                sql.execute("alter table ledger_entry enable trigger ledger_entry_append_only");
            }
        }
    }
}
