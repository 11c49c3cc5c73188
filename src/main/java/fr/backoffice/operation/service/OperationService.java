package fr.backoffice.operation.service;

import fr.backoffice.account.Account;
import fr.backoffice.account.AccountType;
import fr.backoffice.account.Iban;
import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.ledger.Posting;
import fr.backoffice.ledger.Postings;
import fr.backoffice.ledger.service.Ledger;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationAction;
import fr.backoffice.operation.OperationHistoryEntry;
import fr.backoffice.operation.OperationLifecycle;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.ReasonCode;
import fr.backoffice.operation.repository.OperationHistoryRepository;
import fr.backoffice.operation.repository.OperationRepository;
import fr.backoffice.operation.rest.OperationDtos.NewOperation;
import fr.backoffice.operation.rest.OperationDtos.OperationView;
import fr.backoffice.operation.rest.OperationDtos.QueueItem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

@ApplicationScoped
public class OperationService {

    /** How far ahead an execution date may be requested. */
    private static final int MAX_DAYS_AHEAD = 366;

    @Inject
    OperationRepository operations;

    @Inject
    OperationHistoryRepository history;

    @Inject
    Ledger ledger;

    @Inject
    Execution execution;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Inject
    TimeSource time;

    @Inject
    Events events;

    @ConfigProperty(name = "backoffice.stp-threshold")
    BigDecimal stpThreshold;

    @ConfigProperty(name = "backoffice.approval-threshold")
    BigDecimal approvalThreshold;

    // ---------------------------------------------------------------- submission

    @WithTransaction
    public Uni<Reply> submit(String idempotencyKey, NewOperation request) {
        OperationRules.checkShape(request);
        Currency currency = Money.currency("currency", request.currency());
        BigDecimal amount = Money.amount("amount", request.amount(), currency);
        BigDecimal vatRate = OperationRules.vatRate(request.vatRate());
        Iban creditorIban = request.creditor() == null ? null : OperationRules.creditorIban(request.creditor().iban());
        return idempotency.once(caller.id(), idempotencyKey, "POST /operations", request,
                () -> record(request, currency, amount, vatRate, creditorIban)
                        .map(created -> Reply.created(created.view(), "/operations/" + created.op().id, created.op().version)));
    }

    /** A new operation and its representation, built from the history written with it (no read back). */
    private record Created(Operation op, OperationView view) {
    }

    private Uni<Created> record(NewOperation request, Currency currency, BigDecimal amount, BigDecimal vatRate,
                                  Iban creditorIban) {
        Instant now = time.now();
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
        op.receivedAt = now;
        op.submittedBy = caller.id();
        op.requiresApproval = amount.compareTo(approvalThreshold) >= 0;

        return customerAccounts(op).flatMap(unit -> {
            op.unit = unit;
            if (caller.isUnitScoped() && !caller.canSee(unit)) {
                throw ApiException.forbidden("FORBIDDEN", "The account belongs to another unit.");
            }
            return creditorNotHeldHere(op);
        }).flatMap(ignored -> {
            op.recordCreation(caller.id(), now);
            boolean straightThrough = isStraightThrough(op, today);
            Uni<List<Posting>> postings = straightThrough ? execution.postings(op) : Uni.createFrom().item(List.of());
            return postings.flatMap(planned -> {
                Set<UUID> toLock = new HashSet<>();
                planned.forEach(p -> toLock.add(p.accountId()));
                if (op.debitAccountId != null) {
                    toLock.add(op.debitAccountId);
                }
                if (op.creditAccountId != null) {
                    toLock.add(op.creditAccountId);
                }
                return ledger.lock(toLock).flatMap(locked -> {
                    checkAcceptable(op, locked);
                    return straightThrough
                            ? execution.execute(op, OperationAction.EXECUTE, planned, locked, caller.id(), now)
                            : operations.persist(op).flatMap(persisted -> holdDebit(op, locked, now));
                });
            });
        }).flatMap(saved -> {
            // the answer and the events come from the history just written: nothing to flush or read back
            List<OperationHistoryEntry> written = List.copyOf(op.newHistory);
            OperationView view = OperationView.of(op, written);
            List<EventType> types = written.stream().map(entry -> eventType(entry.to)).toList();
            return saveHistory(op).call(ignored -> appendAll(types, view, 0)).map(ignored -> new Created(op, view));
        });
    }

