package fr.backoffice.audit;

import fr.backoffice.audit.service.AuditChainer;
import fr.backoffice.audit.service.AuditCheckpoints;
import fr.backoffice.common.security.Roles;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signed checkpoints of the audit chain, through the API: the head is signed, listed and published in the feed, and
 * /audit/verify finds what the chain alone cannot (the newest records removed or rewritten with a recomputed hash)
 * and a checkpoint forged in the database. The test profile takes no checkpoint by the clock: each test takes its own.
 */
@QuarkusTest
class AuditCheckpointsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource database;

    @Inject
    AuditCheckpoints checkpoints;

    private static byte[] key() {
        return Base64.getDecoder().decode(ConfigProvider.getConfig().getValue("backoffice.audit.checkpoint-key", String.class));
    }

    private static void createUnits(int count) {
        String actor = "checkpointed-" + UUID.randomUUID();
        for (int i = 0; i < count; i++) {
            Api.as(Tokens.token(actor, null, Roles.ADMIN))
                    .body(Map.of("code", Fixtures.newUnitCode(), "name", "Checkpointed", "region", "R")).post("/units")
                    .then().statusCode(201);
        }
    }

    /** A checkpoint of a head that has records the last checkpoint does not cover. */
    private AuditCheckpoint freshCheckpoint() throws Exception {
        createUnits(2);
        Trail.verifyAllSealed();
        AuditCheckpoint checkpoint = checkpoints.take().await().atMost(PATIENCE);
        assertThat(checkpoint).isNotNull();
        return checkpoint;
    }

    private String storedHash(long chainSeq) throws Exception {
        return (String) Trail.rows(database, "select hash from audit_seal where chain_seq = ?", chainSeq).get(0).get("hash");
    }

    @Test
    void the_head_is_signed_listed_newest_first_and_published_in_the_feed() throws Exception {
        AuditCheckpoint older = freshCheckpoint();
        AuditCheckpoint checkpoint = freshCheckpoint();
        assertThat(checkpoint.chainSeq()).isGreaterThan(older.chainSeq());
        assertThat(checkpoint.headHash()).isEqualTo(storedHash(checkpoint.chainSeq()));

        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key(), "HmacSHA256"));
        String at = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC).format(checkpoint.at());
        String signature = HexFormat.of().formatHex(hmac.doFinal((checkpoint.chainSeq() + "|" + checkpoint.headHash() + "|" + at)
                .getBytes(StandardCharsets.UTF_8)));

        JsonPath listed = Api.as(Tokens.auditor()).queryParam("limit", 1).get("/audit/checkpoints")
                .then().statusCode(200).extract().jsonPath();
        assertThat(listed.getLong("items[0].chainSeq")).isEqualTo(checkpoint.chainSeq());
        assertThat(listed.getString("items[0].headHash")).isEqualTo(checkpoint.headHash());
        assertThat(listed.getString("items[0].signature")).isEqualTo(signature);
        assertThat(Instant.parse(listed.getString("items[0].at"))).isEqualTo(checkpoint.at());
        JsonPath next = Api.as(Tokens.admin()).queryParam("limit", 1).queryParam("after", listed.getString("nextCursor"))
                .get("/audit/checkpoints").then().statusCode(200).extract().jsonPath();
        assertThat(next.getLong("items[0].chainSeq")).isEqualTo(older.chainSeq());

        List<Map<String, Object>> published = Api.as(Tokens.auditor()).queryParam("types", "audit.checkpoint")
                .queryParam("limit", 200).get("/events").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(published).anySatisfy(event -> {
            assertThat(event.get("resource")).isEqualTo(Map.of("type", "audit-checkpoint", "id", Long.toString(checkpoint.chainSeq())));
            assertThat(((Map<?, ?>) event.get("data")).get("signature")).isEqualTo(signature);
        });

        assertThat(checkpoints.take().await().atMost(PATIENCE)).as("the head is already signed").isNull();
        for (String token : List.of(Tokens.agent("PAR-01"), Tokens.frontOffice(), Tokens.supervisor("PAR-01"))) {
            Api.as(token).get("/audit/checkpoints").then().statusCode(403);
        }
    }

    @Test
    void records_sealed_after_the_newest_checkpoint_are_counted_as_unanchored() throws Exception {
        AuditCheckpoint checkpoint = freshCheckpoint();
        JsonPath anchored = Trail.verifyAllSealed();
        assertThat(anchored.getBoolean("verified")).isTrue();
        assertThat(anchored.getLong("anchoredSeq")).isEqualTo(checkpoint.chainSeq());
        assertThat(anchored.getLong("checkpoints")).isPositive();
        assertThat(anchored.getString("firstBadCheckpoint")).isNull();

        createUnits(3);
        JsonPath later = Trail.verifyAllSealed();
        // under load the chainer may not have seen the new records yet when nothing is left unsealed: wait for them
        for (int i = 0; i < 100 && later.getLong("records") - checkpoint.chainSeq() < 3; i++) {
            Thread.sleep(50);
            later = Trail.verifyAllSealed();
        }
        assertThat(later.getLong("anchoredSeq")).isEqualTo(checkpoint.chainSeq());
        assertThat(later.getLong("unanchored")).isEqualTo(later.getLong("records") - checkpoint.chainSeq()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void the_newest_records_rewritten_or_removed_at_the_end_of_the_chain_no_longer_match_the_checkpoint() throws Exception {
        try (Connection chainer = database.getConnection()) {
            try {
                rewriteAndCutTheHead(checkpointOfTheHeadWhileSealingIsHeld(chainer));
            } finally {
                try (Statement unlock = chainer.createStatement()) {
                    unlock.execute("select pg_advisory_unlock_all()"); // the connection goes back to the pool, still open
                }
            }
        }
    }

    private void rewriteAndCutTheHead(AuditCheckpoint checkpoint) throws Exception {
        Map<String, Object> seal = Trail.rows(database, "select record_seq, chain_seq, prev_hash, hash from audit_seal "
                + "where chain_seq = ?", checkpoint.chainSeq()).get(0);
        Map<String, Object> head = Trail.rows(database, "select seq, tx::text as tx, at, actor, roles, action, resource_type, "
                + "resource_id, outcome, request_id from audit_record where seq = ?", seal.get("record_seq")).get(0);
        AuditRecord rewritten = new AuditRecord((Long) head.get("seq"), checkpoint.chainSeq(),
                ((Timestamp) head.get("at")).toInstant(), "mallory", (String) head.get("roles"),
                (String) head.get("action"), (String) head.get("resource_type"), (String) head.get("resource_id"),
                (String) head.get("outcome"), (String) head.get("request_id"));
        String recomputed = AuditChain.hash((String) seal.get("prev_hash"), rewritten);
        try {
            Trail.tamper(database, "update audit_record set actor = 'mallory' where seq = ?", head.get("seq"));
            Trail.tamper(database, "update audit_seal set hash = ? where record_seq = ?", recomputed, head.get("seq"));
            JsonPath tampered = Trail.verify();
            assertThat(tampered.getString("firstBrokenSeq")).as("the chain alone still holds").isNull();
            assertThat(tampered.getBoolean("verified")).isFalse();
            assertThat(tampered.getLong("firstBadCheckpoint")).isEqualTo(checkpoint.chainSeq());
        } finally {
            Trail.tamper(database, "update audit_record set actor = ? where seq = ?", head.get("actor"), head.get("seq"));
            Trail.tamper(database, "update audit_seal set hash = ? where record_seq = ?", seal.get("hash"), head.get("seq"));
        }
        assertThat(Trail.verify().getBoolean("verified")).isTrue();

        try {
            Trail.tamper(database, "delete from audit_record where seq = ?", head.get("seq"));
            Trail.tamper(database, "delete from audit_seal where record_seq = ?", head.get("seq"));
            JsonPath cut = Trail.verify();
            assertThat(cut.getString("firstBrokenSeq")).as("the chain alone still holds").isNull();
            assertThat(cut.getBoolean("verified")).isFalse();
            assertThat(cut.getLong("firstBadCheckpoint")).isEqualTo(checkpoint.chainSeq());
        } finally {
            try (Connection connection = database.getConnection();
                 PreparedStatement insert = connection.prepareStatement("insert into audit_record "
                    + "(seq, tx, at, actor, roles, action, resource_type, resource_id, outcome, request_id) "
                    + "values (?, ?::xid8, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 1;
                for (Object value : head.values()) {
                    insert.setObject(i++, value);
                }
                insert.executeUpdate();
            }
            Trail.update(database, "insert into audit_seal (record_seq, chain_seq, prev_hash, hash) values (?, ?, ?, ?)",
                    seal.values().toArray());
        }
        assertThat(Trail.verify().getBoolean("verified")).isTrue();
    }

    /**
     * Takes a checkpoint and keeps the chainer's lock on {@code session}, so nothing is sealed after the checkpointed
     * head until it is released; tries again if a record was sealed between the two.
     */
    private AuditCheckpoint checkpointOfTheHeadWhileSealingIsHeld(Connection session) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            AuditCheckpoint checkpoint = freshCheckpoint();
            try (Statement lock = session.createStatement()) {
                lock.execute("select pg_advisory_lock(" + AuditChainer.LOCK + ")");
                if (((Long) Trail.rows(database, "select max(chain_seq) as head from audit_seal").get(0).get("head"))
                        == checkpoint.chainSeq()) {
                    return checkpoint;
                }
                lock.execute("select pg_advisory_unlock(" + AuditChainer.LOCK + ")");
            }
        }
        throw new AssertionError("records kept being sealed after every checkpoint");
    }

    @Test
    void a_checkpoint_forged_in_the_database_fails_verification() throws Exception {
        freshCheckpoint();
        createUnits(1);
        Trail.verifyAllSealed();
        Map<String, Object> unanchored = Trail.rows(database, "select chain_seq, hash from audit_seal where chain_seq = "
                + "(select max(chain_seq) from audit_seal)").get(0);
        long chainSeq = (Long) unanchored.get("chain_seq");
        AuditCheckpoint forged = AuditCheckpoint.sign(chainSeq, (String) unanchored.get("hash"), Instant.now(),
                "a key the database can hold, not the service's".getBytes(StandardCharsets.US_ASCII));
        Trail.update(database, "insert into audit_checkpoint (chain_seq, head_hash, at, signature) values (?, ?, now(), ?)",
                chainSeq, forged.headHash(), forged.signature());
        try {
            JsonPath verification = Trail.verify();
            assertThat(verification.getBoolean("verified")).isFalse();
            assertThat(verification.getLong("firstBadCheckpoint")).isEqualTo(chainSeq);
            assertThat(verification.getLong("anchoredSeq")).isLessThan(chainSeq);
        } finally {
            Trail.tamper(database, "delete from audit_checkpoint where chain_seq = ?", chainSeq);
        }
        assertThat(Trail.verify().getBoolean("verified")).isTrue();
    }

    @Test
    void checkpoints_are_append_only_in_the_database() throws Exception {
        AuditCheckpoint checkpoint = freshCheckpoint();
        for (String statement : List.of("update audit_checkpoint set signature = repeat('0', 64) where chain_seq = ?",
                "update audit_checkpoint set at = now() where chain_seq = ?", "delete from audit_checkpoint where chain_seq = ?")) {
            assertThatThrownBy(() -> Trail.update(database, statement, checkpoint.chainSeq())).as(statement)
                    .hasMessageContaining("append-only");
        }
        assertThatThrownBy(() -> Trail.update(database, "truncate audit_checkpoint")).hasMessageContaining("append-only");
        assertThat(Trail.verify().getBoolean("verified")).isTrue();
    }
}
