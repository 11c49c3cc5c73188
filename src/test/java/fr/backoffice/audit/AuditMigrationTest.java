package fr.backoffice.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V5 keeps the records V4 sealed verifiable, and new records extend their chain; V20 moves the seals into audit_seal
 * unchanged. Each in a schema of its own.
 */
@QuarkusTest
class AuditMigrationTest {

    @Inject
    AgroalDataSource database;

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The schema as of {@code target}; the repeatable R__ migrations are for the latest schema only (they name its
     * tables), so an older target leaves them out.
     */
    private Flyway flyway(String schema, String target) {
        var configuration = Flyway.configure().dataSource(database).locations("filesystem:src/main/resources/db/migration")
                .schemas(schema).target(target).cleanDisabled(false)
                .placeholders(Map.of("runtime_role", "backoffice_app"));
        return ("latest".equals(target) ? configuration : configuration.repeatableSqlMigrationPrefix("not-now")).load();
    }

    @Test
    void records_sealed_by_v4_verify_after_v5_and_new_ones_follow_them() throws Exception {
        String schema = ConfigProvider.getConfig().getValue("test.schema", String.class) + "_v4";
        Flyway v4 = flyway(schema, "4");
        v4.clean();
        v4.migrate();
        try {
            // three records as V4 appended them: seq 1, 2, 3, hash = SHA-256(prev || seq|at|actor|...)
            String prev = AuditChain.GENESIS;
            for (int seq = 1; seq <= 3; seq++) {
                Instant at = Instant.parse("2026-11-28T09:15:00.123456Z").plusSeconds(seq);
                String canonical = seq + "|2026-11-28T09:15:0" + seq + ".123456Z|agent-" + seq + "|agent|POST /units|unit|U-"
                        + seq + "|201 ACCEPTED|r-" + seq;
                String hash = sha256(prev + canonical);
                Trail.update(database, "insert into " + schema + ".audit_record (seq, at, actor, roles, action, resource_type, "
                                + "resource_id, outcome, request_id, prev_hash, hash) values (?, ?, ?, 'agent', 'POST /units', "
                                + "'unit', ?, '201 ACCEPTED', ?, ?, ?)",
                        seq, Timestamp.from(at), "agent-" + seq, "U-" + seq, "r-" + seq, prev, hash);
                prev = hash;
            }

            flyway(schema, "latest").migrate();

            List<Map<String, Object>> rows = sealedChain(schema);
            AuditChain.Verifier verifier = verify(rows);
            rows.forEach(row -> assertThat(row.get("chain_seq")).isEqualTo(row.get("seq")));
            assertThat(verifier.records()).isEqualTo(3);
            assertThat(verifier.firstBroken()).isNull();

            // a record written with the contract's statement takes the next seq, unsealed, with its transaction id
            Trail.update(database, "insert into " + schema + ".audit_record (at, actor, roles, action, resource_type, "
                            + "resource_id, outcome, request_id) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    Timestamp.from(Instant.now()), "admin-1", "admin", "POST /units", "unit", "U-4", "201 ACCEPTED", "r-4");
            Map<String, Object> added = Trail.rows(database, "select a.seq, s.chain_seq, a.tx is not null as has_tx, s.hash from "
                    + schema + ".audit_record a left join " + schema + ".audit_seal s on s.record_seq = a.seq "
                    + "where a.request_id = 'r-4'").get(0);
            assertThat(added).containsEntry("seq", 4L).containsEntry("has_tx", true);
            assertThat(added.get("chain_seq")).isNull();
            assertThat(added.get("hash")).isNull();
        } finally {
            Trail.update(database, "drop schema " + schema + " cascade");
        }
    }

    /** The sealed records of a schema with their seals, in chain order. */
    private List<Map<String, Object>> sealedChain(String schema) throws Exception {
        return Trail.rows(database, "select a.seq, s.chain_seq, a.at, a.actor, a.roles, a.action, a.resource_type, "
                + "a.resource_id, a.outcome, a.request_id, s.prev_hash, s.hash from " + schema + ".audit_seal s join "
                + schema + ".audit_record a on a.seq = s.record_seq order by s.chain_seq");
    }

    private static AuditChain.Verifier verify(List<Map<String, Object>> rows) {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        for (Map<String, Object> row : rows) {
            verifier.accept(record(row), (String) row.get("prev_hash"), (String) row.get("hash"));
        }
        return verifier;
    }

    private static AuditRecord record(Map<String, Object> row) {
        return new AuditRecord((Long) row.get("seq"), (Long) row.get("chain_seq"), ((Timestamp) row.get("at")).toInstant(),
                (String) row.get("actor"), (String) row.get("roles"), (String) row.get("action"),
                (String) row.get("resource_type"), (String) row.get("resource_id"), (String) row.get("outcome"),
                (String) row.get("request_id"));
    }

    @Test
    void v20_moves_the_seals_into_audit_seal_and_leaves_the_records_as_they_were_written() throws Exception {
        String schema = ConfigProvider.getConfig().getValue("test.schema", String.class) + "_v18";
        Flyway v18 = flyway(schema, "18");
        v18.clean();
        v18.migrate();
        try {
            // four records written with V5's contract; the first three sealed as the chainer did until V20 (an UPDATE)
            for (int i = 1; i <= 4; i++) {
                Trail.update(database, "insert into " + schema + ".audit_record (at, actor, roles, action, resource_type, "
                                + "resource_id, outcome, request_id) values (?, ?, 'admin', 'POST /units', 'unit', ?, '201 ACCEPTED', ?)",
                        Timestamp.from(Instant.parse("2026-12-01T09:15:00.123456Z").plusSeconds(i)), "admin-" + i, "U-" + i,
                        "r-" + i);
            }
            List<Map<String, Object>> written = Trail.rows(database, "select seq, null::bigint as chain_seq, at, actor, roles, "
                    + "action, resource_type, resource_id, outcome, request_id from " + schema + ".audit_record order by tx, seq");
            String prev = AuditChain.GENESIS;
            for (int place = 1; place <= 3; place++) {
                Map<String, Object> row = written.get(place - 1);
                String hash = AuditChain.hash(prev, record(row).inChain(place));
                assertThat(Trail.update(database, "update " + schema + ".audit_record set chain_seq = ?, prev_hash = ?, hash = ? "
                        + "where seq = ?", (long) place, prev, hash, row.get("seq"))).isEqualTo(1);
                prev = hash;
            }

            flyway(schema, "latest").migrate();

            List<Map<String, Object>> chain = sealedChain(schema);
            assertThat(chain).extracting(row -> row.get("chain_seq")).containsExactly(1L, 2L, 3L);
            assertThat(verify(chain).firstBroken()).isNull();
            assertThat(chain.get(2).get("hash")).isEqualTo(prev);
            assertThat(Trail.rows(database, "select column_name from information_schema.columns where table_schema = ? "
                    + "and table_name = 'audit_record'", schema)).extracting(row -> row.get("column_name"))
                    .contains("seq", "tx", "actor").doesNotContain("chain_seq", "prev_hash", "hash");
            assertThat(Trail.rows(database, "select indexname from pg_indexes where schemaname = ? and tablename = 'audit_record'",
                    schema)).extracting(row -> row.get("indexname"))
                    .contains("audit_record_chain_order_idx").doesNotContain("audit_record_unsealed_idx");
            // the fourth is unsealed: the first record after the last seal in chain order (tx, seq)
            assertThat(Trail.rows(database, "select a.request_id from " + schema + ".audit_record a where (a.tx, a.seq) > "
                    + "(select r.tx, r.seq from " + schema + ".audit_seal s join " + schema + ".audit_record r "
                    + "on r.seq = s.record_seq order by s.chain_seq desc limit 1) order by a.tx, a.seq"))
                    .extracting(row -> row.get("request_id")).containsExactly("r-4");
            // and no record can be changed any more, not even to seal it
            assertThatThrownBy(() -> Trail.update(database, "update " + schema + ".audit_record set actor = actor "
                    + "where request_id = 'r-4'")).hasMessageContaining("append-only");
        } finally {
            Trail.update(database, "drop schema " + schema + " cascade");
        }
    }
}
