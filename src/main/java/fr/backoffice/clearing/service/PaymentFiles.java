package fr.backoffice.clearing.service;

import fr.backoffice.account.Account;
import fr.backoffice.account.Iban;
import fr.backoffice.account.repository.AccountRepository;
import fr.backoffice.audit.Audited;
import fr.backoffice.clearing.PaymentFile;
import fr.backoffice.clearing.PaymentFileStatus;
import fr.backoffice.clearing.SepaText;
import fr.backoffice.clearing.api.Acknowledgement;
import fr.backoffice.clearing.api.PaymentFileView;
import fr.backoffice.clearing.iso20022.Pacs008;
import fr.backoffice.clearing.iso20022.SepaRules;
import fr.backoffice.clearing.repository.PaymentFileRepository;
import fr.backoffice.common.Ids;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.ETags;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.event.service.Events;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.service.ClearingOperations;
import fr.backoffice.operation.service.CreditorBanks;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Payment files (docs/clearing-and-statements.md "Clearing and statements"): closing the waiting external transfers
 * into a pacs.008, reading files, and recording the clearing system's acknowledgement: settled (ACCEPTED) or every
 * transfer given back to its debtor (REJECTED).
 */
@ApplicationScoped
public class PaymentFiles {

    /** The most transfers one file takes; the rest wait for the next file. */
    public static final int MAX_TRANSACTIONS = 10_000;

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final PaymentFileRepository files;

    private final ClearingOperations clearing;

    private final CreditorBanks creditorBanks;

    private final FileOutcomes outcomes;

    private final AccountRepository accounts;

    private final Events events;

    private final Idempotency idempotency;

    private final Caller caller;

    private final TimeSource time;

    private final BackOfficeConfig config;

    public PaymentFiles(PaymentFileRepository files, ClearingOperations clearing, CreditorBanks creditorBanks,
            FileOutcomes outcomes, AccountRepository accounts, Events events, Idempotency idempotency, Caller caller,
            TimeSource time, BackOfficeConfig config) {
        this.files = files;
        this.clearing = clearing;
        this.creditorBanks = creditorBanks;
        this.outcomes = outcomes;
        this.accounts = accounts;
        this.events = events;
        this.idempotency = idempotency;
        this.caller = caller;
        this.time = time;
        this.config = config;
    }

    /** Closes every waiting external transfer (the oldest {@value #MAX_TRANSACTIONS} at most) into a new file. */
    @Audited
    @WithTransaction
    public Uni<Reply> close(String idempotencyKey) {
        return idempotency.once(idempotencyKey, List.of(), () -> clearing.lockWaitingForFile(MAX_TRANSACTIONS)
                .flatMap(transfers -> {
                    if (transfers.isEmpty()) {
                        throw new ApiException(ProblemCode.NOTHING_TO_SEND, "No executed external transfer is waiting for a payment file.");
                    }
                    return accounts.list("id in ?1", transfers.stream().map(t -> t.debitAccountId).distinct().toList())
                            .flatMap(debtors -> files.nextNumber().flatMap(number -> write(transfers, debtors, number)));
                })
                .call(file -> events.append(EventType.PAYMENT_FILE_GENERATED, file.id().toString(), file))
                .map(file -> Reply.created(file, "/payment-files/" + file.id(), file.version())));
    }

    private Uni<PaymentFileView> write(List<Operation> transfers, List<Account> debtors, long number) {
        Map<UUID, Account> debtorById = debtors.stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
        Instant now = time.now();
        PaymentFile file = PaymentFile.generated(Ids.newId(), "BO-" + DAY.format(time.today()) + "-" + String.format("%08d", number),
                now, caller.id(), BusinessCalendar.onOrAfter(time.today()), Pacs008.CURRENCY);
        List<FieldError> unknownBanks = new ArrayList<>();
        List<Pacs008.Transfer> lines = transfers.stream().map(t -> {
            t.sendIn(file.id, SepaText.endToEndId(t.reference, t.id));
            Account debtor = debtorById.get(t.debitAccountId);
            String creditorBic = t.creditorBic != null ? t.creditorBic : creditorBanks.listed(Iban.parse(t.creditorIban)).orElse(null);
            if (creditorBic == null) {
                unknownBanks.add(new FieldError(t.id.toString(), "its creditor's bank (IBAN " + t.creditorIban + ") is not in the BIC directory"));
            }
            return new Pacs008.Transfer(t.endToEndId, t.id.toString().replace("-", ""), t.amount,
                    SepaText.name(debtor.holderName), debtor.iban, creditorBic, SepaText.name(t.creditorName),
                    t.creditorIban.replace(" ", "").toUpperCase(), SepaText.of(t.label, SepaText.REMITTANCE_LENGTH));
        }).toList();
        if (!unknownBanks.isEmpty()) {
            // transfers submitted before BICs were kept, to a bank the directory does not list: reverse them, or list
            // their banks, then close again; nothing was written
            throw new ApiException(ProblemCode.CREDITOR_BANK_UNKNOWN, unknownBanks.size() + " waiting transfer(s) have a "
                    + "creditor bank the BIC directory does not list; no file was written.", unknownBanks);
        }
        Pacs008.Outgoing outgoing = new Pacs008.Outgoing(file.messageId, now, file.settlementDate, config.clearing().bic(), lines);
        byte[] document = Pacs008.write(outgoing);
        List<FieldError> broken = SepaRules.check(document);
        if (!broken.isEmpty()) {
            // every input was checked at submission: a transfer that still breaks a rule is refused here, whole, rather
            // than sent to a clearing that would reject the file (reverse it, then close again)
            throw new ApiException(ProblemCode.SEPA_RULES_BROKEN, "The payment file would break the SEPA scheme's rules; "
                    + "nothing was written: " + broken.get(0).field() + " " + broken.get(0).message(), named(broken, transfers));
        }
        file.written(lines.size(), outgoing.controlSum(), document, sha256(document));
        List<UUID> ids = transfers.stream().map(t -> t.id).toList();
        return files.persist(file).call(files::flush).map(saved -> PaymentFileView.of(saved, ids, List.of()));
    }

