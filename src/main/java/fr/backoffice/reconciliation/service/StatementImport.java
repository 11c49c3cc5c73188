package fr.backoffice.reconciliation.service;

import fr.backoffice.account.InternalPurpose;
import fr.backoffice.audit.Audited;
import fr.backoffice.common.Ids;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.iso20022.IsoXmlWriter;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.reconciliation.ExceptionKind;
import fr.backoffice.reconciliation.ExceptionStatus;
import fr.backoffice.reconciliation.LineState;
import fr.backoffice.reconciliation.Matching;
import fr.backoffice.reconciliation.api.StatementLineView;
import fr.backoffice.reconciliation.api.StatementLoaded;
import fr.backoffice.reconciliation.api.StatementView;
import fr.backoffice.reconciliation.iso20022.CamtStatement;
import fr.backoffice.reconciliation.repository.ReconciliationRepository.Candidate;
import fr.backoffice.reconciliation.repository.ReconciliationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static fr.backoffice.reconciliation.repository.ReconciliationRepository.row;

/**
 * Loads the settlement bank's statements of our accounts and matches them (docs/reconciliation.md "Reconciliation"),
 * all in one transaction: a statement is loaded whole, matched and queued, or refused with nothing kept.
 */
@ApplicationScoped
public class StatementImport {

    /** The internal accounts the settlement bank keeps a mirror of: their statements are what we reconcile. */
    static final Set<String> RECONCILED_PURPOSES = Set.of(InternalPurpose.CLEARING_SETTLEMENT.name());

    private final ReconciliationRepository repository;

    private final Idempotency idempotency;

    private final Events events;

    private final Caller caller;

    private final TimeSource time;

    private final BackOfficeConfig config;

    public StatementImport(ReconciliationRepository repository, Idempotency idempotency, Events events, Caller caller,
            TimeSource time, BackOfficeConfig config) {
        this.repository = repository;
        this.idempotency = idempotency;
        this.events = events;
        this.caller = caller;
        this.time = time;
        this.config = config;
    }

    /** {@code fingerprint} is the document's SHA-256 (hex): what a replay and an idempotent retry are compared with. */
    @Audited
    @WithTransaction
    public Uni<Reply> load(CamtStatement.Message message, String fingerprint, String idempotencyKey) {
        return idempotency.once(idempotencyKey, fingerprint, () -> repository.accountByIban(message.iban())
                .flatMap(account -> {
                    if (account == null || !"INTERNAL".equals(account.type()) || !RECONCILED_PURPOSES.contains(account.purpose())) {
                        throw new ApiException(ProblemCode.UNKNOWN_SETTLEMENT_ACCOUNT, "The statement is about the account "
                                + message.iban() + ", which is no settlement account of ours (a unit's clearing settlement "
                                + "account); nothing was loaded.", List.of(new FieldError(message.ibanPath(),
                                "names no settlement account of ours")));
                    }
                    if (!account.currency().equals(message.currency())) {
                        throw new ApiException(ProblemCode.CURRENCY_MISMATCH, "The statement is in " + message.currency()
                                + ", the account in " + account.currency() + "; nothing was loaded.");
                    }
                    return repository.lockAccount(account.id())
                            .flatMap(locked -> repository.loaded(account.id(), message.messageId(), message.messageType(),
                                    message.sequenceNumber()))
                            .flatMap(earlier -> earlier != null ? replay(earlier, message, fingerprint)
                                    : continuity(account.id(), message).flatMap(ok -> loadNew(account.id(), message, fingerprint)));
                }));
    }

    /** The same document again answers what it did the first time; another one under its MsgId or number is refused. */
    private Uni<Reply> replay(ReconciliationRepository.StatementRow earlier, CamtStatement.Message message, String fingerprint) {
        if (!earlier.sha256().equals(fingerprint)) {
            boolean sameId = earlier.messageId().equals(message.messageId());
            throw new ApiException(ProblemCode.STATEMENT_ALREADY_LOADED, "Another statement was already loaded for this account "
                    + (sameId ? "with the MsgId " + message.messageId() : "with the ElctrncSeqNb " + message.sequenceNumber())
                    + " (" + earlier.id() + "); a replay must be the same document. Nothing was loaded.");
        }
        return summary(earlier.id()).map(loaded -> Reply.ok(loaded, null));
    }

