package fr.backoffice.audit;

import fr.backoffice.common.security.Roles;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sealing off the request path: records are chained in the order of their transactions, never past one that may
 * still commit, and GET /audit/verify finds a sealed record removed or altered.
 */
@QuarkusTest
class AuditSealingTest {

    /** The statement other writers (the hot path) use: V5's contract. */
    private static final String CONTRACT = "insert into audit_record "
            + "(at, actor, roles, action, resource_type, resource_id, outcome, request_id) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ALL_COLUMNS = "seq, tx::text as tx, chain_seq, at, actor, roles, action, resource_type, "
            + "resource_id, outcome, request_id, prev_hash, hash";

    @Inject
    AgroalDataSource database;

    private void createUnit(String actor, String requestId) {
        Api.as(Tokens.token(actor, null, Roles.ADMIN)).header("X-Request-Id", requestId)
                .body(Map.of("code", Fixtures.newUnitCode(), "name", "Sealed", "region", "R")).post("/units")
                .then().statusCode(201);
    }

    /** A sealed chain of at least three records, all committed ones sealed. */
    private JsonPath sealedChain() throws Exception {
        String actor = "sealer-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            createUnit(actor, "chain-" + i + "-" + UUID.randomUUID());
        }
        JsonPath verification = Trail.verifyAllSealed();
        assertThat(verification.getBoolean("verified")).isTrue();
        assertThat(verification.getLong("records")).isGreaterThanOrEqualTo(3).isEqualTo(verification.getLong("sealed"));
        assertThat(verification.getString("firstBrokenSeq")).isNull();
        return verification;
    }

    /** The sealed record just below the newest, so that sealed ones lie on both sides of it. */
    private Map<String, Object> sealedRecordBetweenOthers() throws Exception {
        List<Map<String, Object>> rows = Trail.rows(database, "select " + ALL_COLUMNS + " from audit_record "
                + "where chain_seq = (select max(chain_seq) - 1 from audit_record)");
        assertThat(rows).hasSize(1);
        assertThat((Long) rows.get(0).get("chain_seq")).isGreaterThan(1);
        return rows.get(0);
    }

    @Test
    void a_sealed_record_removed_from_between_others_breaks_the_chain_after_it() throws Exception {
        sealedChain();
        Map<String, Object> removed = sealedRecordBetweenOthers();
        long place = (Long) removed.get("chain_seq");
        assertThat(Trail.tamper(database, "delete from audit_record where seq = ?", removed.get("seq"))).isEqualTo(1);
        try {
            JsonPath tampered = Trail.verify();
            assertThat(tampered.getBoolean("verified")).isFalse();
            assertThat(tampered.getLong("firstBrokenSeq")).isEqualTo(place + 1);
        } finally {
            restore(removed); // other test classes share this database
        }
        assertThat(Trail.verify().getBoolean("verified")).isTrue();
    }

    @Test
    void audit_records_are_append_only_in_the_database() throws Exception {
        sealedChain();
        Map<String, Object> sealed = sealedRecordBetweenOthers();
        for (String statement : List.of("update audit_record set actor = 'mallory' where seq = ?",
                "update audit_record set hash = repeat('0', 64) where seq = ?", "delete from audit_record where seq = ?")) {
            assertThatThrownBy(() -> Trail.update(database, statement, sealed.get("seq"))).as(statement)
                    .hasMessageContaining("append-only");
        }
        assertThatThrownBy(() -> Trail.update(database, "truncate audit_record")).hasMessageContaining("append-only");
        assertThat(Trail.verify().getBoolean("verified")).isTrue();
    }

    @Test
    void a_sealed_record_altered_in_the_database_is_found() throws Exception {
        sealedChain();
        Map<String, Object> altered = sealedRecordBetweenOthers();
        long place = (Long) altered.get("chain_seq");
        try {
            assertThat(Trail.tamper(database, "update audit_record set actor = 'mallory' where seq = ?", altered.get("seq")))
                    .isEqualTo(1);
            JsonPath tampered = Trail.verify();
            assertThat(tampered.getBoolean("verified")).isFalse();
            assertThat(tampered.getLong("firstBrokenSeq")).isEqualTo(place);
        } finally {
            Trail.tamper(database, "update audit_record set actor = ? where seq = ?", altered.get("actor"), altered.get("seq"));
        }
        assertThat(Api.as(Tokens.admin()).get("/audit/verify").then().statusCode(200).extract().jsonPath()
                .getBoolean("verified")).isTrue();
    }

    @Test
    void no_record_is_sealed_past_one_whose_transaction_is_still_open_and_it_takes_its_place_once_committed()
            throws Exception {
        String actor = "horizon-" + UUID.randomUUID();
        String openId = "open-" + UUID.randomUUID();
        String laterId = "later-" + UUID.randomUUID();
        try (Connection open = database.getConnection()) {
            open.setAutoCommit(false);
            try (PreparedStatement insert = open.prepareStatement(CONTRACT)) {
                insert.setTimestamp(1, Timestamp.from(Instant.now()));
                insert.setString(2, actor);
                insert.setString(3, "x".repeat(400)); // over-long values are cut, never refused
                insert.setString(4, "POST /operations");
                insert.setString(5, "operation");
                insert.setString(6, null);
                insert.setString(7, "201 ACCEPTED");
                insert.setString(8, openId);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            // a later request commits while the first transaction is still open
            createUnit(actor, laterId);
            Map<String, Object> recorded = Trail.recordOf(actor, laterId);
            Thread.sleep(1_000); // ten sealing runs at least (every 100 ms in the test profile)

            assertThat(Trail.recordOf(actor, laterId).get("chainSeq")).isNull();
            JsonPath waiting = Trail.verify();
            assertThat(waiting.getLong("unsealed")).isPositive();
            assertThat(waiting.getBoolean("verified")).isTrue();
            assertThat(((Number) recorded.get("seq")).longValue()).isPositive();

            open.commit();
        }

        Map<String, Object> first = Trail.sealedRecordOf(actor, openId);
        Map<String, Object> later = Trail.sealedRecordOf(actor, laterId);
        // chained in the order of their transactions: the one that began first comes first, though it committed last
        assertThat(((Number) first.get("chainSeq")).longValue()).isLessThan(((Number) later.get("chainSeq")).longValue());
        assertThat((String) first.get("roles")).hasSize(255).startsWith("xxxx").matches(".*…\\[sha256:[0-9a-f]{16}]$");
        assertThat(first.get("resourceId")).isNull();
        assertThat(Trail.verifyAllSealed().getBoolean("verified")).isTrue();
    }

    /** Puts a removed row back exactly as it was. */
    private void restore(Map<String, Object> row) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into audit_record (" + ALL_COLUMNS.replace("::text as tx", "")
                     + ") values (?, ?::xid8, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            for (Object value : row.values()) {
                insert.setObject(i++, value);
            }
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }
}
