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

/** V5 keeps the records V4 sealed verifiable, and new records extend their chain. In a schema of its own. */
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

            List<Map<String, Object>> rows = Trail.rows(database, "select seq, chain_seq, at, actor, roles, action, "
                    + "resource_type, resource_id, outcome, request_id, prev_hash, hash from " + schema + ".audit_record order by chain_seq");
            AuditChain.Verifier verifier = new AuditChain.Verifier();
            for (Map<String, Object> row : rows) {
                assertThat(row.get("chain_seq")).isEqualTo(row.get("seq"));
                verifier.accept(new AuditRecord((Long) row.get("seq"), (Long) row.get("chain_seq"),
                                ((Timestamp) row.get("at")).toInstant(), (String) row.get("actor"), (String) row.get("roles"),
                                (String) row.get("action"), (String) row.get("resource_type"), (String) row.get("resource_id"),
                                (String) row.get("outcome"), (String) row.get("request_id")),
                        (String) row.get("prev_hash"), (String) row.get("hash"));
            }
            assertThat(verifier.records()).isEqualTo(3);
            assertThat(verifier.firstBroken()).isNull();

            // a record written with the contract's statement takes the next seq, unsealed, with its transaction id
            Trail.update(database, "insert into " + schema + ".audit_record (at, actor, roles, action, resource_type, "
                            + "resource_id, outcome, request_id) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    Timestamp.from(Instant.now()), "admin-1", "admin", "POST /units", "unit", "U-4", "201 ACCEPTED", "r-4");
            Map<String, Object> added = Trail.rows(database, "select seq, chain_seq, tx is not null as has_tx, hash from "
                    + schema + ".audit_record where request_id = 'r-4'").get(0);
            assertThat(added).containsEntry("seq", 4L).containsEntry("has_tx", true);
            assertThat(added.get("chain_seq")).isNull();
            assertThat(added.get("hash")).isNull();
        } finally {
            Trail.update(database, "drop schema " + schema + " cascade");
        }
    }
}