    /**
     * An end-of-day statement opens with the closing balance of the last one loaded for the account: otherwise a
     * statement is missing (or this one is wrong), and it is refused naming the gap.
     */
    private Uni<Void> continuity(UUID accountId, CamtStatement.Message message) {
        if (!CamtStatement.STATEMENT.equals(message.messageType())) {
            return Uni.createFrom().voidItem();
        }
        return repository.lastEndOfDay(accountId, message.messageType()).map(last -> {
            if (last == null) {
                return null;
            }
            if (last.closingBalance().compareTo(message.opening().amount()) != 0) {
                BigDecimal gap = message.opening().amount().subtract(last.closingBalance());
                throw new ApiException(ProblemCode.BALANCE_GAP, "The opening balance " + IsoXmlWriter.decimal(message.opening().amount())
                        + " of " + message.opening().date() + " does not follow the closing balance "
                        + IsoXmlWriter.decimal(last.closingBalance()) + " of " + last.closingDate() + " of the last statement "
                        + "loaded (MsgId " + last.messageId() + (last.sequenceNumber() == null ? "" : ", ElctrncSeqNb "
                        + last.sequenceNumber()) + "): a gap of " + IsoXmlWriter.decimal(gap) + ". Load the missing statement "
                        + "first" + (message.sequenceNumber() != null && last.sequenceNumber() != null
                        && message.sequenceNumber() > last.sequenceNumber() + 1 ? " (ElctrncSeqNb " + (last.sequenceNumber() + 1)
                        + (message.sequenceNumber() > last.sequenceNumber() + 2 ? " to " + (message.sequenceNumber() - 1) : "")
                        + ")" : "") + "; nothing was loaded.",
                        List.of(new FieldError(message.opening().path(), "opens at " + IsoXmlWriter.decimal(message.opening().amount())
                                + ", the last statement closed at " + IsoXmlWriter.decimal(last.closingBalance()))));
            }
            return null;
        });
    }

    private Uni<Reply> loadNew(UUID accountId, CamtStatement.Message message, String fingerprint) {
        Instant until = message.periodEnd() != null ? message.periodEnd()
                : message.lastDate().plusDays(1).atStartOfDay(time.businessZone()).toInstant();
        List<CamtStatement.Line> lines = message.lines();
        return repository.unmatchedEntries(accountId, until).flatMap(candidates -> repository.filesOfTransactions(
                        lines.stream().map(CamtStatement.Line::transactionId).toList(),
                        lines.stream().map(l -> l.reference().orElse(null)).toList())
                .flatMap(files -> {
                    Matching.Outcome outcome = Matching.match(lines, candidates.stream().map(Candidate::entry).toList(), files,
                            config.reconciliation().valueDateToleranceDays());
                    return store(accountId, message, fingerprint, until, candidates, outcome);
                }));
    }

