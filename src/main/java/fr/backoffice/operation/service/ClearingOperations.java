package fr.backoffice.operation.service;

import fr.backoffice.account.AccountStatus;
import fr.backoffice.account.InternalPurpose;
import fr.backoffice.account.repository.AccountRepository;
import fr.backoffice.account.service.InternalAccounts;
import fr.backoffice.common.Ids;
import fr.backoffice.common.openapi.Limits;
import fr.backoffice.ledger.Posting;
import fr.backoffice.ledger.service.Ledger;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.Postings;
import fr.backoffice.operation.repository.OperationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the clearing does to operations (docs/clearing-and-statements.md "Clearing and statements"): closes waiting
 * external transfers into a payment file, settles an accepted file, gives a returned transfer's money back to its
 * debtor, and records the credits other banks send. Runs in the caller's transaction; every change ends in
 * {@link OperationJournal#publish} (history and events), and every operation it creates is attributed to the person who
 * made the clearing request.
 */
@ApplicationScoped
public class ClearingOperations {

    /** An operation's and a ledger entry's label: {@code varchar(140)}. */
    public static final int LABEL_LENGTH = 140;

    private final OperationRepository operations;

    private final OperationJournal journal;

    private final Ledger ledger;

    private final InternalAccounts internalAccounts;

    private final Execution execution;

    private final AccountRepository accounts;

    public ClearingOperations(OperationRepository operations, OperationJournal journal, Ledger ledger,
            InternalAccounts internalAccounts, Execution execution, AccountRepository accounts) {
        this.operations = operations;
        this.journal = journal;
        this.ledger = ledger;
        this.internalAccounts = internalAccounts;
        this.execution = execution;
        this.accounts = accounts;
    }

    /** What the other bank's pacs.008 says about one credit to one of our accounts. */
    public record IncomingCredit(UUID accountId, String unit, BigDecimal amount, String currency, String endToEndId,
                                 String debtorName, String debtorIban, LocalDate settlementDate, String label) {
    }

    /**
     * The external transfers waiting for a payment file, oldest first, locked; each goes into exactly one file (see
     * {@link OperationRepository#lockWaitingForFile}). The caller sets their file and EndToEndId.
     */
    public Uni<List<Operation>> lockWaitingForFile(int max) {
        return operations.lockWaitingForFile(max)
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Operation>of())
                        : operations.list("id in ?1 order by executedAt, id", ids));
    }

    /** The transfers of a file, oldest first, locked: nobody else moves them until the transaction ends. */
    public Uni<List<Operation>> lockedInFile(UUID fileId) {
        return operations.find("paymentFileId = ?1 order by executedAt, id", fileId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** A transfer of a payment file: its id, and whether the clearing gave it back to the unit's suspense account. */
    public record Filed(UUID id, boolean refundedToSuspense) {
    }

    /** The transfers in each of these files, in file order. */
    public Uni<Map<UUID, List<Filed>>> transfersOf(List<UUID> fileIds) {
        if (fileIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return operations.inFiles(fileIds)
                .map(rows -> {
                    Map<UUID, List<Filed>> byFile = new HashMap<>();
                    for (Object[] row : rows) {
                        byFile.computeIfAbsent((UUID) row[0], file -> new ArrayList<>())
                                .add(new Filed((UUID) row[1], Boolean.TRUE.equals(row[2])));
                    }
                    return byFile;
                });
    }

    /** The transfers sent with this EndToEndId in these files, locked. */
    public Uni<List<Operation>> lockedSentAs(String endToEndId, List<UUID> fileIds) {
        return operations.lockSentAs(endToEndId, fileIds)
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Operation>of())
                        : operations.list("id in ?1 order by id", ids));
    }

    /**
     * An accepted file: one CLEARING_SETTLEMENT per unit moves its transfers' total from the unit's outgoing
     * transfers account to its clearing settlement account.
     */
    public Uni<Operation> settle(String unit, String currency, BigDecimal total, String fileMessageId, String actor,
                                 Instant at, LocalDate settlementDate) {
        UUID id = Ids.newId();
        Set<InternalPurpose> purposes = EnumSet.of(InternalPurpose.OUTGOING_TRANSFERS, InternalPurpose.CLEARING_SETTLEMENT);
        return internalAccounts.of(unit, currency, purposes).flatMap(internal -> {
            Operation settlement = Operation.settlement(id, new Operation.Booking(unit, total, currency,
                    internal.get(InternalPurpose.OUTGOING_TRANSFERS), internal.get(InternalPurpose.CLEARING_SETTLEMENT),
                    "Settlement of payment file " + fileMessageId, settlementDate, actor, at), fileMessageId);
            List<Posting> postings = Postings.of(new Postings.Plan(settlement.type, total, 2, null, null, null), internal::get);
            return persistAndBook(settlement, postings, Ledger.Check.FULL, "the settlement");
        });
    }

    /** A transfer given back: RETURNED, its money with its debtor, or in the unit's suspense account. */
    public record Returned(Operation transfer, boolean toSuspense) {
    }

    /**
     * Gives a returned external transfer's money back to its debtor: a REVERSAL credits the debtor's account from
     * where the money is now ({@code from}), and the transfer becomes RETURNED with the ISO 20022 reason. A frozen
     * debtor account takes it (as any correction). A debtor account closed since cannot: the money goes to the unit's
     * suspense account instead (docs/clearing-and-statements.md "Clearing and statements"), said in the comment, so
     * that one closed account never blocks the rest of a file. The debtor's account is locked here (callers giving back
     * several transfers lock their debtors first, in id order, the order every path locks accounts in).
     */
    public Uni<Returned> returnToDebtor(Operation transfer, InternalPurpose from, String returnReason,
                                        String comment, String actor, Instant at, LocalDate valueDate) {
        return accounts.lockAll(List.of(transfer.debitAccountId)).flatMap(debtor -> {
            boolean toSuspense = debtor.get(0).status == AccountStatus.CLOSED;
            UUID refundId = Ids.newId();
            // derived texts are cut to their columns (label varchar(140), comments varchar(500)), never refused: a
            // transfer labelled with the 140 characters it may have still comes back
            String label = cut("Returned (" + returnReason + "): " + Execution.label(transfer), LABEL_LENGTH);
            String reason = cut(toSuspense ? "The debtor's account is closed: the money is in the unit's suspense "
                    + "account. " + comment : comment, Limits.REASON_LENGTH);
            Set<InternalPurpose> purposes = toSuspense ? EnumSet.of(from, InternalPurpose.SUSPENSE) : EnumSet.of(from);
            return internalAccounts.of(transfer.unit, transfer.currency, purposes).flatMap(internal -> {
                UUID credited = toSuspense ? internal.get(InternalPurpose.SUSPENSE) : transfer.debitAccountId;
                Operation refund = Operation.reversal(refundId, new Operation.Booking(transfer.unit, transfer.amount,
                        transfer.currency, internal.get(from), credited, label, valueDate, actor, at), transfer.id, reason);
                List<Posting> postings = Postings.refund(transfer.amount, refund.creditAccountId, from, internal::get);
                transfer.returned(returnReason, reason, refund.id, actor, at);
                return persistAndBook(refund, postings, Ledger.Check.CORRECTION, "the return of " + transfer.id)
                        .flatMap(booked -> journal.publish(transfer))
                        .replaceWith(new Returned(transfer, toSuspense));
            });
        });
    }

    /** Another bank's credit to one of our accounts, which the caller has locked and found open. */
    public Uni<Operation> recordIncoming(UUID operationId, IncomingCredit credit, String actor, Instant at) {
        Operation incoming = Operation.incoming(operationId, new Operation.Booking(credit.unit(), credit.amount(),
                credit.currency(), null, credit.accountId(), credit.label(), credit.settlementDate(), actor, at),
                credit.endToEndId(), credit.debtorName(), credit.debtorIban());
        return execution.postings(incoming)
                .flatMap(postings -> persistAndBook(incoming, postings, Ledger.Check.FULL, "the incoming transfer"));
    }

    /**
     * {@code text} cut to {@code max} characters (never between the two halves of a surrogate pair), so that a text
     * the service derives always fits its column; null stays null.
     */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    Uni<Operation> persistAndBook(Operation op, List<Posting> postings, Ledger.Check check, String what) {
        return operations.persist(op)
                .flatMap(saved -> ledger.book(new Ledger.Booking(op.id, null, check, postings, op.executedAt,
                        op.valueDate, op.label != null ? op.label : Execution.label(op), null, null)))
                .invoke(refused -> {
                    if (refused != null) {
                        // the caller checked the accounts; a refusal here rolls the whole request back
                        throw refused.refusal().problem(what);
                    }
                })
                .flatMap(booked -> journal.publish(op))
                .replaceWith(op);
    }
}
