package fr.backoffice.audit.service;

import fr.backoffice.audit.AuditChain;
import fr.backoffice.audit.AuditRecord;
import fr.backoffice.audit.rest.AuditDtos.Verification;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.time.TimeSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail: appending to the hash chain, reading it, verifying it. It uses the reactive pool directly
 * (each append is its own short transaction, independent of the request's, so refused requests whose
 * transaction rolled back are audited too; and it runs from a Vert.x handler, where no Hibernate session exists).
 */
@ApplicationScoped
public class AuditTrail {

    /** The advisory lock every writer of the chain takes: one line, whatever the number of writers and instances. */
    static final long CHAIN_LOCK = 0x6175646974L; // "audit"
    private static final int VERIFY_PAGE = 1000;
    private static final String COLUMNS = "seq, at, actor, roles, action, resource_type, resource_id, outcome, request_id";

    @Inject
    Pool pool;

    @Inject
    TimeSource time;

    /** A record to append; seq and time are given under the chain's lock. */
    public record Entry(String actor, String roles, String action, String resourceType, String resourceId,
                        String outcome, String requestId) {
    }

    /**
     * Appends under a transaction-scoped advisory lock: the last hash is read, the next seq and the time taken and
     * the record inserted while no other writer can, so seq order is time order and each record links to its
     * predecessor. The lock is released at commit (or rollback).
     */
    public Uni<AuditRecord> append(Entry entry) {
        return pool.withTransaction(connection -> connection.preparedQuery("select pg_advisory_xact_lock($1)")
                .execute(Tuple.of(CHAIN_LOCK))
                .flatMap(locked -> connection.query("select seq, hash from audit_record order by seq desc limit 1").execute())
                .flatMap(last -> {
                    long seq = 1;
                    String prevHash = AuditChain.GENESIS;
                    if (last.size() > 0) {
                        Row row = last.iterator().next();
                        seq = row.getLong("seq") + 1;
                        prevHash = row.getString("hash");
                    }
                    AuditRecord record = new AuditRecord(seq, time.now(), entry.actor(), entry.roles(), entry.action(),
                            entry.resourceType(), entry.resourceId(), entry.outcome(), entry.requestId());
                    return insert(connection, record, prevHash, AuditChain.hash(prevHash, record)).replaceWith(record);
                }));
    }

    private static Uni<Void> insert(SqlConnection connection, AuditRecord r, String prevHash, String hash) {
        return connection.preparedQuery("insert into audit_record (" + COLUMNS + ", prev_hash, hash) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                .execute(Tuple.tuple().addValue(r.seq()).addValue(r.at().atOffset(ZoneOffset.UTC)).addValue(r.actor())
                        .addValue(r.roles()).addValue(r.action()).addValue(r.resourceType()).addValue(r.resourceId())
                        .addValue(r.outcome()).addValue(r.requestId()).addValue(prevHash).addValue(hash))
                .replaceWithVoid();
    }

    /** Records matching the filters, by seq. */
    public Uni<Page<AuditRecord>> list(String actor, String resourceType, String resourceId, Instant from, Instant to,
                                       long after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_record where seq > $1");
        Tuple args = Tuple.of(after);
        if (actor != null) {
            args.addValue(actor);
            sql.append(" and actor = $").append(args.size());
        }
        if (resourceType != null) {
            args.addValue(resourceType);
            sql.append(" and resource_type = $").append(args.size());
        }
        if (resourceId != null) {
            args.addValue(resourceId);
            sql.append(" and resource_id = $").append(args.size());
        }
        if (from != null) {
            args.addValue(from.atOffset(ZoneOffset.UTC));
            sql.append(" and at >= $").append(args.size());
        }
        if (to != null) {
            args.addValue(to.atOffset(ZoneOffset.UTC));
            sql.append(" and at < $").append(args.size());
        }
        args.addValue(limit + 1);
        sql.append(" order by seq limit $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(args).map(rows -> {
            List<AuditRecord> records = new ArrayList<>();
            rows.forEach(row -> records.add(record(row)));
            return Page.of(records, limit, record -> Long.toString(record.seq()), record -> record);
        });
    }

    /** Recomputes the whole chain, a page of records at a time. */
    public Uni<Verification> verify() {
        return verifyFrom(0, new AuditChain.Verifier());
    }

    private Uni<Verification> verifyFrom(long after, AuditChain.Verifier verifier) {
        return pool.preparedQuery("select " + COLUMNS + ", prev_hash, hash from audit_record where seq > $1 order by seq limit $2")
                .execute(Tuple.of(after, VERIFY_PAGE))
                .flatMap(rows -> {
                    long last = after;
                    for (Row row : rows) {
                        AuditRecord record = record(row);
                        verifier.accept(record, row.getString("prev_hash"), row.getString("hash"));
                        last = record.seq();
                    }
                    if (rows.size() < VERIFY_PAGE) {
                        return Uni.createFrom().item(new Verification(verifier.firstBroken() == null, verifier.records(),
                                verifier.firstBroken()));
                    }
                    return verifyFrom(last, verifier);
                });
    }

    private static AuditRecord record(Row row) {
        return new AuditRecord(row.getLong("seq"), row.getOffsetDateTime("at").toInstant(), row.getString("actor"),
                row.getString("roles"), row.getString("action"), row.getString("resource_type"),
                row.getString("resource_id"), row.getString("outcome"), row.getString("request_id"));
    }
}
