package fr.backoffice.operation.service;

import fr.backoffice.common.config.BackOfficeConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.account.AccountType;
import fr.backoffice.account.Iban;
import fr.backoffice.account.repository.AccountReader;
import fr.backoffice.account.repository.AccountReader.Facts;
import fr.backoffice.audit.service.AuditTrail;
import fr.backoffice.audit.service.RequestAudit;
import fr.backoffice.common.Ids;
import fr.backoffice.common.Persistence;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.ledger.Posting;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationAction;
import fr.backoffice.operation.OperationHistoryEntry;
import fr.backoffice.operation.OperationLifecycle;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.api.NewOperation;
import fr.backoffice.operation.api.OperationView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /operations}, the hot path of the service, in at most two round trips to PostgreSQL and no ORM: the
 * facts of the accounts the request names (to validate it and find its unit; remembered, so usually no read at all,
 * see {@link AccountReader}), then one call of the database function {@code operation_submit}
 * (V6__write_path_without_global_locks.sql) that, in one transaction, takes the idempotency lock, locks and checks
 * the accounts, and writes the operation, its history, its entries or hold, its events, the stored answer and the
 * audit record (V5__audit_in_the_request_transaction.sql). Every row is built here, in Java, from the same rules and
 * views as the rest of the service; booking goes through the same database functions as every other execution.
 */
@ApplicationScoped
public class OperationSubmission {

    /** How far ahead an execution date may be requested. */
    private static final int MAX_DAYS_AHEAD = 366;
    private static final String REQUEST_LINE = "POST /operations";

    @Inject
    Pool pool;

    @Inject
    AccountReader accounts;

    @Inject
    Execution execution;

    @Inject
    Idempotency idempotency;

    @Inject
    RequestAudit requestAudit;

    @Inject
    Caller caller;

    @Inject
    TimeSource time;

    @Inject
    ObjectMapper json;

    @Inject
    BackOfficeConfig config;

    public Uni<Reply> submit(String idempotencyKey, NewOperation request) {
        Operation op = received(request);
        // built now, while the request is being served; written only with the operation (or a replay)
        AuditTrail.Entry audit = requestAudit.accepted(201, location(op));
        return accountsOf(op)
                .invoke(named -> op.unit = owner(op, named))
                .call(named -> creditorNotHeldHere(op))
                .flatMap(named -> isStraightThrough(op) ? execution.postings(op) : Uni.createFrom().item(List.<Posting>of()))
                .flatMap(postings -> Persistence.retryOnConflict(() -> write(op, postings, idempotencyKey, request, audit)));
    }

    /** The operation as requested, checked for everything that needs no database. */
    private Operation received(NewOperation request) {
        OperationRules.checkShape(request);
        Currency currency = Money.currency("currency", request.currency());
        BigDecimal amount = Money.amount("amount", request.amount(), currency);
        BigDecimal vatRate = OperationRules.vatRate(request.vatRate());
        Iban creditorIban = request.creditor() == null ? null : OperationRules.creditorIban(request.creditor().iban());
        if (creditorIban != null) {
            OperationRules.checkSepa(currency.getCurrencyCode(), creditorIban);
        }
        LocalDate today = time.today();
        LocalDate requested = request.requestedExecutionDate() == null ? today : request.requestedExecutionDate();
        if (requested.isBefore(today)) {
            throw ApiException.unprocessable("EXECUTION_DATE_IN_PAST", "The requested execution date " + requested + " has passed.");
        }
        if (requested.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw ApiException.unprocessable("EXECUTION_DATE_TOO_FAR", "An execution date can be requested up to one year ahead.");
        }
        if (request.cheque() != null) {
            OperationRules.checkChequeDate(request.cheque().issueDate(), today);
        }
        UUID debitId = accountId("debitAccountId", request.debitAccountId());
        UUID creditId = accountId("creditAccountId", request.creditAccountId());
        if (debitId != null && debitId.equals(creditId)) {
            throw ApiException.unprocessable("SAME_ACCOUNT", "The debit and credit accounts are the same.");
        }

        Operation op = new Operation();
        op.id = Ids.newId();
        op.type = request.type();
        op.status = OperationStatus.RECEIVED;
        op.amount = amount;
        op.currency = currency.getCurrencyCode();
        op.debitAccountId = debitId;
        op.creditAccountId = creditId;
        if (request.creditor() != null) {
            op.creditorName = request.creditor().name().strip();
            op.creditorIban = creditorIban.value();
        }
        if (request.cheque() != null) {
            op.chequeNumber = request.cheque().number();
            op.chequeDrawerName = request.cheque().drawerName().strip();
            op.chequeDrawerBank = request.cheque().drawerBank().strip();
            op.chequeIssueDate = request.cheque().issueDate();
        }
        op.vatRate = vatRate;
        op.reference = request.reference();
        op.label = request.label();
        op.requestedExecutionDate = requested;
        op.valueDate = BusinessCalendar.onOrAfter(requested);
        op.receivedAt = time.now();
        op.submittedBy = caller.id();
        op.requiresApproval = amount.compareTo(config.approvalThreshold()) >= 0;
        return op;
    }

