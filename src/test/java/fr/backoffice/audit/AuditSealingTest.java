package fr.backoffice.audit;

import fr.backoffice.audit.service.AuditChainer;
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
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sealing off the request path: records are chained in the order of their transactions, never past one that may
 * still commit, each seal a row of {@code audit_seal} (the record is written once and never changed), and
 * GET /audit/verify finds a sealed record removed or altered, or its seal altered.
 */
@QuarkusTest
class AuditSealingTest {

    /** The statement other writers (the hot path) use: the contract of V2__events_and_audit.sql. */
    private static final String CONTRACT = "insert into audit_record "
            + "(at, actor, roles, action, resource_type, resource_id, outcome, request_id) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?)";
    /** A record as the request wrote it; it is never changed afterwards. */
    private static final String RECORD_COLUMNS = "seq, tx::text as tx, at, actor, roles, action, resource_type, "
            + "resource_id, outcome, request_id";
    /** A record's seal, a row of its own. */
    private static final String SEAL_COLUMNS = "record_seq, chain_seq, prev_hash, hash";

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

    /** The seal just below the newest, so that sealed records lie on both sides of its record. */
    private Map<String, Object> sealBetweenOthers() throws Exception {
        List<Map<String, Object>> rows = Trail.rows(database, "select " + SEAL_COLUMNS + " from audit_seal "
                + "where chain_seq = (select max(chain_seq) - 1 from audit_seal)");
        assertThat(rows).hasSize(1);
        assertThat((Long) rows.get(0).get("chain_seq")).isGreaterThan(1);
        return rows.get(0);
    }