    private Uni<Reply> store(UUID accountId, CamtStatement.Message message, String fingerprint, Instant until,
                             List<Candidate> candidates, Matching.Outcome outcome) {
        Instant now = time.now();
        String by = caller.id();
        UUID statementId = Ids.newId();
        List<CamtStatement.Line> lines = message.lines();
        UUID[] lineIds = new UUID[lines.size()];
        for (int i = 0; i < lineIds.length; i++) {
            lineIds[i] = Ids.newId();
        }
        JsonArray matches = new JsonArray();
        JsonArray matchedEntries = new JsonArray();
        Map<Integer, UUID> matchOfLine = new HashMap<>();
        Map<Integer, String> ruleOfLine = new HashMap<>();
        List<UUID> taken = new ArrayList<>();
        for (Matching.Match match : outcome.matches()) {
            UUID matchId = Ids.newId();
            matches.add(row("id", matchId, "account_id", accountId, "rule", match.rule().name(), "shape", match.shape().name(),
                    "matched_at", now, "matched_by", by));
            match.entries().forEach(entry -> matchedEntries.add(row("entry_id", entry, "match_id", matchId)));
            taken.addAll(match.entries());
            match.lines().forEach(i -> {
                matchOfLine.put(i, matchId);
                ruleOfLine.put(i, match.rule().name());
            });
        }
        JsonArray candidateRows = new JsonArray();
        outcome.partials().forEach(p -> {
            ruleOfLine.put(p.line(), p.rule().name());
            p.candidates().forEach(entry -> candidateRows.add(row("line_id", lineIds[p.line()], "entry_id", entry)));
        });
        JsonArray lineRows = new JsonArray();
        JsonArray exceptions = new JsonArray();
        int matched = 0;
        for (int i = 0; i < lines.size(); i++) {
            CamtStatement.Line line = lines.get(i);
            LineState state = outcome.stateOf(i);
            if (state == LineState.MATCHED) {
                matched++;
            } else {
                exceptions.add(row("id", Ids.newId(), "kind", ExceptionKind.STATEMENT_LINE.name(), "account_id", accountId,
                        "statement_id", statementId, "line_id", lineIds[i], "entry_id", null,
                        "amount", line.amount().toPlainString(), "credit_debit", line.creditDebit(), "value_date", line.valueDate(),
                        "status", ExceptionStatus.OPEN.name(), "created_at", now, "version", 0));
            }
            lineRows.add(row("id", lineIds[i], "statement_id", statementId, "account_id", accountId, "line_number", i + 1,
                    "path", cut(line.path(), 200), "amount", line.amount().toPlainString(), "credit_debit", line.creditDebit(),
                    "booking_date", line.bookingDate(), "value_date", line.valueDate(),
                    "account_servicer_ref", line.accountServicerRef(), "end_to_end_id", line.endToEndId(),
                    "transaction_id", line.transactionId(), "message_id", line.messageId(),
                    "remittance", line.remittance() == null ? null : oneLine(line.remittance()),
                    "counterparty_name", line.counterpartyName() == null ? null : oneLine(line.counterpartyName()),
                    "counterparty_iban", line.counterpartyIban(), "state", state.name(), "rule", ruleOfLine.get(i),
                    "match_id", matchOfLine.get(i)));
        }
        // entries booked by us up to the end of an end-of-day statement's period that no line matched: not seen by the bank
        int unreported = 0;
        if (CamtStatement.STATEMENT.equals(message.messageType())) {
            Set<UUID> takenSet = Set.copyOf(taken);
            for (Candidate candidate : candidates) {
                Matching.Entry entry = candidate.entry();
                if (candidate.withinPeriod() && !takenSet.contains(entry.id())) {
                    unreported++;
                    exceptions.add(row("id", Ids.newId(), "kind", ExceptionKind.LEDGER_ENTRY.name(), "account_id", accountId,
                            "statement_id", statementId, "line_id", null, "entry_id", entry.id(),
                            "amount", entry.amount().abs().toPlainString(),
                            "credit_debit", entry.amount().signum() < 0 ? CamtStatement.CREDIT : CamtStatement.DEBIT,
                            "value_date", entry.valueDate(), "status", ExceptionStatus.OPEN.name(), "created_at", now, "version", 0));
                }
            }
        }
        int unmatched = lines.size() - matched;
        ReconciliationRepository.NewStatement statement = new ReconciliationRepository.NewStatement(statementId, accountId,
                message.messageType(), message.messageId(), message.statementRef(), message.sequenceNumber(),
                message.currency(), message.opening() == null ? null : message.opening().amount(),
                message.opening() == null ? null : message.opening().date(),
                message.closing() == null ? null : message.closing().amount(),
                message.closing() == null ? null : message.closing().date(), until, fingerprint, now, by, lines.size(),
                matched, unmatched);
        String autoReason = "Matched by a line of statement " + message.messageId();
        return repository.insert(statement)
                .call(() -> repository.insertMatches(matches))
                .call(() -> repository.insertMatchedEntries(matchedEntries))
                .call(() -> repository.insertLines(lineRows))
                .call(() -> repository.insertCandidates(candidateRows))
                .call(() -> repository.resolveEntries(taken, fr.backoffice.reconciliation.Resolution.AUTO_MATCHED.name(), autoReason, now, by)
                        .call(resolved -> ExceptionQueue.announce(repository, events, resolved, EventType.RECONCILIATION_EXCEPTION_RESOLVED)))
                .call(() -> repository.insertExceptions(exceptions))
                .replaceWith(() -> new StatementLoaded(statementId.toString(), accountId.toString(), message.messageId(),
                        message.messageType(), lines.size(), lines.size() - unmatched, unmatched, unreportedCount(exceptions), by, false))
                .call(loaded -> events.append(EventType.RECONCILIATION_STATEMENT_LOADED, loaded.id(), loaded))
                .map(loaded -> Reply.created(loaded, "/reconciliation/statements/" + loaded.id(), null));
    }