    /**
     * Reads the accounts the request names (without locking: they are locked later, all at once, in id
     * order) and returns the unit the operation belongs to: that of the customer account it debits, or
     * of the one it credits.
     */
    private Uni<String> customerAccounts(Operation op) {
        List<UUID> ids = new ArrayList<>();
        if (op.debitAccountId != null) {
            ids.add(op.debitAccountId);
        }
        if (op.creditAccountId != null) {
            ids.add(op.creditAccountId);
        }
        return Panache.getSession().flatMap(session -> session
                .createSelectionQuery("select id, unit, currency, type from Account where id in :ids", Object[].class)
                .setParameter("ids", ids)
                .getResultList()
                .map(rows -> {
                    Map<UUID, Object[]> byId = new HashMap<>();
                    rows.forEach(row -> byId.put((UUID) row[0], row));
                    checkAccount("debitAccountId", op.debitAccountId, byId, op.currency);
                    checkAccount("creditAccountId", op.creditAccountId, byId, op.currency);
                    UUID owner = op.debitAccountId != null ? op.debitAccountId : op.creditAccountId;
                    return (String) byId.get(owner)[1];
                }));
    }

    /** An account id the request gives; one that cannot name any account is an unknown account. */
    private static UUID accountId(String field, String id) {
        if (id == null) {
            return null;
        }
        return Ids.parse(id).orElseThrow(() -> new ApiException(422, "UNKNOWN_ACCOUNT",
                "No account has the id given in " + field + ".", List.of(new FieldError(field, "unknown account"))));
    }

    private static void checkAccount(String field, UUID id, Map<UUID, Object[]> byId, String currency) {
        if (id == null) {
            return;
        }
        Object[] row = byId.get(id);
        if (row == null) {
            throw new ApiException(422, "UNKNOWN_ACCOUNT", "No account has the id given in " + field + ".",
                    List.of(new FieldError(field, "unknown account")));
        }
        if (row[3] == AccountType.INTERNAL) {
            throw new ApiException(422, "INTERNAL_ACCOUNT", "Internal accounts are moved only by the service's own postings.",
                    List.of(new FieldError(field, "is an internal account")));
        }
        if (!currency.equals(row[2])) {
            throw new ApiException(422, "CURRENCY_MISMATCH", "The operation is in " + currency + " but the account in "
                    + field + " is in " + row[2] + ".", List.of(new FieldError(field, "is held in " + row[2])));
        }
    }

    private Uni<Void> creditorNotHeldHere(Operation op) {
        if (op.creditorIban == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select count(*) from account where iban = :iban", Long.class)
                .setParameter("iban", op.creditorIban)
                .getSingleResult()
                .map(count -> {
                    if (count > 0) {
                        throw ApiException.unprocessable("CREDITOR_HELD_HERE",
                                "The creditor's IBAN is an account of ours: submit an internal transfer with creditAccountId.");
                    }
                    return null;
                }));
    }

    /** A submission that cannot become a valid operation creates nothing (422 with the reason). */
    private static void checkAcceptable(Operation op, Map<UUID, Account> locked) {
        if (op.creditAccountId != null) {
            refuse(locked.get(op.creditAccountId).refusal(op.amount), "creditAccountId");
        }
        if (op.debitAccountId != null) {
            refuse(locked.get(op.debitAccountId).refusal(op.amount.negate()), "debitAccountId");
        }
    }

    private static void refuse(String refusal, String field) {
        if (refusal == null) {
            return;
        }
        String detail = switch (refusal) {
            case "ACCOUNT_FROZEN" -> "The account in " + field + " is frozen.";
            case "ACCOUNT_CLOSED" -> "The account in " + field + " is closed.";
            default -> "The available balance of the account in " + field + " is too low.";
        };
        throw ApiException.unprocessable(refusal, detail);
    }

    /** SPEC: small transfers and cash operations for today execute in the submitting request. */
    private boolean isStraightThrough(Operation op, LocalDate today) {
        return OperationLifecycle.permits(op.type, OperationStatus.RECEIVED, OperationAction.EXECUTE)
                && !op.requiresApproval
                && op.amount.compareTo(stpThreshold) <= 0
                && !op.requestedExecutionDate.isAfter(today);
    }

    /** Until it executes, the operation's amount is reserved on the account it debits. */
    private Uni<Operation> holdDebit(Operation op, Map<UUID, Account> locked, Instant at) {
        if (op.debitAccountId == null) {
            return Uni.createFrom().item(op);
        }
        return ledger.hold(locked.get(op.debitAccountId), op.id, op.amount, at).replaceWith(op);
    }

    // ---------------------------------------------------------------- reading

    @WithSession
    public Uni<OperationView> get(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Operation " + id));
        return operations.findById(uuid).flatMap(op -> {
            if (op == null || !caller.canSee(op.unit)) {
                throw ApiException.notFound("Operation " + id);
            }
            return view(op);
        });
    }