    /** An account id the request gives; one that cannot name any account is an unknown account. */
    private static UUID accountId(String field, String id) {
        if (id == null) {
            return null;
        }
        return Ids.parse(id).orElseThrow(() -> unknownAccount(field));
    }

    private static ApiException unknownAccount(String field) {
        return new ApiException(422, "UNKNOWN_ACCOUNT", "No account has the id given in " + field + ".",
                List.of(new FieldError(field, "unknown account")));
    }

    /** The unit, currency and type of the accounts the request names (not locked: operation_submit locks them). */
    private Uni<Map<UUID, Facts>> accountsOf(Operation op) {
        List<UUID> ids = new ArrayList<>();
        if (op.debitAccountId != null) {
            ids.add(op.debitAccountId);
        }
        if (op.creditAccountId != null) {
            ids.add(op.creditAccountId);
        }
        return accounts.facts(ids);
    }

    /**
     * Checks the accounts against the request and returns the unit the operation belongs to: that of the customer
     * account it debits, or of the one it credits.
     */
    private String owner(Operation op, Map<UUID, Facts> named) {
        // before any fact of an account is told: another unit's account is answered as one that does not exist
        requireReachable("debitAccountId", op.debitAccountId, named);
        requireReachable("creditAccountId", op.creditAccountId, named);
        checkAccount("debitAccountId", op.debitAccountId, named, op.currency);
        checkAccount("creditAccountId", op.creditAccountId, named, op.currency);
        return named.get(op.debitAccountId != null ? op.debitAccountId : op.creditAccountId).unit();
    }

    /** An account that does not exist, or that the caller's submitting roles do not reach, is an unknown account. */
    private void requireReachable(String field, UUID id, Map<UUID, Facts> named) {
        if (id == null) {
            return;
        }
        Facts account = named.get(id);
        if (account == null || !caller.may(account.unit())) {
            throw unknownAccount(field);
        }
    }

    private static void checkAccount(String field, UUID id, Map<UUID, Facts> named, String currency) {
        if (id == null) {
            return;
        }
        Facts account = named.get(id);
        if (account.type() == AccountType.INTERNAL) {
            throw new ApiException(422, "INTERNAL_ACCOUNT", "Internal accounts are moved only by the service's own postings.",
                    List.of(new FieldError(field, "is an internal account")));
        }
        String held = account.currency();
        if (!currency.equals(held)) {
            throw new ApiException(422, "CURRENCY_MISMATCH", "The operation is in " + currency + " but the account in "
                    + field + " is in " + held + ".", List.of(new FieldError(field, "is held in " + held)));
        }
    }

