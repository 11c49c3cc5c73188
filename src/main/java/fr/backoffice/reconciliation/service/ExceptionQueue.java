package fr.backoffice.reconciliation.service;

import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.reconciliation.ExceptionKind;
import fr.backoffice.reconciliation.ExceptionStatus;
import fr.backoffice.reconciliation.MatchRule;
import fr.backoffice.reconciliation.MatchShape;
import fr.backoffice.reconciliation.Matching;
import fr.backoffice.reconciliation.Resolution;
import fr.backoffice.reconciliation.api.ExceptionView;
import fr.backoffice.reconciliation.api.Resolve;
import fr.backoffice.reconciliation.repository.ReconciliationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static fr.backoffice.reconciliation.repository.ReconciliationRepository.row;

/**
 * The reconciliation queue (docs/reconciliation.md "The exceptions queue"): every line no entry matched and every
 * entry no line matched, claimed and resolved by the reconciliation desk. A manual match records which entries and
 * lines agree, a bank error closes a line the bank will correct, neither posts; a write-off posts through an operation
 * ({@link WriteOffs}). Four eyes from the approval threshold: the item must be claimed, and another person than its
 * assignee resolves it.
 */
@ApplicationScoped
public class ExceptionQueue {

    private final ReconciliationRepository repository;

    private final Events events;

    private final Caller caller;

    private final TimeSource time;

    private final Idempotency idempotency;

    private final BackOfficeConfig config;

    private final WriteOffs writeOffs;

    public ExceptionQueue(ReconciliationRepository repository, Events events, Caller caller, TimeSource time,
            Idempotency idempotency, BackOfficeConfig config, WriteOffs writeOffs) {
        this.repository = repository;
        this.events = events;
        this.caller = caller;
        this.time = time;
        this.idempotency = idempotency;
        this.config = config;
        this.writeOffs = writeOffs;
    }

    @WithSession
    public Uni<Page<ExceptionView>> list(String status, String accountId, String kind, PageRequest page) {
        int limit = page.limit();
        if (status != null && Optional.ofNullable(status).filter(s -> s.matches("OPEN|CLAIMED|RESOLVED")).isEmpty()) {
            throw ApiException.invalidField("status", "must be OPEN, CLAIMED or RESOLVED");
        }
        if (kind != null && !kind.matches("STATEMENT_LINE|LEDGER_ENTRY")) {
            throw ApiException.invalidField("kind", "must be STATEMENT_LINE or LEDGER_ENTRY");
        }
        UUID account = accountId == null ? null : Ids.parse(accountId)
                .orElseThrow(() -> ApiException.invalidField("accountId", "must be an account id (a UUID)"));
        return repository.exceptionPage(status, account, kind, page.afterId(), limit + 1)
                .map(rows -> Page.of(rows, limit, r -> (String) r[0], ExceptionQueue::view));
    }

    @WithSession
    public Uni<ExceptionView> get(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Reconciliation exception " + id));
        return repository.exception(uuid, false).map(row -> {
            if (row == null) {
                throw ApiException.notFound("Reconciliation exception " + id);
            }
            return view(row);
        });
    }

    @Audited
    @WithTransaction
    public Uni<Reply> claim(String id, String idempotencyKey) {
        return idempotency.once(idempotencyKey, id, () -> locked(id).flatMap(item -> {
            if (item.status() == ExceptionStatus.RESOLVED) {
                throw ApiException.invalidTransition(item.status().name(), "claim");
            }
            if (item.status() == ExceptionStatus.CLAIMED) {
                if (!caller.id().equals(item.assignee())) {
                    throw claimedByAnother(item);
                }
                return Uni.createFrom().item(Reply.ok(item, item.version()));
            }
            return repository.claim(UUID.fromString(item.id()), caller.id())
                    .flatMap(n -> changed(item.id(), EventType.RECONCILIATION_EXCEPTION_CLAIMED));
        }));
    }

    @Audited
    @WithTransaction
    public Uni<Reply> resolve(String id, Resolve body, String idempotencyKey) {
        Resolution resolution = resolutionOf(body);
        return idempotency.once(idempotencyKey, body, () -> locked(id).flatMap(item -> {
            if (item.status() == ExceptionStatus.RESOLVED) {
                throw ApiException.invalidTransition(item.status().name(), "resolve");
            }
            requireResolver(item);
            Instant now = time.now();
            String reason = body.reason().strip();
            if (resolution == Resolution.BANK_ERROR) {
                if (item.kind() != ExceptionKind.STATEMENT_LINE) {
                    throw new ApiException(ProblemCode.RESOLUTION_NOT_ALLOWED, "An entry of ours the bank did not report is no "
                            + "error of the bank's: match it by hand to the line that reports it.",
                            List.of(new FieldError("resolution", "BANK_ERROR resolves a STATEMENT_LINE only")));
                }
                return repository.resolve(UUID.fromString(item.id()), resolution.name(), reason, now, caller.id())
                        .flatMap(n -> changed(item.id(), EventType.RECONCILIATION_EXCEPTION_RESOLVED));
            }
            if (resolution == Resolution.WRITE_OFF) {
                return writeOffs.writeOff(item, reason, now)
                        .flatMap(operationId -> changed(item.id(), EventType.RECONCILIATION_EXCEPTION_RESOLVED));
            }
            return item.kind() == ExceptionKind.STATEMENT_LINE
                    ? matchLine(item, ids(body.entryIds(), "entryIds"), reason, now)
                    : matchEntry(item, ids(body.lineIds(), "lineIds"), reason, now);
        }));
    }

