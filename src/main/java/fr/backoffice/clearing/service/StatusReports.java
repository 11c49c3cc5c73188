package fr.backoffice.clearing.service;

import fr.backoffice.audit.Audited;
import fr.backoffice.clearing.PaymentFile;
import fr.backoffice.clearing.PaymentFileStatus;
import fr.backoffice.clearing.api.PaymentFileView;
import fr.backoffice.clearing.api.StatusReportOutcome;
import fr.backoffice.clearing.iso20022.Pacs002;
import fr.backoffice.clearing.repository.PaymentFileRepository;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.service.ClearingOperations;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The clearing system's status report on one of our payment files (pacs.002, docs/clearing-and-statements.md
 * "Clearing and statements"): the file accepted (ACCP, ACSC: settled, as an acknowledgement ACCEPTED), rejected (RJCT:
 * every transfer given back with the report's reason), or partly (PART: the transactions it rejects given back, every
 * other one settled: a SEPA clearing names the transactions it rejects). Four eyes: not the closer. A report for a file
 * whose outcome is already recorded posts nothing and answers the file as it stands ({@code applied} false), so the
 * clearing may send it again. Nothing is guessed: a file or transaction the report names that is not ours, or a status
 * that is not final, is refused whole, nothing posted.
 */
@ApplicationScoped
public class StatusReports {

    private static final Set<String> FINAL_GROUP_STATUSES = Set.of(Pacs002.ACCEPTED, Pacs002.SETTLED, Pacs002.REJECTED, Pacs002.PARTIAL);
    /** The reason of a rejection the report gives no code for (ISO 20022: narrative). */
    private static final String NO_CODE = "NARR";

    private final PaymentFileRepository files;

    private final ClearingOperations clearing;

    private final FileOutcomes outcomes;

    private final Events events;

    private final Idempotency idempotency;

    private final Caller caller;

    private final TimeSource time;

    public StatusReports(PaymentFileRepository files, ClearingOperations clearing, FileOutcomes outcomes, Events events,
            Idempotency idempotency, Caller caller, TimeSource time) {
        this.files = files;
        this.clearing = clearing;
        this.outcomes = outcomes;
        this.events = events;
        this.idempotency = idempotency;
        this.caller = caller;
        this.time = time;
    }