    @WithSession
    public Uni<Page<OperationView>> list(OperationRepository.Filter filter, PageRequest page) {
        int limit = page.limit();
        UUID after = page.afterId();
        OperationRepository.Filter scoped = filter;
        if (caller.isUnitScoped()) {
            if (filter.unit() != null && !filter.unit().equals(caller.unit())) {
                return Uni.createFrom().item(new Page<>(List.of(), null));
            }
            scoped = new OperationRepository.Filter(filter.status(), filter.type(), caller.unit(), filter.accountId(),
                    filter.from(), filter.to());
        }
        return operations.page(scoped, after, limit + 1).flatMap(rows -> withHistory(rows, limit, (op, view) -> view));
    }

    @WithSession
    public Uni<Page<QueueItem>> queue(String unit, PageRequest page) {
        if (caller.isUnitScoped() && !caller.canSee(unit)) {
            throw ApiException.forbidden("FORBIDDEN", "Agents and supervisors see the queue of their own unit only.");
        }
        int limit = page.limit();
        UUID after = page.afterId();
        return Panache.getSession()
                .flatMap(session -> session.find(fr.backoffice.unit.Unit.class, unit))
                .flatMap(found -> {
                    if (found == null) {
                        throw ApiException.notFound("Unit " + unit);
                    }
                    return operations.queue(unit, after, limit + 1);
                })
                .flatMap(rows -> withHistory(rows, limit, (op, view) -> new QueueItem(dueAt(op.receivedAt), view)));
    }

    /** The time by which a waiting operation should be handled: one business day after it arrived. */
    private Instant dueAt(Instant receivedAt) {
        ZonedDateTime received = receivedAt.atZone(time.businessZone());
        LocalDate due = BusinessCalendar.plusBusinessDays(received.toLocalDate(), 1);
        return received.with(due).toInstant();
    }

    /** A page of operations with their histories, read in one query for the whole page. */
    private <T> Uni<Page<T>> withHistory(List<Operation> fetched, int limit, BiFunction<Operation, OperationView, T> map) {
        List<UUID> ids = fetched.stream().limit(limit).map(op -> op.id).toList();
        return history.of(ids).map(histories -> Page.of(fetched, limit, op -> op.id.toString(),
                op -> map.apply(op, OperationView.of(op, histories.getOrDefault(op.id, List.of())))));
    }


    // ---------------------------------------------------------------- actions