    /** A line matched by hand to entries of its account: unmatched ones, on the other side, adding up to its amount. */
    private Uni<Reply> matchLine(ExceptionView item, List<UUID> entryIds, String reason, Instant now) {
        UUID account = UUID.fromString(item.accountId());
        UUID line = UUID.fromString(item.lineId());
        return repository.lockOpenLines(account, List.of(line)).flatMap(lines -> repository.unmatchedEntriesAmong(account, entryIds)
                .flatMap(entries -> {
                    if (entries.size() != entryIds.size()) {
                        throw new ApiException(ProblemCode.UNKNOWN_ENTRY, "Every entry must be an entry of the line's account that "
                                + "no match took yet; nothing was matched.", List.of(new FieldError("entryIds",
                                "names an entry of another account, an unknown one, or one already matched")));
                    }
                    BigDecimal sum = BigDecimal.ZERO;
                    for (Object[] entry : entries) {
                        BigDecimal amount = new BigDecimal((String) entry[1]);
                        if (!Matching.mirrors(item.creditDebit(), amount)) {
                            throw new ApiException(ProblemCode.AMOUNTS_DISAGREE, "A " + item.creditDebit() + " line is matched to "
                                    + (fr.backoffice.reconciliation.iso20022.CamtStatement.CREDIT.equals(item.creditDebit())
                                    ? "debit" : "credit") + " entries of ours only; nothing was matched.",
                                    List.of(new FieldError("entryIds", "entry " + entry[0] + " is on the same side as the line")));
                        }
                        sum = sum.add(amount.abs());
                    }
                    requireSameAmount(sum, new BigDecimal(item.amount()), "entryIds");
                    return record(account, List.of(line), entryIds, reason, now)
                            .flatMap(ids -> changedAll(ids, item.id()));
                }));
    }

    /** An entry matched by hand to open lines of its account's statements adding up to its amount. */
    private Uni<Reply> matchEntry(ExceptionView item, List<UUID> lineIds, String reason, Instant now) {
        UUID account = UUID.fromString(item.accountId());
        UUID entry = UUID.fromString(item.entryId());
        return repository.unmatchedEntriesAmong(account, List.of(entry)).flatMap(entries -> {
            if (entries.isEmpty()) {
                throw new ApiException(ProblemCode.ALREADY_MATCHED, "The entry was matched meanwhile; nothing was matched.");
            }
            return repository.lockOpenLines(account, lineIds).flatMap(lines -> {
                if (lines.size() != lineIds.size()) {
                    throw new ApiException(ProblemCode.UNKNOWN_LINE, "Every line must be an unmatched line of a statement of the "
                            + "entry's account; nothing was matched.", List.of(new FieldError("lineIds",
                            "names a line of another account, an unknown one, or one already matched")));
                }
                BigDecimal sum = BigDecimal.ZERO;
                for (Object[] l : lines) {
                    if (!l[2].equals(item.creditDebit())) {
                        throw new ApiException(ProblemCode.AMOUNTS_DISAGREE, "The entry is " + item.creditDebit() + " as the bank "
                                + "sees it; every line must be too. Nothing was matched.",
                                List.of(new FieldError("lineIds", "line " + l[0] + " is " + l[2])));
                    }
                    sum = sum.add(new BigDecimal((String) l[1]));
                }
                requireSameAmount(sum, new BigDecimal(item.amount()), "lineIds");
                return record(account, lineIds, List.of(entry), reason, now).flatMap(ids -> changedAll(ids, item.id()));
            });
        });
    }

    /** The match MANUAL, its lines MATCHED, and every open exception of those lines and entries resolved. */
    private Uni<List<UUID>> record(UUID account, List<UUID> lineIds, List<UUID> entryIds, String reason, Instant now) {
        UUID matchId = Ids.newId();
        MatchShape shape = lineIds.size() > 1 ? MatchShape.MANY_TO_ONE : entryIds.size() > 1 ? MatchShape.ONE_TO_MANY
                : MatchShape.ONE_TO_ONE;
        JsonArray match = new JsonArray().add(row("id", matchId, "account_id", account, "rule", MatchRule.MANUAL.name(),
                "shape", shape.name(), "matched_at", now, "matched_by", caller.id()));
        JsonArray taken = new JsonArray();
        entryIds.forEach(e -> taken.add(row("entry_id", e, "match_id", matchId)));
        List<UUID> resolved = new ArrayList<>();
        return repository.insertMatches(match)
                .call(() -> repository.insertMatchedEntries(taken))
                .call(() -> repository.matchLines(lineIds, matchId, MatchRule.MANUAL.name()))
                .call(() -> repository.resolveLines(lineIds, reason, now, caller.id()).invoke(resolved::addAll))
                .call(() -> repository.resolveEntries(entryIds, Resolution.MANUAL_MATCH.name(), reason, now, caller.id())
                        .invoke(resolved::addAll))
                .replaceWith(resolved);
    }

