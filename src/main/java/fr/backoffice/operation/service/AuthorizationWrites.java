package fr.backoffice.operation.service;

import fr.backoffice.audit.service.AuditTrail;
import fr.backoffice.audit.service.RequestAudit;
import fr.backoffice.common.Ids;
import fr.backoffice.common.Persistence;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.operation.Authorization;
import fr.backoffice.operation.api.AuthorizationView;
import fr.backoffice.operation.repository.AuthorizationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Function;

/**
 * How every change of an authorization is written (docs/operations-and-ledger.md "Authorizations"): in one
 * transaction of the reactive SQL client, the idempotency lock and stored answer (the protocol of
 * {@code idempotency_begin}, as {@link Idempotency} and {@code POST /operations} use it), the change itself, its event
 * and the request's audit record; a deadlock or serialization failure retries the whole transaction.
 */
@ApplicationScoped
class AuthorizationWrites {

    private static final String BEGIN = "select in_flight, request_fingerprint, response_status, response_location, "
            + "response_body from idempotency_begin($1, $2)";
    private static final String STORE = "insert into idempotency_key (client_id, idempotency_key, request_fingerprint, "
            + "response_status, response_body, response_location, created_at) values ($1, $2, $3, $4, $5, $6, $7)";

    private final Pool pool;

    private final Idempotency idempotency;

    private final RequestAudit requestAudit;

    private final Caller caller;

    private final AuthorizationRepository authorizations;

    private final TimeSource time;

    AuthorizationWrites(Pool pool, Idempotency idempotency, RequestAudit requestAudit, Caller caller,
            AuthorizationRepository authorizations, TimeSource time) {
        this.pool = pool;
        this.idempotency = idempotency;
        this.requestAudit = requestAudit;
        this.caller = caller;
        this.authorizations = authorizations;
        this.time = time;
    }

    /** A request's answer under its Idempotency-Key: the stored one for a retry, else {@code change}'s, stored with it. */
    Uni<Reply> once(String key, String fingerprint, Function<SqlConnection, Uni<Reply>> change) {
        String client = caller.id();
        return Persistence.retryOnConflict(() -> pool.withTransaction(sql -> {
            if (key == null) {
                return Uni.createFrom().deferred(() -> change.apply(sql)).call(reply -> audited(sql, reply));
            }
            return sql.preparedQuery(BEGIN).execute(Tuple.of(client, key)).flatMap(rows -> {
                if (rows.size() > 0) {
                    var row = rows.iterator().next();
                    return Uni.createFrom().item(idempotency.answer(new Idempotency.Stored(row.getBoolean("in_flight"),
                            row.getString("request_fingerprint"), row.getInteger("response_status"),
                            row.getString("response_location"), row.getString("response_body")), fingerprint));
                }
                return Uni.createFrom().deferred(() -> change.apply(sql)).call(reply -> audited(sql, reply))
                        .call(reply -> stored(sql, client, key, fingerprint, reply));
            });
        }));
    }

    /** The event of a change and the answer that describes it, from the same view. */
    Uni<AuthorizationView> published(SqlConnection sql, EventType type, Authorization a, Instant at) {
        AuthorizationView view = AuthorizationView.of(a);
        return authorizations.event(sql, Ids.newId(), type, a, at, idempotency.write(view)).replaceWith(view);
    }

    /** The audit record of work the service does itself (no request): by {@code actor}, on the authorization. */
    Uni<Void> auditedBySystem(SqlConnection sql, String actor, String action, Authorization a, Instant at) {
        AuditTrail.Entry entry = new AuditTrail.Entry(at, actor, "", action, "authorization", a.id.toString(),
                "200 ACCEPTED", actor);
        return sql.preparedQuery(AuditTrail.INSERT).execute(entry.tuple()).replaceWithVoid();
    }

    private Uni<Void> audited(SqlConnection sql, Reply reply) {
        AuditTrail.Entry entry = requestAudit.accepted(reply.status(), reply.location());
        return sql.preparedQuery(AuditTrail.INSERT).execute(entry.tuple()).replaceWithVoid();
    }

    private Uni<Void> stored(SqlConnection sql, String client, String key, String fingerprint, Reply reply) {
        return sql.preparedQuery(STORE).execute(Tuple.tuple(Arrays.asList(client, key, fingerprint,
                reply.status(), idempotency.write(reply.body()), reply.location(),
                time.now().atOffset(ZoneOffset.UTC)))).replaceWithVoid();
    }
}