    @Audited
    @WithTransaction
    public Uni<Reply> claim(String id, String idempotencyKey) {
        return act(id, idempotencyKey, "claim", List.of(), op -> {
            if (op.status != OperationStatus.RECEIVED && op.status != OperationStatus.PENDING_APPROVAL) {
                throw ApiException.invalidTransition(op.status.name(), "claim the operation");
            }
            if (op.status == OperationStatus.PENDING_APPROVAL && !caller.is(Roles.SUPERVISOR)) {
                throw ApiException.forbidden("FORBIDDEN", "Only a supervisor handles an operation waiting for approval.");
            }
            requireNotClaimedByOther(op);
            op.assignee = caller.id();
            return Uni.createFrom().item(op);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> validate(String id, String idempotencyKey) {
        return act(id, idempotencyKey, "validate", List.of(), op -> {
            op.require(OperationAction.VALIDATE);
            requireNotClaimedByOther(op);
            if (caller.id().equals(op.submittedBy)) {
                throw fourEyes("You submitted this operation; another person validates it.");
            }
            op.validatedBy = caller.id();
            Instant now = time.now();
            if (op.requiresApproval) {
                op.move(OperationAction.VALIDATE, OperationStatus.PENDING_APPROVAL, caller.id(), null, now);
                op.assignee = null;
                return Uni.createFrom().item(op);
            }
            return proceed(op, OperationAction.VALIDATE, now);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> approve(String id, String idempotencyKey) {
        return act(id, idempotencyKey, "approve", List.of(), op -> {
            op.require(OperationAction.APPROVE);
            if (caller.id().equals(op.submittedBy) || caller.id().equals(op.validatedBy)) {
                throw fourEyes("Whoever submitted or validated an operation cannot approve it.");
            }
            requireNotClaimedByOther(op);
            op.approvedBy = caller.id();
            return proceed(op, OperationAction.APPROVE, time.now());
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> reject(String id, String idempotencyKey, ReasonCode reasonCode, String comment) {
        return act(id, idempotencyKey, "reject", Arrays.asList(reasonCode, comment), op -> {
            op.require(OperationAction.REJECT);
            Instant now = time.now();
            op.move(OperationAction.REJECT, OperationStatus.REJECTED, caller.id(), comment, now);
            op.reasonCode = reasonCode;
            op.reasonComment = comment;
            op.assignee = null;
            return releaseHold(op, now);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> cancel(String id, String idempotencyKey) {
        return act(id, idempotencyKey, "cancel", List.of(), op -> {
            op.require(OperationAction.CANCEL);
            Instant now = time.now();
            op.move(OperationAction.CANCEL, OperationStatus.CANCELLED, caller.id(), null, now);
            op.assignee = null;
            return releaseHold(op, now);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> clear(String id, String idempotencyKey) {
        return act(id, idempotencyKey, "clear", List.of(), op -> {
            op.require(OperationAction.CLEAR);
            Instant now = time.now();
            op.move(OperationAction.CLEAR, OperationStatus.CLEARED, caller.id(), null, now);
            return releaseHold(op, now);
        });
    }

    /** An unpaid cheque: the credit is taken back (mirror entries) and its hold released. */
    @Audited
    @WithTransaction
    public Uni<Reply> bounce(String id, String idempotencyKey, String reason) {
        return act(id, idempotencyKey, "bounce", List.of(reason), op -> {
            op.require(OperationAction.BOUNCE);
            Instant now = time.now();
            return ledger.postingsOf(op.id).flatMap(original -> {
                List<Posting> mirror = Postings.mirror(original);
                return lockFor(mirror, op).flatMap(locked -> ledger.releaseHold(op.id, locked, now)
                        .flatMap(v -> ledger.post(op.id, mirror, locked, now, BusinessCalendar.onOrAfter(time.today()),
                                "Unpaid cheque " + op.chequeNumber)));
            }).map(v -> {
                op.move(OperationAction.BOUNCE, OperationStatus.BOUNCED, caller.id(), reason, now);
                return op;
            });
        });
    }

    /** Undoes an executed operation with a REVERSAL operation posting the mirror of its entries. */
    @Audited
    @WithTransaction
    public Uni<Reply> reverse(String id, String idempotencyKey, String reason) {
        return act(id, idempotencyKey, "reverse", List.of(reason), op -> {
            op.require(OperationAction.REVERSE);
            Instant now = time.now();
            return ledger.postingsOf(op.id).flatMap(original -> {
                List<Posting> mirror = Postings.mirror(original);
                return lockFor(mirror, op).flatMap(locked -> ledger.releaseHold(op.id, locked, now).flatMap(v -> {
                    String refusal = Ledger.refusal(mirror, locked);
                    if (refusal != null) {
                        refuse(refusal, "the reversal");
                    }
                    Operation reversal = reversalOf(op, reason, now);
                    op.move(OperationAction.REVERSE, OperationStatus.REVERSED, caller.id(), reason, now);
                    op.reversedBy = reversal.id;
                    return operations.persist(reversal)
                            .flatMap(saved -> ledger.post(reversal.id, mirror, locked, now, reversal.valueDate,
                                    "Reversal: " + Execution.label(op)))
                            .flatMap(posted -> publish(reversal));
                }));
            }).replaceWith(op);
        });
    }

    private Operation reversalOf(Operation original, String reason, Instant now) {
        Operation reversal = new Operation();
        reversal.id = Ids.newId();
        reversal.type = OperationType.REVERSAL;
        reversal.status = OperationStatus.EXECUTED;
        reversal.amount = original.amount;
        reversal.currency = original.currency;
        reversal.debitAccountId = original.creditAccountId;
        reversal.creditAccountId = original.debitAccountId;
        reversal.label = "Reversal of " + original.id;
        reversal.unit = original.unit;
        reversal.requestedExecutionDate = time.today();
        reversal.valueDate = BusinessCalendar.onOrAfter(reversal.requestedExecutionDate);
        reversal.receivedAt = now;
        reversal.executedAt = now;
        reversal.submittedBy = caller.id();
        reversal.reversalOf = original.id;
        reversal.recordCreation(caller.id(), now);
        reversal.newHistory.get(0).reason = reason;
        return reversal;
    }

    /** After validation or approval: execute now when the date has come, else wait for it. */
    private Uni<Operation> proceed(Operation op, OperationAction action, Instant now) {
        if (op.requestedExecutionDate.isAfter(time.today())) {
            op.move(action, OperationStatus.SCHEDULED, caller.id(), null, now);
            op.assignee = null;
            return Uni.createFrom().item(op);
        }
        return execution.execute(op, action, caller.id(), now);
    }

    private Uni<Operation> releaseHold(Operation op, Instant now) {
        return ledger.heldAccount(op.id).flatMap(accountId -> accountId == null
                ? Uni.createFrom().item(op)
                : ledger.lock(Set.of(accountId)).flatMap(locked -> ledger.releaseHold(op.id, locked, now)).replaceWith(op));
    }

    private Uni<Map<UUID, Account>> lockFor(List<Posting> postings, Operation op) {
        Set<UUID> ids = new HashSet<>();
        postings.forEach(p -> ids.add(p.accountId()));
        return ledger.heldAccount(op.id).flatMap(held -> {
            if (held != null) {
                ids.add(held);
            }
            return ledger.lock(ids);
        });
    }

    /**
     * Locks the operation (so two people never move it at once), checks the caller's unit, applies the
     * action, and answers with the operation as it now stands; an Idempotency-Key makes a retry replay that answer.
     */
    private Uni<Reply> act(String id, String idempotencyKey, String action, Object request,
                           Function<Operation, Uni<Operation>> change) {
        return idempotency.once(caller.id(), idempotencyKey, "POST /operations/" + id + "/" + action, request,
                () -> locked(id, change).map(view -> Reply.ok(view, view.version())));
    }

    private Uni<OperationView> locked(String id, Function<Operation, Uni<Operation>> change) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Operation " + id));
        return operations.findById(uuid, LockModeType.PESSIMISTIC_WRITE).flatMap(op -> {
            if (op == null) {
                throw ApiException.notFound("Operation " + id);
            }
            if (!caller.canSee(op.unit)) {
                throw ApiException.forbidden("FORBIDDEN", "The operation belongs to another unit.");
            }
            return change.apply(op);
        }).flatMap(this::publish);
    }

    private void requireNotClaimedByOther(Operation op) {
        if (op.assignee != null && !op.assignee.equals(caller.id())) {
            throw ApiException.conflict("ALREADY_CLAIMED", "The operation is assigned to " + op.assignee + ".");
        }
    }

    private static ApiException fourEyes(String detail) {
        return ApiException.forbidden("FOUR_EYES_VIOLATION", detail);
    }

    /**
     * Ends a change of the operation: persists its new history entries, flushes, builds the view the endpoint
     * answers and appends one event per state change, all in the caller's transaction. Each history entry is one
     * state change and names its event by the status reached (a straight-through submission is
     * {@code operation.received} then {@code operation.executed}); a change without an entry is a claim. The
     * events of one request share the view as it commits (the view already built for the answer is serialized,
     * which keeps the hot path at one more insert per event, batched with the rest).
     */
    Uni<OperationView> publish(Operation op) {
        List<EventType> types = op.newHistory.isEmpty() ? List.of(EventType.OPERATION_CLAIMED)
                : op.newHistory.stream().map(entry -> eventType(entry.to)).toList();
        return saveHistory(op).flatMap(this::view).call(view -> appendAll(types, view, 0));
    }

    private Uni<Void> appendAll(List<EventType> types, OperationView view, int from) {
        if (from == types.size()) {
            return Uni.createFrom().voidItem();
        }
        // one after the other: a session is never used by two operations at once
        return events.append(types.get(from), view.id(), view).flatMap(v -> appendAll(types, view, from + 1));
    }

    static EventType eventType(OperationStatus reached) {
        return switch (reached) {
            case RECEIVED -> EventType.OPERATION_RECEIVED;
            case PENDING_APPROVAL -> EventType.OPERATION_PENDING_APPROVAL;
            case SCHEDULED -> EventType.OPERATION_SCHEDULED;
            case EXECUTED -> EventType.OPERATION_EXECUTED;
            case REJECTED -> EventType.OPERATION_REJECTED;
            case CANCELLED -> EventType.OPERATION_CANCELLED;
            case REVERSED -> EventType.OPERATION_REVERSED;
            case CLEARED -> EventType.OPERATION_CLEARED;
            case BOUNCED -> EventType.OPERATION_BOUNCED;
        };
    }

    /** Persists the status changes made in this unit of work. */
    private Uni<Operation> saveHistory(Operation op) {
        if (op.newHistory.isEmpty()) {
            return Uni.createFrom().item(op);
        }
        List<OperationHistoryEntry> entries = List.copyOf(op.newHistory);
        op.newHistory.clear();
        return history.persist(entries).replaceWith(op);
    }

    /** Flushes, so the version is the one committed, and reads the full history. */
    private Uni<OperationView> view(Operation op) {
        return operations.flush()
                .flatMap(v -> history.list("operationId = ?1 order by id", op.id))
                .map(entries -> OperationView.of(op, entries));
    }
}