    private Map<String, Object> recordOf(Map<String, Object> seal) throws Exception {
        List<Map<String, Object>> rows = Trail.rows(database, "select " + RECORD_COLUMNS + " from audit_record where seq = ?",
                seal.get("record_seq"));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** How the record's row stands in the heap: rewriting it, even only to lock it, changes one of these. */
    private Map<String, Object> rowVersion(Object seq) throws Exception {
        return Trail.rows(database, "select xmin::text as xmin, xmax::text as xmax, ctid::text as ctid from audit_record "
                + "where seq = ?", seq).get(0);
    }

    private long updatesOfAuditRecords() throws Exception {
        return (Long) Trail.rows(database, "select n_tup_upd from pg_stat_user_tables where schemaname = current_schema() "
                + "and relname = 'audit_record'").get(0).get("n_tup_upd");
    }

    @Test
    void a_sealed_record_removed_from_between_others_breaks_the_chain_after_it() throws Exception {
        sealedChain();
        Map<String, Object> seal = sealBetweenOthers();
        Map<String, Object> removed = recordOf(seal);
        long place = (Long) seal.get("chain_seq");
        assertThat(Trail.tamper(database, "delete from audit_record where seq = ?", removed.get("seq"))).isEqualTo(1);
        try {
            JsonPath tampered = Trail.verify();
            assertThat(tampered.getBoolean("verified")).isFalse();
            assertThat(tampered.getLong("firstBrokenSeq")).as("its seal left alone").isEqualTo(place + 1);
            assertThat(Trail.tamper(database, "delete from audit_seal where record_seq = ?", removed.get("seq"))).isEqualTo(1);
            JsonPath withItsSeal = Trail.verify();
            assertThat(withItsSeal.getBoolean("verified")).isFalse();
            assertThat(withItsSeal.getLong("firstBrokenSeq")).as("its seal removed too").isEqualTo(place + 1);
        } finally {
            restore(removed, seal); // other test classes share this database
        }
        assertThat(Trail.verify().getBoolean("verified")).isTrue();
    }

    @Test
    void audit_records_and_their_seals_are_append_only_in_the_database() throws Exception {
        sealedChain();
        Map<String, Object> seal = sealBetweenOthers();
        Object seq = seal.get("record_seq");
        for (String statement : List.of("update audit_record set actor = 'mallory' where seq = ?",
                "update audit_record set tx = tx where seq = ?", "delete from audit_record where seq = ?",
                "update audit_seal set hash = repeat('0', 64) where record_seq = ?",
                "update audit_seal set chain_seq = chain_seq where record_seq = ?",
                "delete from audit_seal where record_seq = ?")) {
            assertThatThrownBy(() -> Trail.update(database, statement, seq)).as(statement)
                    .hasMessageContaining("append-only");
        }
        assertThatThrownBy(() -> Trail.update(database, "truncate audit_record")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> Trail.update(database, "truncate audit_seal")).hasMessageContaining("append-only");
        assertThat(Trail.verify().getBoolean("verified")).isTrue();
    }

    @Test
    void a_sealed_record_altered_in_the_database_is_found() throws Exception {
        sealedChain();
        Map<String, Object> seal = sealBetweenOthers();
        Map<String, Object> altered = recordOf(seal);
        long place = (Long) seal.get("chain_seq");
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
    void a_seal_altered_in_the_database_is_found() throws Exception {
        sealedChain();
        Map<String, Object> seal = sealBetweenOthers();
        long place = (Long) seal.get("chain_seq");
        try {
            assertThat(Trail.tamper(database, "update audit_seal set hash = repeat('a', 64) where record_seq = ?",
                    seal.get("record_seq"))).isEqualTo(1);
            JsonPath tampered = Trail.verify();
            assertThat(tampered.getBoolean("verified")).isFalse();
            assertThat(tampered.getLong("firstBrokenSeq")).isEqualTo(place);
        } finally {
            Trail.tamper(database, "update audit_seal set hash = ? where record_seq = ?", seal.get("hash"), seal.get("record_seq"));
        }
        assertThat(Trail.verify().getBoolean("verified")).isTrue();
    }

    @Test
    void a_record_is_written_once_sealing_adds_a_row_of_its_own_and_never_touches_the_record() throws Exception {
        String actor = "written-once-" + UUID.randomUUID();
        String requestId = "once-" + UUID.randomUUID();
        Map<String, Object> before;
        long updatesBefore;
        try (Connection chainer = database.getConnection(); Statement lock = chainer.createStatement()) {
            // nothing is sealed while this session holds the chainer's lock
            lock.execute("select pg_advisory_lock(" + AuditChainer.LOCK + ")");
            try {
                createUnit(actor, requestId);
                Map<String, Object> unsealed = Trail.recordOf(actor, requestId);
                assertThat(unsealed.get("chainSeq")).isNull();
                before = rowVersion(unsealed.get("seq"));
                assertThat(before.get("xmax")).isEqualTo("0");
                updatesBefore = updatesOfAuditRecords();
            } finally {
                lock.execute("select pg_advisory_unlock(" + AuditChainer.LOCK + ")");
            }
        }

        Map<String, Object> sealed = Trail.sealedRecordOf(actor, requestId);
        long seq = ((Number) sealed.get("seq")).longValue();
        assertThat(rowVersion(seq)).as("the same row version, neither rewritten nor locked").isEqualTo(before);
        Map<String, Object> seal = Trail.rows(database, "select " + SEAL_COLUMNS + " from audit_seal where record_seq = ?", seq)
                .get(0);
        assertThat(seal.get("chain_seq")).isEqualTo(((Number) sealed.get("chainSeq")).longValue());
        assertThat((String) seal.get("hash")).matches("[0-9a-f]{64}");
        Thread.sleep(1_500); // the chainer's connection reports its counters at most once a second
        assertThat(updatesOfAuditRecords()).as("audit_record rows updated across a sealing round").isEqualTo(updatesBefore);

        // and the verification still finds the record changed behind its seal
        JsonPath verification = Trail.verifyAllSealed();
        assertThat(verification.getBoolean("verified")).isTrue();
        try {
            assertThat(Trail.tamper(database, "update audit_record set outcome = '200 ACCEPTED' where seq = ?", seq)).isEqualTo(1);
            JsonPath tampered = Trail.verify();
            assertThat(tampered.getBoolean("verified")).isFalse();
            assertThat(tampered.getLong("firstBrokenSeq")).isEqualTo(seal.get("chain_seq"));
        } finally {
            Trail.tamper(database, "update audit_record set outcome = ? where seq = ?", sealed.get("outcome"), seq);
        }
        assertThat(Trail.verify().getBoolean("verified")).isTrue();
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

    /** Puts a removed record and its seal back exactly as they were. */
    private void restore(Map<String, Object> record, Map<String, Object> seal) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into audit_record ("
                     + RECORD_COLUMNS.replace("::text as tx", "") + ") values (?, ?::xid8, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            for (Object value : record.values()) {
                insert.setObject(i++, value);
            }
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        if (Trail.rows(database, "select 1 from audit_seal where record_seq = ?", seal.get("record_seq")).isEmpty()) {
            assertThat(Trail.update(database, "insert into audit_seal (" + SEAL_COLUMNS + ") values (?, ?, ?, ?)",
                    seal.values().toArray())).isEqualTo(1);
        }
    }
}