    private Uni<Void> creditorNotHeldHere(Operation op) {
        if (op.creditorIban == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("select 1 from account where iban = $1").execute(Tuple.of(op.creditorIban))
                .map(rows -> {
                    if (rows.size() > 0) {
                        throw ApiException.unprocessable("CREDITOR_HELD_HERE",
                                "The creditor's IBAN is an account of ours: submit an internal transfer with creditAccountId.");
                    }
                    return null;
                });
    }

    /** Small transfers and cash operations for today execute in the submitting request. */
    private boolean isStraightThrough(Operation op) {
        return OperationLifecycle.permits(op.type, OperationStatus.RECEIVED, OperationAction.EXECUTE)
                && !op.requiresApproval
                && op.amount.compareTo(config.stpThreshold()) <= 0
                && !op.requestedExecutionDate.isAfter(time.today());
    }

    /**
     * Builds every row the submission writes and hands them to {@code operation_submit} in one call. The history,
     * the answer and the events come from the same in-memory operation, so nothing is read back.
     */
    private static String location(Operation op) {
        return "/operations/" + op.id;
    }

    private Uni<Reply> write(Operation op, List<Posting> postings, String idempotencyKey, NewOperation request,
                             AuditTrail.Entry audit) {
        op.newHistory.clear();
        op.status = OperationStatus.RECEIVED;
        op.executedAt = null;
        op.recordCreation(caller.id(), op.receivedAt);
        boolean execute = !postings.isEmpty();
        if (execute) {
            op.move(OperationAction.EXECUTE, OperationStatus.EXECUTED, caller.id(), null, op.receivedAt);
            op.executedAt = op.receivedAt;
        }
        OperationView view = OperationView.of(op, op.newHistory);
        String body = idempotency.write(view);
        String location = location(op);
        JsonArray events = new JsonArray();
        for (OperationHistoryEntry entry : op.newHistory) {
            EventType type = OperationService.eventType(entry);
            events.add(new JsonObject().put("id", Ids.newId().toString()).put("type", type.type())
                    .put("occurred_at", op.receivedAt.toString()).put("resource_type", type.resourceType())
                    .put("resource_id", op.id.toString()).put("data", body));
        }
        String fingerprint = idempotencyKey == null ? null : idempotency.fingerprint(REQUEST_LINE, request);
        Tuple args = Tuple.tuple()
                .addValue(caller.id())
                .addValue(idempotencyKey)
                .addValue(fingerprint)
                .addValue(row(op))
                .addValue(history(op))
                .addValue(execute)
                .addValue(postings.stream().map(p -> Ids.newId()).toArray(UUID[]::new))
                .addValue(postings.stream().map(Posting::accountId).toArray(UUID[]::new))
                .addValue(postings.stream().map(p -> Numeric.create(p.amount())).toArray(Numeric[]::new))
                .addValue(Execution.label(op))
                .addValue(Ids.newId())
                .addValue(events)
                .addValue(201)
                .addValue(location)
                .addValue(body)
                .addValue(new JsonObject().put("at", audit.at().toString()).put("actor", audit.actor())
                        .put("roles", audit.roles()).put("action", audit.action())
                        .put("resource_type", audit.resourceType()).put("resource_id", audit.resourceId())
                        .put("outcome", audit.outcome()).put("request_id", audit.requestId()));
        return pool.preparedQuery("select * from operation_submit($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)")
                .execute(args)
                .map(rows -> outcome(rows.iterator().next(), op, view, location, fingerprint));
    }

    private Reply outcome(Row row, Operation op, OperationView view, String location, String fingerprint) {
        return switch (row.getString("outcome")) {
            case "DONE" -> Reply.created(view, location, op.version);
            case "REFUSED" -> throw Refusals.problem(row.getString("refusal"),
                    row.getUUID("account_id").equals(op.creditAccountId) ? "creditAccountId" : "debitAccountId");
            case "IN_FLIGHT" -> throw Idempotency.inFlight();
            default -> idempotency.answer(new Idempotency.Stored(false, row.getString("request_fingerprint"),
                    row.getInteger("response_status"), row.getString("response_location"), row.getString("response_body")),
                    fingerprint);
        };
    }

    /** The operation as a row of the {@code operation} table (column names), for jsonb_populate_record. */
    private static JsonObject row(Operation op) {
        return new JsonObject()
                .put("id", op.id.toString()).put("type", op.type.name()).put("status", op.status.name())
                .put("amount", op.amount.toPlainString()).put("currency", op.currency)
                .put("debit_account_id", text(op.debitAccountId)).put("credit_account_id", text(op.creditAccountId))
                .put("creditor_name", op.creditorName).put("creditor_iban", op.creditorIban)
                .put("cheque_number", op.chequeNumber).put("cheque_drawer_name", op.chequeDrawerName)
                .put("cheque_drawer_bank", op.chequeDrawerBank).put("cheque_issue_date", text(op.chequeIssueDate))
                .put("vat_rate", op.vatRate == null ? null : op.vatRate.toPlainString())
                .put("reference", op.reference).put("label", op.label).put("unit_code", op.unit)
                .put("requested_execution_date", op.requestedExecutionDate.toString())
                .put("value_date", op.valueDate.toString()).put("received_at", op.receivedAt.toString())
                .put("executed_at", text(op.executedAt)).put("submitted_by", op.submittedBy)
                .put("requires_approval", op.requiresApproval).put("version", op.version);
    }

    private static JsonArray history(Operation op) {
        JsonArray rows = new JsonArray();
        for (OperationHistoryEntry entry : op.newHistory) {
            rows.add(new JsonObject().put("operation_id", op.id.toString()).put("at", entry.at.toString())
                    .put("actor", entry.actor).put("from_status", entry.from == null ? null : entry.from.name())
                    .put("to_status", entry.to.name()).put("reason", entry.reason));
        }
        return rows;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
