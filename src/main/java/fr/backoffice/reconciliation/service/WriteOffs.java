package fr.backoffice.reconciliation.service;

import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.security.Caller;
import fr.backoffice.operation.service.ReconciliationOperations;
import fr.backoffice.reconciliation.ExceptionKind;
import fr.backoffice.reconciliation.MatchRule;
import fr.backoffice.reconciliation.MatchShape;
import fr.backoffice.reconciliation.WriteOff;
import fr.backoffice.reconciliation.api.ExceptionView;
import fr.backoffice.reconciliation.repository.ReconciliationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static fr.backoffice.reconciliation.repository.ReconciliationRepository.row;

/**
 * An item of the queue written off (docs/reconciliation.md "Writing off"): a RECONCILIATION_WRITE_OFF operation books its
 * amount between the reconciled account and the unit's reconciliation suspense account, and a match of the rule
 * WRITE_OFF ties the write-off's entry to the line (or to the unreported entry it takes back), so that neither comes back
 * to the queue. In the caller's transaction, which has locked the item and checked who may resolve it.
 */
@ApplicationScoped
public class WriteOffs {

    private final ReconciliationRepository repository;

    private final ReconciliationOperations operations;

    private final Caller caller;

    public WriteOffs(ReconciliationRepository repository, ReconciliationOperations operations, Caller caller) {
        this.repository = repository;
        this.operations = operations;
        this.caller = caller;
    }

    /** Books the write-off and records it; answers the operation's id. */
    public Uni<UUID> writeOff(ExceptionView item, String reason, Instant now) {
        UUID account = UUID.fromString(item.accountId());
        return stillOpen(item, account)
                .flatMap(ignored -> repository.unitAndCurrency(account))
                .flatMap(unitAndCurrency -> operations.writeOff(new ReconciliationOperations.WriteOff(account,
                        (String) unitAndCurrency[0], (String) unitAndCurrency[1], new BigDecimal(item.amount()),
                        WriteOff.debitsReconciledAccount(item.kind(), item.creditDebit()), item.valueDate(),
                        WriteOff.label(item.kind(), item.creditDebit(), item.amount()), reason), caller.id(), now))
                .flatMap(op -> repository.entryOf(op.id, account)
                        .flatMap(entry -> record(item, account, entry, now))
                        .flatMap(ignored -> repository.writtenOff(UUID.fromString(item.id()), op.id, reason, now, caller.id()))
                        .replaceWith(op.id));
    }

    /** The line is still unmatched (locked), or the entry still unmatched: another resolution may have taken it. */
    private Uni<Void> stillOpen(ExceptionView item, UUID account) {
        Uni<Integer> open = item.kind() == ExceptionKind.STATEMENT_LINE
                ? repository.lockOpenLines(account, List.of(UUID.fromString(item.lineId()))).map(List::size)
                : repository.unmatchedEntriesAmong(account, List.of(UUID.fromString(item.entryId()))).map(List::size);
        return open.invoke(n -> {
            if (n == 0) {
                throw new ApiException(ProblemCode.ALREADY_MATCHED, "The item's " + (item.kind() == ExceptionKind.STATEMENT_LINE
                        ? "line" : "entry") + " was matched meanwhile; nothing was written off.");
            }
        }).replaceWithVoid();
    }

    /** The match WRITE_OFF: the line and the write-off's entry, or the unreported entry and the entry taking it back. */
    private Uni<Void> record(ExceptionView item, UUID account, UUID writeOffEntry, Instant now) {
        UUID matchId = Ids.newId();
        boolean line = item.kind() == ExceptionKind.STATEMENT_LINE;
        JsonArray match = new JsonArray().add(row("id", matchId, "account_id", account, "rule", MatchRule.WRITE_OFF.name(),
                "shape", MatchShape.ONE_TO_ONE.name(), "matched_at", now,
                "matched_by", caller.id()));
        JsonArray taken = new JsonArray().add(row("entry_id", writeOffEntry, "match_id", matchId));
        if (!line) {
            taken.add(row("entry_id", UUID.fromString(item.entryId()), "match_id", matchId));
        }
        return repository.insertMatches(match)
                .call(() -> repository.insertMatchedEntries(taken))
                .call(() -> line ? repository.matchLines(List.of(UUID.fromString(item.lineId())), matchId, MatchRule.WRITE_OFF.name())
                        : Uni.createFrom().voidItem());
    }
}
