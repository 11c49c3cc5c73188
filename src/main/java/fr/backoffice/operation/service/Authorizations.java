package fr.backoffice.operation.service;

import fr.backoffice.common.Ids;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.ledger.Refusal;
import fr.backoffice.operation.Authorization;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.api.AuthorizationView;
import fr.backoffice.operation.api.NewAuthorization;
import fr.backoffice.operation.api.NewOperation;
import fr.backoffice.operation.repository.AuthorizationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /authorizations}, {@code /void}, and the reads (docs/operations-and-ledger.md "Authorizations"). An
 * authorization is checked as the transfer its captures will be ({@link OperationIntake}, the accounts' facts), then
 * created with its hold under the debit account's row lock; a void releases what remains under the authorization's
 * row lock. Captures: {@link AuthorizationCaptures}; expiry: {@link AuthorizationExpiry}.
 */
@ApplicationScoped
public class Authorizations {

    private static final String REQUEST_LINE = "POST /authorizations";

    private final AuthorizationRepository authorizations;

    private final AuthorizationWrites writes;

    private final OperationIntake intake;

    private final OperationSubmission submission;

    private final Idempotency idempotency;

    private final Caller caller;

    private final TimeSource time;

    private final BackOfficeConfig config;

    private final Pool pool;

    public Authorizations(AuthorizationRepository authorizations, AuthorizationWrites writes, OperationIntake intake,
            OperationSubmission submission, Idempotency idempotency, Caller caller, TimeSource time,
            BackOfficeConfig config, Pool pool) {
        this.authorizations = authorizations;
        this.writes = writes;
        this.intake = intake;
        this.submission = submission;
        this.idempotency = idempotency;
        this.caller = caller;
        this.time = time;
        this.config = config;
        this.pool = pool;
    }

    public Uni<Reply> create(String key, NewAuthorization request) {
        Operation transfer = intake.received(asTransfer(request));
        Authorization a = authorization(transfer, request.expiresAt());
        String fingerprint = key == null ? null : idempotency.fingerprint(REQUEST_LINE, request);
        return submission.checked(transfer).flatMap(ignored -> writes.once(key, fingerprint, sql -> {
            a.unit = transfer.unit;
            return created(sql, a);
        }));
    }

    /** The transfer its captures will be, checked as POST /operations checks one. */
    static NewOperation asTransfer(NewAuthorization request) {
        return new NewOperation(OperationType.TRANSFER, request.amount(), request.currency(), request.debitAccountId(),
                request.creditAccountId(), request.creditor(), null, null, null, request.label(), null);
    }

    private Authorization authorization(Operation transfer, Instant requestedExpiry) {
        Authorization a = new Authorization();
        a.id = Ids.newId();
        a.clientId = caller.id();
        a.debitAccountId = transfer.debitAccountId;
        a.creditAccountId = transfer.creditAccountId;
        a.creditorName = transfer.creditorName;
        a.creditorIban = transfer.creditorIban;
        a.creditorBic = transfer.creditorBic;
        a.currency = transfer.currency;
        a.amount = transfer.amount;
        a.captureLimit = Authorization.captureLimit(a.amount, config.authorizations().overCapturePercent());
        a.label = transfer.label;
        a.createdAt = time.now();
        a.expiresAt = Authorization.expiry(a.createdAt, requestedExpiry, config.authorizations().defaultExpiry(),
                config.authorizations().maxExpiry());
        if (a.captureLimit.compareTo(config.stpThreshold()) > 0) {
            throw new ApiException(ProblemCode.AMOUNT_ABOVE_STRAIGHT_THROUGH, "An authorization's captures execute at "
                    + "once, so its amount (with the over-capture tolerance: " + a.captureLimit.toPlainString()
                    + ") may not exceed the straight-through threshold, " + config.stpThreshold().toPlainString() + ".");
        }
        return a;
    }

    private Uni<Reply> created(SqlConnection sql, Authorization a) {
        return authorizations.insert(sql, a)
                .flatMap(ignored -> authorizations.hold(sql, a, Ids.newId(), a.amount, a.createdAt))
                .invoke(refusal -> {
                    if (refusal != null) {
                        throw Refusal.valueOf(refusal).problem("debitAccountId");
                    }
                })
                .flatMap(ignored -> writes.published(sql, EventType.AUTHORIZATION_CREATED, a, a.createdAt))
                .map(view -> Reply.created(view, "/authorizations/" + a.id, a.version));
    }

    public Uni<Reply> voidIt(String id, String key) {
        UUID authorizationId = actionable(id);
        String fingerprint = key == null ? null : idempotency.fingerprint("POST /authorizations/" + id + "/void", "");
        return writes.once(key, fingerprint, sql -> authorizations.lock(sql, authorizationId)
                .invoke(a -> requireActionable(a, id))
                .flatMap(a -> {
                    Instant now = time.now();
                    a.voidAt(now);
                    return authorizations.release(sql, a.id, now)
                            .flatMap(ignored -> authorizations.update(sql, a))
                            .flatMap(ignored -> writes.published(sql, EventType.AUTHORIZATION_VOIDED, a, now))
                            .map(view -> Reply.ok(view, a.version));
                }));
    }

    public Uni<AuthorizationView> get(String id) {
        UUID authorizationId = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Authorization " + id));
        return authorizations.find(pool, authorizationId).map(a -> {
            if (a == null || !caller.may(a.unit)) {
                throw ApiException.notFound("Authorization " + id);
            }
            return AuthorizationView.of(a);
        });
    }

    public Uni<Page<AuthorizationView>> list(AuthorizationRepository.Filter filter, PageRequest page) {
        int limit = page.limit();
        UUID after = page.afterId();
        var confined = caller.confinedTo();
        AuthorizationRepository.Filter scoped = confined
                .map(unit -> new AuthorizationRepository.Filter(filter.accountId(), filter.status(), unit))
                .orElse(filter);
        return authorizations.page(pool, scoped, after, limit + 1)
                .map(rows -> Page.of(rows, limit, a -> a.id.toString(), AuthorizationView::of));
    }

    /** The id of an authorization an action names; one that cannot name any is answered as one out of reach. */
    UUID actionable(String id) {
        return Ids.parse(id).orElseThrow(() -> caller.cannotActOn("Authorization " + id));
    }

    /** An authorization that does not exist or that the caller does not reach: the same answer. */
    void requireActionable(Authorization a, String id) {
        if (a == null || !caller.may(a.unit)) {
            throw caller.cannotActOn("Authorization " + id);
        }
    }
}
