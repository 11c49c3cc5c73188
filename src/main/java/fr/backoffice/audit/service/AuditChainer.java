package fr.backoffice.audit.service;

import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.audit.AuditChain;
import fr.backoffice.audit.AuditRecord;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Seals the audit records: gives each its place in the chain ({@code chain_seq} 1, 2, 3... without gaps), its
 * {@code prev_hash} and its {@code hash} ({@link AuditChain}), as one row of {@code audit_seal} per record (the record
 * itself is never changed: V2__events_and_audit.sql), a batch of up to {@code backoffice.audit.seal-batch}
 * records per transaction, every {@code backoffice.audit.seal-every} (1 s; shorter in tests), until nothing is left.
 *
 * <p>One chainer at a time across instances: each batch's transaction first takes
 * {@code pg_try_advisory_xact_lock}; an instance that does not get it leaves the work to the one that did. Only
 * records below the horizon are sealed, in {@code (tx, seq)} order: {@code tx < pg_snapshot_xmin(pg_current_snapshot())},
 * i.e. written by a transaction that has ended, so no record can still appear before them (see
 * V2__events_and_audit.sql). So the sealed records are exactly those up to the last sealed one in
 * {@code (tx, seq)} order, and the next batch is read from the index on {@code (tx, seq)} after it, no scan. The batch
 * is sealed with one {@code INSERT ... SELECT FROM unnest(...)}.
 *
 * <p>After sealing, a run takes a signed checkpoint of the chain's head when one is due ({@link AuditCheckpoints}).
 *
 * <p>Runs on a Vert.x timer (its handler on an event loop, where the reactive pool works), re-armed when a run
 * ends, so runs never overlap; Quarkus's {@code @Scheduled} checks triggers only once a second, too coarse for the
 * short interval the tests use.
 */
@ApplicationScoped
public class AuditChainer {

    private static final Logger LOG = Logger.getLogger(AuditChainer.class);
    /** The advisory lock of the chainer: "audit" in ASCII. Taken once per batch, never by a request. */
    public static final long LOCK = 0x6175646974L;
    private static final long MAX_BACKOFF_MS = 30_000;
    /** The head of the chain and its record's place in chain order (tx, seq); no row before the first seal. */
    static final String LAST_SEAL = "select s.chain_seq, s.hash, a.tx::text as tx, a.seq from "
            + "(select chain_seq, hash, record_seq from audit_seal order by chain_seq desc limit 1) s "
            + "left join audit_record a on a.seq = s.record_seq";
    /** The next records in chain order after the last sealed one ($1 tx, $2 seq), below the horizon: index (tx, seq). */
    private static final String NEXT_RECORDS = "select a.seq, null::bigint as chain_seq, a.at, a.actor, a.roles, a.action, "
            + "a.resource_type, a.resource_id, a.outcome, a.request_id from audit_record a "
            + "where a.tx >= $1::text::xid8 and (a.tx, a.seq) > ($1::text::xid8, $2) "
            + "and a.tx < pg_snapshot_xmin(pg_current_snapshot()) "
            + "order by a.tx, a.seq limit $3";
    /** One seal per record, only for records that exist (no foreign key: see V2__events_and_audit.sql). */
    private static final String INSERT_SEALS = "insert into audit_seal (record_seq, chain_seq, prev_hash, hash) "
            + "select u.seq, u.chain_seq, u.prev_hash, u.hash "
            + "from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) as u(seq, chain_seq, prev_hash, hash) "
            + "join audit_record a on a.seq = u.seq";

    private final Pool pool;

    private final Vertx vertx;

    private final AuditCheckpoints checkpoints;

    private final BackOfficeConfig config;

    public AuditChainer(Pool pool, Vertx vertx, AuditCheckpoints checkpoints, BackOfficeConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.checkpoints = checkpoints;
        this.config = config;
    }

    private volatile boolean stopped;
    private volatile long timer = -1;
    private int failures;

    void start(@Observes StartupEvent started) {
        schedule(config.audit().sealEvery().toMillis());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    private void schedule(long delay) {
        if (!stopped) {
            timer = vertx.setTimer(delay, fired -> sealAll().call(checkpoints::takeIfDue).subscribe().with(sealed -> {
                failures = 0;
                schedule(config.audit().sealEvery().toMillis());
            }, failure -> {
                failures++;
                LOG.warnf(failure, "Audit records not sealed (attempt %d); will retry", failures);
                schedule(Math.min(MAX_BACKOFF_MS, config.audit().sealEvery().toMillis() << Math.min(failures, 16)));
            }));
        }
    }

    /** Seals batch after batch until none is full (or another instance holds the lock); answers how many. */
    public Uni<Integer> sealAll() {
        return sealAll(0);
    }

    private Uni<Integer> sealAll(int done) {
        return sealBatch().flatMap(sealed -> sealed == config.audit().sealBatch() ? sealAll(done + sealed) : Uni.createFrom().item(done + Math.max(sealed, 0)));
    }

    /** One transaction: the lock, the last seal, the next records below the horizon, one insert. -1 without the lock. */
    Uni<Integer> sealBatch() {
        return pool.withTransaction(connection -> connection.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK))
                .flatMap(locked -> locked.iterator().next().getBoolean(0) ? seal(connection) : Uni.createFrom().item(-1)));
    }

    private Uni<Integer> seal(SqlConnection connection) {
        return connection.query(LAST_SEAL).execute()
                .flatMap(last -> {
                    Tuple after = Tuple.tuple();
                    if (last.size() > 0) {
                        Row row = last.iterator().next();
                        if (row.getString("tx") == null) {
                            // nothing can be sealed after a head whose record is gone: /audit/verify reports it
                            throw new IllegalStateException("The audit chain's head " + row.getLong("chain_seq")
                                    + " has no record");
                        }
                        after.addString(row.getString("tx")).addLong(row.getLong("seq"));
                    } else {
                        after.addString("0").addLong(0L);
                    }
                    return connection.preparedQuery(NEXT_RECORDS).execute(after.addInteger(config.audit().sealBatch()))
                            .flatMap(unsealed -> insert(connection, last, unsealed));
                });
    }

    private Uni<Integer> insert(SqlConnection connection, RowSet<Row> last, RowSet<Row> unsealed) {
        int count = unsealed.size();
        if (count == 0) {
            return Uni.createFrom().item(0);
        }
        long chainSeq = 0;
        String prevHash = AuditChain.GENESIS;
        if (last.size() > 0) {
            Row row = last.iterator().next();
            chainSeq = row.getLong("chain_seq");
            prevHash = row.getString("hash");
        }
        Long[] seqs = new Long[count];
        Long[] places = new Long[count];
        String[] prevHashes = new String[count];
        String[] hashes = new String[count];
        int i = 0;
        for (Row row : unsealed) {
            AuditRecord record = AuditTrail.record(row).inChain(++chainSeq);
            String hash = AuditChain.hash(prevHash, record);
            seqs[i] = record.seq();
            places[i] = chainSeq;
            prevHashes[i] = prevHash;
            hashes[i] = hash;
            prevHash = hash;
            i++;
        }
        return connection.preparedQuery(INSERT_SEALS)
                .execute(Tuple.of(seqs, places, prevHashes, hashes))
                .map(inserted -> {
                    if (inserted.rowCount() != count) {
                        // rolls the batch back: a record read above is gone; the next run starts afresh
                        throw new IllegalStateException("Sealed " + inserted.rowCount() + " of " + count + " audit records");
                    }
                    return count;
                });
    }
}