    private static void requireSameAmount(BigDecimal sum, BigDecimal amount, String field) {
        if (sum.compareTo(amount) != 0) {
            throw new ApiException(ProblemCode.AMOUNTS_DISAGREE, "They add up to " + sum.toPlainString() + ", the item is "
                    + amount.toPlainString() + "; nothing was matched.", List.of(new FieldError(field, "add up to "
                    + sum.toPlainString() + ", not " + amount.toPlainString())));
        }
    }

    /**
     * Who may resolve: below the approval threshold, anyone of the desk (but not while another person holds it); from
     * it, four eyes: claimed first, then resolved by another person than its assignee.
     */
    private void requireResolver(ExceptionView item) {
        boolean large = new BigDecimal(item.amount()).compareTo(config.approvalThreshold()) >= 0;
        if (large) {
            if (item.status() != ExceptionStatus.CLAIMED) {
                throw new ApiException(ProblemCode.CLAIM_REQUIRED, "The item is of " + item.amount() + ", at or above the approval "
                        + "threshold: one person claims it, another resolves it (four eyes).");
            }
            if (caller.id().equals(item.assignee())) {
                throw new ApiException(ProblemCode.FOUR_EYES_VIOLATION, "You claimed this item of " + item.amount() + ", at or "
                        + "above the approval threshold: another person of the reconciliation desk resolves it.");
            }
        } else if (item.status() == ExceptionStatus.CLAIMED && !caller.id().equals(item.assignee())) {
            throw claimedByAnother(item);
        }
    }

    private static ApiException claimedByAnother(ExceptionView item) {
        return new ApiException(ProblemCode.CLAIMED_BY_ANOTHER, "The item is claimed by " + item.assignee() + ".");
    }

    private static Resolution resolutionOf(Resolve body) {
        try {
            Resolution resolution = Resolution.valueOf(body.resolution());
            if (resolution == Resolution.AUTO_MATCHED) {
                throw new IllegalArgumentException();
            }
            return resolution;
        } catch (IllegalArgumentException unknown) {
            throw ApiException.invalidField("resolution", "must be MANUAL_MATCH, BANK_ERROR or WRITE_OFF");
        }
    }

    private static List<UUID> ids(List<UUID> ids, String field) {
        if (ids == null || ids.isEmpty()) {
            throw ApiException.invalidField(field, "is required for a MANUAL_MATCH: the ids matched to the item");
        }
        List<UUID> parsed = new ArrayList<>();
        for (UUID uuid : ids) {
            if (uuid == null) {
                throw ApiException.invalidField(field, "holds a null");
            }
            if (parsed.contains(uuid)) {
                throw ApiException.invalidField(field, "names " + uuid + " twice");
            }
            parsed.add(uuid);
        }
        return parsed;
    }

    private Uni<ExceptionView> locked(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Reconciliation exception " + id));
        return repository.exception(uuid, true).map(row -> {
            if (row == null) {
                throw ApiException.notFound("Reconciliation exception " + id);
            }
            return view(row);
        });
    }

    private Uni<Reply> changed(String id, EventType type) {
        return repository.exception(UUID.fromString(id), false).map(ExceptionQueue::view)
                .call(view -> events.append(type, view.id(), view))
                .map(view -> Reply.ok(view, view.version()));
    }

    /** Each exception resolved gets its event; the answer is the one the request named. */
    private Uni<Reply> changedAll(List<UUID> ids, String named) {
        return announce(repository, events, ids, EventType.RECONCILIATION_EXCEPTION_RESOLVED)
                .flatMap(ignored -> repository.exception(UUID.fromString(named), false))
                .map(row -> {
                    ExceptionView view = view(row);
                    return Reply.ok(view, view.version());
                });
    }

    /** One event per exception changed, with its representation after the change. */
    static Uni<Void> announce(ReconciliationRepository repository, Events events, List<UUID> ids, EventType type) {
        return repository.exceptions(ids).flatMap(rows -> {
            Uni<Void> done = Uni.createFrom().voidItem();
            for (Object[] row : rows) {
                ExceptionView view = view(row);
                done = done.call(() -> events.append(type, view.id(), view));
            }
            return done;
        });
    }

    static ExceptionView view(Object[] r) {
        return new ExceptionView((String) r[0], ExceptionKind.valueOf((String) r[1]), (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], LocalDate.parse((String) r[8]),
                ExceptionStatus.valueOf((String) r[9]), (String) r[10], (String) r[11],
                (String) r[12], ReconciliationRepository.split(r[17], UUID::fromString), ReconciliationRepository.instant(r[13]),
                ReconciliationRepository.instant(r[14]), (String) r[15], (String) r[18], Long.parseLong((String) r[16]));
    }
}
