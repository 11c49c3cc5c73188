package fr.backoffice.audit.service;

import fr.backoffice.common.config.BackOfficeConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.audit.AuditCheckpoint;
import fr.backoffice.common.Ids;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes, lists and checks the audit chain's signed checkpoints (see V2__events_and_audit.sql). The chainer takes
 * one after sealing when {@code backoffice.audit.checkpoint-every} has passed since the last one (or since this
 * instance started) and the head has moved; it holds the chainer's advisory lock meanwhile, so the head cannot move
 * under it and two instances never sign the same head. A checkpoint and its {@code audit.checkpoint} event commit
 * together.
 *
 * <p>The key ({@code backoffice.audit.checkpoint-key}, base64, at least 32 bytes) is read when the service starts:
 * a service without a valid one does not start.
 */
@Startup
@ApplicationScoped
public class AuditCheckpoints {

    private static final String COLUMNS = "chain_seq, head_hash, at, signature";
    private static final int VERIFY_PAGE = 1000;

    private final Pool pool;

    private final TimeSource time;

    private final ObjectMapper json;

    private final BackOfficeConfig config;

    public AuditCheckpoints(Pool pool, TimeSource time, ObjectMapper json, BackOfficeConfig config) {
        this.pool = pool;
        this.time = time;
        this.json = json;
        this.config = config;
    }

    private byte[] key;
    private Instant started;

    @PostConstruct
    void readKey() {
        try {
            key = AuditCheckpoint.key(config.audit().checkpointKey());
        } catch (IllegalArgumentException unusable) {
            throw new IllegalStateException("BACKOFFICE_AUDIT_CHECKPOINT_KEY: " + unusable.getMessage(), unusable);
        }
        started = time.now();
    }

    /** A checkpoint of the head when one is due and the head moved since the last; null otherwise or without the lock. */
    public Uni<AuditCheckpoint> takeIfDue() {
        return pool.withTransaction(connection -> connection.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(AuditChainer.LOCK))
                .flatMap(locked -> locked.iterator().next().getBoolean(0) ? take(connection, false) : Uni.createFrom().nullItem()));
    }

    /** A checkpoint of the head now, waiting for the chainer's lock; null when the head is already checkpointed. */
    public Uni<AuditCheckpoint> take() {
        return pool.withTransaction(connection -> connection.preparedQuery("select pg_advisory_xact_lock($1)")
                .execute(Tuple.of(AuditChainer.LOCK))
                .flatMap(locked -> take(connection, true)));
    }

    private Uni<AuditCheckpoint> take(SqlConnection connection, boolean now) {
        return connection.query("select h.chain_seq, h.hash, c.chain_seq as checkpointed, c.at as checkpointed_at from "
                        + "(select chain_seq, hash from audit_seal order by chain_seq desc limit 1) h "
                        + "left join lateral (select chain_seq, at from audit_checkpoint order by chain_seq desc limit 1) c on true")
                .execute()
                .flatMap(heads -> {
                    if (heads.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row head = heads.iterator().next();
                    long chainSeq = head.getLong("chain_seq");
                    Long checkpointed = head.getLong("checkpointed");
                    Instant at = time.now();
                    Instant since = checkpointed == null ? started : head.getOffsetDateTime("checkpointed_at").toInstant();
                    boolean due = now || !at.isBefore(since.plus(config.audit().checkpointEvery()));
                    if (!due || (checkpointed != null && checkpointed >= chainSeq)) {
                        return Uni.createFrom().nullItem();
                    }
                    return insert(connection, AuditCheckpoint.sign(chainSeq, head.getString("hash"), at, key));
                });
    }

    private Uni<AuditCheckpoint> insert(SqlConnection connection, AuditCheckpoint checkpoint) {
        EventType type = EventType.AUDIT_CHECKPOINT;
        Tuple args = Tuple.of(checkpoint.chainSeq(), checkpoint.headHash(), checkpoint.at().atOffset(ZoneOffset.UTC),
                checkpoint.signature());
        args.addUUID(Ids.newId()).addString(type.type()).addString(type.resourceType())
                .addString(Long.toString(checkpoint.chainSeq())).addString(write(checkpoint));
        return connection.preparedQuery("with checkpoint as (insert into audit_checkpoint (" + COLUMNS + ") "
                        + "values ($1, $2, $3, $4)) insert into event (id, type, occurred_at, resource_type, resource_id, data) "
                        + "values ($5, $6, $3, $7, $8, $9)")
                .execute(args)
                .replaceWith(checkpoint);
    }

    /** Checkpoints, newest first; {@code before} 0 for the newest. */
    public Uni<Page<AuditCheckpoint>> list(long before, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from audit_checkpoint where ($1 = 0 or chain_seq < $1) "
                        + "order by chain_seq desc limit $2")
                .execute(Tuple.of(before, limit + 1))
                .map(rows -> {
                    List<AuditCheckpoint> checkpoints = new ArrayList<>();
                    rows.forEach(row -> checkpoints.add(checkpoint(row)));
                    return Page.of(checkpoints, limit, checkpoint -> Long.toString(checkpoint.chainSeq()), checkpoint -> checkpoint);
                });
    }

    /** Checks every checkpoint, oldest first, against the stored hash of the record it names (its seal, if the record is there). */
    public Uni<AuditCheckpoint.Verifier> verify() {
        return verifyFrom(0, new AuditCheckpoint.Verifier(key));
    }

    private Uni<AuditCheckpoint.Verifier> verifyFrom(long after, AuditCheckpoint.Verifier verifier) {
        return pool.preparedQuery("select c.chain_seq, c.head_hash, c.at, c.signature, (select s.hash from audit_seal s "
                        + "join audit_record a on a.seq = s.record_seq where s.chain_seq = c.chain_seq) as record_hash "
                        + "from audit_checkpoint c where c.chain_seq > $1 order by c.chain_seq limit $2")
                .execute(Tuple.of(after, VERIFY_PAGE))
                .flatMap(rows -> {
                    long last = after;
                    for (Row row : rows) {
                        AuditCheckpoint checkpoint = checkpoint(row);
                        verifier.accept(checkpoint, row.getString("record_hash"));
                        last = checkpoint.chainSeq();
                    }
                    return rows.size() < VERIFY_PAGE ? Uni.createFrom().item(verifier) : verifyFrom(last, verifier);
                });
    }

    private static AuditCheckpoint checkpoint(Row row) {
        return new AuditCheckpoint(row.getLong("chain_seq"), row.getString("head_hash"),
                row.getOffsetDateTime("at").toInstant(), row.getString("signature"));
    }

    private String write(AuditCheckpoint checkpoint) {
        try {
            return json.writeValueAsString(checkpoint);
        } catch (JsonProcessingException unserializable) {
            throw new IllegalStateException("Cannot serialize the checkpoint", unserializable);
        }
    }
}