    /** {@code fingerprint} stands for the message as sent (its SHA-256): what an idempotent retry is compared with. */
    @Audited
    @WithTransaction
    public Uni<Reply> apply(Pacs002.Report report, String fingerprint, String idempotencyKey) {
        return idempotency.once(idempotencyKey, fingerprint, () -> files.find("messageId", report.originalMessageId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .flatMap(file -> {
                    if (file == null) {
                        throw new ApiException(ProblemCode.UNKNOWN_PAYMENT_FILE, "The report answers the message "
                                + report.originalMessageId() + ", which is none of our payment files; nothing was posted.",
                                List.of(new FieldError(report.groupPath() + "/OrgnlMsgId", "names no payment file of ours")));
                    }
                    outcomes.requireSecondPerson(file);
                    if (file.status.isFinal()) {
                        return outcomes.view(file).map(view -> Reply.ok(new StatusReportOutcome(report.messageId(), false,
                                view, List.of(), List.of(), List.of()), null));
                    }
                    if (!FINAL_GROUP_STATUSES.contains(report.groupStatus())) {
                        throw notFinal(report.groupPath() + "/GrpSts", report.groupStatus());
                    }
                    return clearing.lockedInFile(file.id).flatMap(transfers -> record(file, report, transfers))
                            .call(outcome -> events.append(event(outcome.file().status()), outcome.file().id(), outcome.file()))
                            .map(outcome -> Reply.ok(outcome, null));
                }));
    }

    private Uni<StatusReportOutcome> record(PaymentFile file, Pacs002.Report report, List<Operation> transfers) {
        Map<UUID, String> rejected = rejections(report, transfers);
        List<Operation> accepted = transfers.stream().filter(t -> !rejected.containsKey(t.id)).toList();
        List<Operation> given = transfers.stream().filter(t -> rejected.containsKey(t.id)).toList();
        Instant now = time.now();
        PaymentFileStatus outcome = given.isEmpty() ? PaymentFileStatus.ACCEPTED
                : accepted.isEmpty() ? PaymentFileStatus.REJECTED : PaymentFileStatus.PARTIALLY_ACCEPTED;
        file.recordOutcome(outcome, caller.id(), now, rejectionReason(outcome, report, given.size(), transfers.size()),
                report.messageId());
        String comment = "Rejected by the clearing system, status report " + report.messageId()
                + (report.groupReason().text() == null ? "" : ": " + report.groupReason().text());
        // the rejected first: their debtors (customer accounts) are locked before any internal account, the order
        // every path locks accounts in
        return outcomes.giveBack(given, transfer -> rejected.get(transfer.id), comment, now)
                .call(returned -> outcomes.settle(file, accepted, now))
                .call(returned -> files.flush())
                .flatMap(returned -> outcomes.view(file).map(view -> outcome(report, view, accepted, given, rejected, returned)));
    }

    /**
     * The transfers the report rejects, with their reason: all of them for a group RJCT (each listed one's reason, else
     * the group's), the listed RJCT ones for PART; none for ACCP or ACSC. Every transaction listed must name one
     * transfer of the file, with a final status.
     */
    private static Map<UUID, String> rejections(Pacs002.Report report, List<Operation> transfers) {
        Map<UUID, String> rejected = new LinkedHashMap<>();
        Map<UUID, String> listed = new LinkedHashMap<>();
        for (Pacs002.Transaction tx : report.transactions()) {
            Operation transfer = named(tx, transfers);
            if (listed.containsKey(transfer.id)) {
                throw new ApiException(ProblemCode.INVALID_MESSAGE, "The report names one transfer twice; nothing was posted.",
                        List.of(new FieldError(tx.path(), "names a transaction an earlier TxInfAndSts of the report names")));
            }
            if (!Pacs002.Report.accepts(tx.status()) && !Pacs002.REJECTED.equals(tx.status())) {
                throw notFinal(tx.path() + "/TxSts", tx.status());
            }
            listed.put(transfer.id, tx.status());
            if (Pacs002.REJECTED.equals(tx.status())) {
                rejected.put(transfer.id, reasonOf(tx.reason(), report.groupReason()));
            }
        }
        if (Pacs002.REJECTED.equals(report.groupStatus())) {
            for (Operation transfer : transfers) {
                rejected.putIfAbsent(transfer.id, reasonOf(new Pacs002.Reason(null, null), report.groupReason()));
            }
        }
        return rejected;
    }

    /** The transfer a transaction of the report names: by our TxId, else by EndToEndId; both, when given, must agree. */
    private static Operation named(Pacs002.Transaction tx, List<Operation> transfers) {
        List<Operation> matching = transfers.stream()
                .filter(t -> tx.originalTransactionId() == null || t.id.toString().replace("-", "").equals(tx.originalTransactionId()))
                .filter(t -> tx.originalEndToEndId() == null || tx.originalEndToEndId().equals(t.endToEndId))
                .toList();
        if (matching.size() != 1) {
            throw new ApiException(ProblemCode.UNKNOWN_TRANSACTION, "A transaction of the report names "
                    + (matching.isEmpty() ? "no transfer" : "several transfers (give OrgnlTxId)") + " of the payment file; "
                    + "nothing was posted.", List.of(new FieldError(tx.path(), matching.isEmpty()
                    ? "names no transfer of the file (OrgnlTxId, OrgnlEndToEndId)" : "names several transfers of the file")));
        }
        return matching.get(0);
    }

    private static String reasonOf(Pacs002.Reason own, Pacs002.Reason group) {
        return own.code() != null ? own.code() : group.code() != null ? group.code() : NO_CODE;
    }

    private static ApiException notFinal(String path, String status) {
        return new ApiException(ProblemCode.STATUS_NOT_FINAL, "The report gives the status " + status + ", which is not an "
                + "outcome: only ACCP, ACSC, RJCT (and PART for the group) settle or give back; nothing was posted.",
                List.of(new FieldError(path, "is " + status + ", not ACCP, ACSC, RJCT or PART")));
    }

    private static String rejectionReason(PaymentFileStatus outcome, Pacs002.Report report, int rejected, int all) {
        if (outcome == PaymentFileStatus.ACCEPTED) {
            return null;
        }
        String why = outcome == PaymentFileStatus.REJECTED
                ? "Rejected by the clearing system (" + report.groupStatus() + " "
                + (report.groupReason().code() == null ? NO_CODE : report.groupReason().code()) + ")"
                : rejected + " of " + all + " transactions rejected by the clearing system";
        return ClearingOperations.cut(why + ", status report " + report.messageId()
                + (report.groupReason().text() == null ? "" : ": " + report.groupReason().text()), Limits.REASON_LENGTH);
    }

    private static StatusReportOutcome outcome(Pacs002.Report report, PaymentFileView view, List<Operation> accepted,
                                               List<Operation> given, Map<UUID, String> reasons,
                                               List<ClearingOperations.Returned> returned) {
        List<StatusReportOutcome.Rejected> rejected = new ArrayList<>();
        given.forEach(t -> rejected.add(new StatusReportOutcome.Rejected(t.id, reasons.get(t.id))));
        return new StatusReportOutcome(report.messageId(), true, view, accepted.stream().map(t -> t.id).toList(), rejected,
                returned.stream().filter(ClearingOperations.Returned::toSuspense).map(r -> r.transfer().id).toList());
    }

    private static EventType event(PaymentFileStatus status) {
        return switch (status) {
            case ACCEPTED -> EventType.PAYMENT_FILE_ACCEPTED;
            case REJECTED -> EventType.PAYMENT_FILE_REJECTED;
            case PARTIALLY_ACCEPTED -> EventType.PAYMENT_FILE_PARTIALLY_ACCEPTED;
            case GENERATED -> throw new IllegalStateException("an outcome leaves no file GENERATED");
        };
    }
}
