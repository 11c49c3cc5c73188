package fr.backoffice.audit.service;

import fr.backoffice.audit.AuditChain;
import fr.backoffice.audit.AuditRecord;
import fr.backoffice.audit.api.AuditDtos.Verification;
import fr.backoffice.common.paging.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The audit trail's storage: the one SQL statement that writes a record (in the caller's transaction, or many rows
 * at once for the filter's batches), reading, and verifying the chain. It uses the reactive pool directly, as
 * background work runs on a Vert.x context where no Hibernate session exists. Records are stored unsealed and never
 * changed; {@link AuditChainer} seals them with rows of {@code audit_seal} (see V2__events_and_audit.sql).
 */
@ApplicationScoped
public class AuditTrail {

    /**
     * Inserts one unsealed record; every other column is defaulted. Works in any transaction: the record commits
     * or rolls back with it. Parameters in the order of {@link Entry#tuple()}.
     */
    public static final String INSERT = "insert into audit_record "
            + "(at, actor, roles, action, resource_type, resource_id, outcome, request_id) "
            + "values ($1, $2, $3, $4, $5, $6, $7, $8)";
    private static final String INSERT_MANY = "insert into audit_record "
            + "(at, actor, roles, action, resource_type, resource_id, outcome, request_id) "
            + "select * from unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
            + "$7::text[], $8::text[])";
    private static final int VERIFY_PAGE = 1000;
    /**
     * Every record without a seal. The verification reads every seal and record anyway; this count does not rely on
     * the chain order (the metrics' cheaper count does: {@link AuditMetrics}).
     */
    private static final String UNSEALED = "select count(*) from audit_record a "
            + "where not exists (select 1 from audit_seal s where s.record_seq = a.seq)";
    /** A record's columns and its place in the chain, null when unsealed, from {@link #RECORDS}. */
    static final String COLUMNS = "a.seq, s.chain_seq, a.at, a.actor, a.roles, a.action, a.resource_type, a.resource_id, "
            + "a.outcome, a.request_id";
    /** The records with their seals (a record's seal is a row of audit_seal: V2__events_and_audit.sql). */
    static final String RECORDS = "audit_record a left join audit_seal s on s.record_seq = a.seq";

    private final Pool pool;

    private final AuditCheckpoints checkpoints;

    public AuditTrail(Pool pool, AuditCheckpoints checkpoints) {
        this.pool = pool;
        this.checkpoints = checkpoints;
    }

    /**
     * A record to store. Over-long values are cut by the database (trigger {@code audit_record_fit}), never refused.
     *
     * @param at           when the outcome was known
     * @param actor        the token's {@code sub}, or {@code anonymous}
     * @param roles        the caller's roles, sorted, comma-joined
     * @param action       method and route, e.g. {@code POST /operations/{id}/validate}
     * @param resourceType e.g. {@code operation}, or null
     * @param resourceId   the resource acted on (for a creation, from {@code Location}), or null
     * @param outcome      e.g. {@code 201 ACCEPTED}, {@code 422 REFUSED}
     * @param requestId    the request's {@code X-Request-Id}
     */
    public record Entry(Instant at, String actor, String roles, String action, String resourceType, String resourceId,
                        String outcome, String requestId) {

        /** The values of {@link #INSERT}'s parameters $1 to $8, in that order. */
        public Tuple tuple() {
            return Tuple.tuple(Arrays.asList(at.atOffset(ZoneOffset.UTC), actor, roles, action, resourceType,
                    resourceId, outcome, requestId));
        }
    }