    private static int unreportedCount(JsonArray exceptions) {
        int count = 0;
        for (int i = 0; i < exceptions.size(); i++) {
            if (ExceptionKind.LEDGER_ENTRY.name().equals(exceptions.getJsonObject(i).getString("kind"))) {
                count++;
            }
        }
        return count;
    }

    /** The answer to loading the statement, as it stands. */
    private Uni<StatementLoaded> summary(UUID id) {
        return repository.statement(id).flatMap(row -> repository.unreportedEntries(id).map(unreported ->
                new StatementLoaded((String) row[0], (String) row[1], (String) row[3], (String) row[2],
                        ((Number) row[13]).intValue(), ((Number) row[14]).intValue(), ((Number) row[15]).intValue(),
                        unreported.size(), (String) row[12], true)));
    }

    @WithSession
    public Uni<StatementView> get(String id) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("Statement " + id));
        return repository.statement(uuid).flatMap(row -> {
            if (row == null) {
                throw ApiException.notFound("Statement " + id);
            }
            return repository.lines(uuid).flatMap(lines -> repository.unreportedEntries(uuid).map(unreported ->
                    view(row, lines, unreported)));
        });
    }

    private static StatementView view(Object[] row, List<Object[]> lines, List<String> unreported) {
        List<StatementLineView> items = lines.stream().map(l -> new StatementLineView((String) l[0], (String) l[1],
                        (String) l[2], (String) l[3], l[4] == null ? null : java.time.LocalDate.parse((String) l[4]),
                        java.time.LocalDate.parse((String) l[5]),
                        new StatementLineView.References((String) l[6], (String) l[7], (String) l[8], (String) l[9], (String) l[10]),
                        l[11] == null && l[12] == null ? null : new StatementLineView.Counterparty((String) l[11], (String) l[12]),
                        LineState.valueOf((String) l[13]),
                        (String) l[14], (String) l[15],
                        ReconciliationRepository.split(l[16], UUID::fromString), ReconciliationRepository.split(l[17], UUID::fromString)))
                .collect(Collectors.toList());
        return new StatementView((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                row[5] == null ? null : Long.valueOf((String) row[5]), (String) row[6],
                row[7] == null ? null : new StatementView.Balance(IsoXmlWriter.decimal(new BigDecimal((String) row[7])),
                        java.time.LocalDate.parse((String) row[8])),
                row[9] == null ? null : new StatementView.Balance(IsoXmlWriter.decimal(new BigDecimal((String) row[9])),
                        java.time.LocalDate.parse((String) row[10])),
                ReconciliationRepository.instant(row[11]), (String) row[12], ((Number) row[13]).intValue(),
                ((Number) row[14]).intValue(), ((Number) row[15]).intValue(), items,
                unreported.stream().map(UUID::fromString).toList());
    }

    private static String oneLine(String text) {
        return cut(text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' '), 140);
    }

    private static String cut(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max));
    }
}