    /** The rules broken, each transaction's named by the operation it is. */
    private static List<FieldError> named(List<FieldError> broken, List<Operation> transfers) {
        Pattern transaction = Pattern.compile("^/Document/FIToFICstmrCdtTrf/CdtTrfTxInf(?:\\[([0-9]+)])?/");
        return broken.stream().map(error -> {
            Matcher found = transaction.matcher(error.field());
            if (!found.find()) {
                return error;
            }
            int index = found.group(1) == null ? 0 : Integer.parseInt(found.group(1)) - 1;
            return new FieldError(error.field(), "operation " + transfers.get(index).id + ": " + error.message());
        }).toList();
    }

    @WithSession
    public Uni<Reply> get(String id) {
        return files.require(id, "Payment file").flatMap(file -> outcomes.view(file).map(view -> Reply.ok(view, file.version)));
    }

    @WithSession
    public Uni<PaymentFile> document(String id) {
        return files.require(id, "Payment file");
    }

    /** Newest first. */
    @WithSession
    public Uni<Page<PaymentFileView>> list(PageRequest page) {
        int limit = page.limit();
        return files.page(page.afterId(), limit + 1).flatMap(rows -> {
            List<PaymentFile> shown = rows.stream().limit(limit).toList();
            return clearing.transfersOf(shown.stream().map(f -> f.id).toList())
                    .map(byFile -> Page.of(rows, limit, f -> f.id.toString(),
                            f -> FileOutcomes.view(f, byFile.getOrDefault(f.id, List.of()))));
        });
    }

    /**
     * ACCEPTED: per unit, the file's total moves from outgoing transfers to clearing settlement (CLEARING_SETTLEMENT).
     * REJECTED: every transfer goes back to its debtor (RETURNED, reason NARR and the reason given).
     */
    @Audited
    @WithTransaction
    public Uni<Reply> acknowledge(String id, String ifMatch, String idempotencyKey, Acknowledgement answer) {
        if (answer.outcome() == Acknowledgement.Outcome.REJECTED && (answer.reason() == null || answer.reason().isBlank())) {
            throw ApiException.invalidField("reason", "is required when the outcome is REJECTED");
        }
        return idempotency.once(idempotencyKey, answer, () -> files.requireLocked(id, "Payment file")
                .invoke(outcomes::requireSecondPerson)
                .invoke(file -> ETags.checkMatch(ifMatch, file.version))
                .flatMap(file -> {
                    Instant now = time.now();
                    boolean accepted = answer.outcome() == Acknowledgement.Outcome.ACCEPTED;
                    file.recordOutcome(accepted ? PaymentFileStatus.ACCEPTED : PaymentFileStatus.REJECTED, caller.id(), now,
                            accepted ? null : answer.reason(), null);
                    return clearing.lockedInFile(file.id)
                            .flatMap(transfers -> file.status == PaymentFileStatus.ACCEPTED ? outcomes.settle(file, transfers, now)
                                    : outcomes.giveBack(transfers, transfer -> "NARR",
                                    "Payment file " + file.messageId + " rejected: " + file.rejectionReason, now).replaceWithVoid())
                            .flatMap(done -> files.flush())
                            .flatMap(flushed -> outcomes.view(file));
                })
                .call(view -> events.append(view.status() == PaymentFileStatus.ACCEPTED ? EventType.PAYMENT_FILE_ACCEPTED
                        : EventType.PAYMENT_FILE_REJECTED, view.id(), view))
                .map(view -> Reply.ok(view, view.version())));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