    /** Inserts many records with one statement, in their own transaction. */
    public Uni<Void> insertAll(List<Entry> entries) {
        int size = entries.size();
        OffsetDateTime[] at = new OffsetDateTime[size];
        String[][] text = new String[7][size];
        for (int i = 0; i < size; i++) {
            Entry entry = entries.get(i);
            at[i] = entry.at().atOffset(ZoneOffset.UTC);
            text[0][i] = entry.actor();
            text[1][i] = entry.roles();
            text[2][i] = entry.action();
            text[3][i] = entry.resourceType();
            text[4][i] = entry.resourceId();
            text[5][i] = entry.outcome();
            text[6][i] = entry.requestId();
        }
        Tuple args = Tuple.tuple().addArrayOfOffsetDateTime(at);
        for (String[] column : text) {
            args.addArrayOfString(column);
        }
        return pool.preparedQuery(INSERT_MANY).execute(args).replaceWithVoid();
    }

    /** Records matching the filters, by seq (sealed or not). */
    public Uni<Page<AuditRecord>> list(String actor, String resourceType, String resourceId, Instant from, Instant to,
                                       long after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from " + RECORDS + " where a.seq > $1");
        Tuple args = Tuple.of(after);
        if (actor != null) {
            args.addValue(actor);
            sql.append(" and a.actor = $").append(args.size());
        }
        if (resourceType != null) {
            args.addValue(resourceType);
            sql.append(" and a.resource_type = $").append(args.size());
        }
        if (resourceId != null) {
            args.addValue(resourceId);
            sql.append(" and a.resource_id = $").append(args.size());
        }
        if (from != null) {
            args.addValue(from.atOffset(ZoneOffset.UTC));
            sql.append(" and a.at >= $").append(args.size());
        }
        if (to != null) {
            args.addValue(to.atOffset(ZoneOffset.UTC));
            sql.append(" and a.at < $").append(args.size());
        }
        args.addValue(limit + 1);
        sql.append(" order by a.seq limit $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(args).map(rows -> {
            List<AuditRecord> records = new ArrayList<>();
            rows.forEach(row -> records.add(record(row)));
            return Page.of(records, limit, record -> Long.toString(record.seq()), record -> record);
        });
    }

    /**
     * Recomputes the sealed chain by chainSeq, a page at a time, checks the checkpoints against it, and counts the
     * records not sealed yet. The checkpoints are read after the chain, so one taken meanwhile may name a record the
     * walk did not reach; it is checked against the stored hash all the same.
     */
    public Uni<Verification> verify() {
        return verifyFrom(0, new AuditChain.Verifier()).flatMap(chain -> checkpoints.verify().flatMap(anchors -> pool
                .query(UNSEALED).execute()
                .map(rows -> {
                    long unsealed = rows.iterator().next().getLong(0);
                    Long anchor = anchors.anchor();
                    long unanchored = Math.max(0, chain.last() - (anchor == null ? 0 : anchor));
                    return new Verification(chain.firstBroken() == null && anchors.firstBad() == null, chain.records(),
                            chain.records(), unsealed, chain.firstBroken(), anchors.checked(), anchor, unanchored,
                            anchors.firstBad());
                })));
    }

    private Uni<AuditChain.Verifier> verifyFrom(long after, AuditChain.Verifier verifier) {
        return pool.preparedQuery("select " + COLUMNS + ", s.prev_hash, s.hash from audit_seal s "
                        + "join audit_record a on a.seq = s.record_seq where s.chain_seq > $1 order by s.chain_seq limit $2")
                .execute(Tuple.of(after, VERIFY_PAGE))
                .flatMap(rows -> {
                    long last = after;
                    for (Row row : rows) {
                        AuditRecord record = record(row);
                        verifier.accept(record, row.getString("prev_hash"), row.getString("hash"));
                        last = record.chainSeq();
                    }
                    return rows.size() < VERIFY_PAGE ? Uni.createFrom().item(verifier) : verifyFrom(last, verifier);
                });
    }

    static AuditRecord record(Row row) {
        return new AuditRecord(row.getLong("seq"), row.getLong("chain_seq"), row.getOffsetDateTime("at").toInstant(),
                row.getString("actor"), row.getString("roles"), row.getString("action"), row.getString("resource_type"),
                row.getString("resource_id"), row.getString("outcome"), row.getString("request_id"));
    }
}
