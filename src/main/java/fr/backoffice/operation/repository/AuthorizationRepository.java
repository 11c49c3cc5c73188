package fr.backoffice.operation.repository;

import fr.backoffice.event.EventType;
import fr.backoffice.operation.Authorization;
import fr.backoffice.operation.AuthorizationStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Authorizations and their captures and holds (V8__authorizations.sql), with the reactive SQL client, on the
 * connection of the caller's transaction: a change is read under its row lock ({@link #lock}), checked in Java
 * ({@link Authorization}) and written back in the same transaction.
 */
@ApplicationScoped
public class AuthorizationRepository {

    private static final String COLUMNS = "id, client_id, unit_code, debit_account_id, credit_account_id, creditor_name, "
            + "creditor_iban, creditor_bic, currency, amount, capture_limit, captured_amount, status, label, expires_at, "
            + "created_at, closed_at, version";
    private static final String INSERT = "insert into payment_authorization (" + COLUMNS + ") values "
            + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)";
    private static final String UPDATE = "update payment_authorization set captured_amount = $2, status = $3, "
            + "closed_at = $4, version = $5 where id = $1";
    private static final String CAPTURES = "select authorization_id, operation_id, amount, captured_at from "
            + "authorization_capture where authorization_id = any ($1) order by captured_at, operation_id";
    /** The next open authorization past its expiry that no other transaction (of any instance) is changing. */
    private static final String NEXT_EXPIRED = "select id from payment_authorization where status = 'AUTHORIZED' "
            + "and expires_at <= $1 order by expires_at limit 1 for update skip locked";

    /**
     * The authorizations of a debit account open at an instant, and what they still reserved then (their amount less
     * the captures booked up to it): a statement's information (docs/operations-and-ledger.md "Authorizations").
     */
    private static final String RESERVED_AT = "select count(*)::int open, coalesce(sum(greatest(a.amount - coalesce("
            + "(select sum(c.amount) from authorization_capture c where c.authorization_id = a.id and c.captured_at <= $2), "
            + "0), 0)), 0) reserved from payment_authorization a where a.debit_account_id = $1 and a.created_at <= $2 "
            + "and (a.closed_at is null or a.closed_at > $2)";

    /** How many authorizations of an account were open at an instant, and what they reserved together. */
    public record Reserved(int open, BigDecimal amount) {
    }

    /** The filters of {@code GET /authorizations}; null means "any". */
    public record Filter(UUID accountId, AuthorizationStatus status, String unit) {
    }

    public Uni<Reserved> reservedAt(SqlClient sql, UUID accountId, Instant at) {
        return sql.preparedQuery(RESERVED_AT).execute(Tuple.of(accountId, utc(at))).map(rows -> {
            Row row = rows.iterator().next();
            return new Reserved(row.getInteger("open"), row.getBigDecimal("reserved"));
        });
    }

    public Uni<Void> insert(SqlClient sql, Authorization a) {
        return sql.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(a.id, a.clientId, a.unit, a.debitAccountId,
                a.creditAccountId, a.creditorName, a.creditorIban, a.creditorBic, a.currency, Numeric.create(a.amount),
                Numeric.create(a.captureLimit), Numeric.create(a.capturedAmount), a.status.name(), a.label,
                utc(a.expiresAt), utc(a.createdAt), utc(a.closedAt), a.version))).replaceWithVoid();
    }

    /** Its status, amounts and version as changed in Java, under the row lock {@link #lock} took. */
    public Uni<Void> update(SqlClient sql, Authorization a) {
        return sql.preparedQuery(UPDATE).execute(Tuple.of(a.id, Numeric.create(a.capturedAmount), a.status.name(),
                utc(a.closedAt), a.version)).replaceWithVoid();
    }

    public Uni<Void> insertCapture(SqlClient sql, UUID authorizationId, Authorization.Capture capture) {
        return sql.preparedQuery("insert into authorization_capture (operation_id, authorization_id, amount, captured_at) "
                        + "values ($1, $2, $3, $4)")
                .execute(Tuple.of(capture.operationId(), authorizationId, Numeric.create(capture.amount()),
                        utc(capture.capturedAt()))).replaceWithVoid();
    }

    /** The authorization, locked until the transaction ends; null when there is none. */
    public Uni<Authorization> lock(SqlClient sql, UUID id) {
        return one(sql, "select " + COLUMNS + " from payment_authorization where id = $1 for update", id);
    }

    public Uni<Authorization> find(SqlClient sql, UUID id) {
        return one(sql, "select " + COLUMNS + " from payment_authorization where id = $1", id);
    }

    /** The next one to expire at {@code now}, locked, or null; see {@link #NEXT_EXPIRED}. */
    public Uni<UUID> nextExpired(SqlClient sql, Instant now) {
        return sql.preparedQuery(NEXT_EXPIRED).execute(Tuple.of(utc(now)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
    }

    /** Authorizations in id (creation) order after {@code afterId}, with their captures. */
    public Uni<List<Authorization>> page(SqlClient sql, Filter filter, UUID afterId, int limit) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (filter.accountId() != null) {
            params.add(filter.accountId());
            where.append(" and debit_account_id = $").append(params.size());
        }
        if (filter.status() != null) {
            params.add(filter.status().name());
            where.append(" and status = $").append(params.size());
        }
        if (filter.unit() != null) {
            params.add(filter.unit());
            where.append(" and unit_code = $").append(params.size());
        }
        if (afterId != null) {
            params.add(afterId);
            where.append(" and id > $").append(params.size());
        }
        params.add(limit);
        String query = "select " + COLUMNS + " from payment_authorization" + where + " order by id limit $" + params.size();
        return sql.preparedQuery(query).execute(Tuple.from(params)).flatMap(rows -> withCaptures(sql, rows));
    }

    /** Reserves {@code amount} for it on its debit account; the refusal (nothing held), or null when held. */
    public Uni<String> hold(SqlClient sql, Authorization a, UUID holdId, BigDecimal amount, Instant at) {
        return sql.preparedQuery("select authorization_hold($1, $2, $3, $4, $5) as refusal")
                .execute(Tuple.of(a.id, holdId, a.debitAccountId, Numeric.create(amount), utc(at)))
                .map(rows -> rows.iterator().next().getString("refusal"));
    }

    /** Holds {@code amount} again after a partial capture released more (no floor check needed). */
    public Uni<Void> holdRest(SqlClient sql, Authorization a, UUID holdId, BigDecimal amount, Instant at) {
        return sql.preparedQuery("select authorization_hold_rest($1, $2, $3, $4, $5)")
                .execute(Tuple.of(a.id, holdId, a.debitAccountId, Numeric.create(amount), utc(at))).replaceWithVoid();
    }

    /** Releases what it holds, if anything. */
    public Uni<Void> release(SqlClient sql, UUID id, Instant at) {
        return sql.preparedQuery("select authorization_release($1, $2)").execute(Tuple.of(id, utc(at))).replaceWithVoid();
    }

    /** Locks the accounts a capture books on, in the order every booking locks them (ledger_check's). */
    public Uni<Void> lockAccounts(SqlClient sql, UUID debitAccount, List<UUID> accounts) {
        // the debit account's customer first, as operation_submit_batch takes it (V10__limits.sql, step 2) before any
        // account: taken after the accounts, it would deadlock with a submission of the same customer
        return sql.preparedQuery("select pg_advisory_xact_lock(hashtextextended('limits:customer:' || customer_id, 0)) "
                        + "from account where id = $1")
                .execute(Tuple.of(debitAccount))
                .flatMap(locked -> sql.preparedQuery(
                                "select 1 from account where id = any ($1) order by type = 'INTERNAL', id for update")
                        .execute(Tuple.of(accounts.toArray(UUID[]::new))))
                .replaceWithVoid();
    }

    /** The event of a change, in its transaction; {@code data} is the authorization's representation. */
    public Uni<Void> event(SqlClient sql, UUID eventId, EventType type, Authorization a, Instant at, String data) {
        return sql.preparedQuery("insert into event (id, type, occurred_at, resource_type, resource_id, data) "
                        + "values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(eventId, type.type(), utc(at), type.resourceType(), a.id.toString(), data))
                .replaceWithVoid();
    }

    private Uni<Authorization> one(SqlClient sql, String query, UUID id) {
        return sql.preparedQuery(query).execute(Tuple.of(id)).flatMap(rows -> withCaptures(sql, rows))
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    private Uni<List<Authorization>> withCaptures(SqlClient sql, RowSet<Row> rows) {
        Map<UUID, Authorization> byId = new LinkedHashMap<>();
        for (Row row : rows) {
            Authorization a = of(row);
            byId.put(a.id, a);
        }
        if (byId.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return sql.preparedQuery(CAPTURES).execute(Tuple.of(byId.keySet().toArray(UUID[]::new))).map(captures -> {
            for (Row row : captures) {
                byId.get(row.getUUID("authorization_id")).captures.add(new Authorization.Capture(
                        row.getUUID("operation_id"), row.getBigDecimal("amount"), instant(row.getOffsetDateTime("captured_at"))));
            }
            return List.copyOf(byId.values());
        });
    }

    private static Authorization of(Row row) {
        Authorization a = new Authorization();
        a.id = row.getUUID("id");
        a.clientId = row.getString("client_id");
        a.unit = row.getString("unit_code");
        a.debitAccountId = row.getUUID("debit_account_id");
        a.creditAccountId = row.getUUID("credit_account_id");
        a.creditorName = row.getString("creditor_name");
        a.creditorIban = row.getString("creditor_iban");
        a.creditorBic = row.getString("creditor_bic");
        a.currency = row.getString("currency");
        a.amount = row.getBigDecimal("amount");
        a.captureLimit = row.getBigDecimal("capture_limit");
        a.capturedAmount = row.getBigDecimal("captured_amount");
        a.status = AuthorizationStatus.valueOf(row.getString("status"));
        a.label = row.getString("label");
        a.expiresAt = instant(row.getOffsetDateTime("expires_at"));
        a.createdAt = instant(row.getOffsetDateTime("created_at"));
        a.closedAt = instant(row.getOffsetDateTime("closed_at"));
        a.version = row.getLong("version");
        return a;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
