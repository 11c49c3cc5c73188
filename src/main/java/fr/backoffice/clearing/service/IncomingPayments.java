package fr.backoffice.clearing.service;

import fr.backoffice.account.Account;
import fr.backoffice.account.AccountStatus;
import fr.backoffice.account.AccountType;
import fr.backoffice.account.InternalPurpose;
import fr.backoffice.account.repository.AccountRepository;
import fr.backoffice.audit.Audited;
import fr.backoffice.clearing.PaymentFile;
import fr.backoffice.clearing.PaymentFileStatus;
import fr.backoffice.clearing.api.IncomingReport;
import fr.backoffice.clearing.api.ReturnReport;
import fr.backoffice.clearing.iso20022.Pacs004;
import fr.backoffice.clearing.iso20022.Pacs008;
import fr.backoffice.clearing.repository.IncomingCreditRepository;
import fr.backoffice.clearing.repository.PaymentFileRepository;
import fr.backoffice.common.Ids;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.service.ClearingOperations;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the clearing system sends us (docs/clearing-and-statements.md "Clearing and statements"): other banks' credits
 * (pacs.008), posted to our customers or listed for return, and returns of transfers we sent (pacs.004), credited back
 * to their debtors. Each message is taken in one transaction: all of it, or nothing.
 */
@ApplicationScoped
public class IncomingPayments {

    private final ClearingOperations clearing;

    private final AccountRepository accounts;

    private final PaymentFileRepository files;

    private final IncomingCreditRepository incoming;

    private final Caller caller;

    private final TimeSource time;

    public IncomingPayments(ClearingOperations clearing, AccountRepository accounts, PaymentFileRepository files,
            IncomingCreditRepository incoming, Caller caller, TimeSource time) {
        this.clearing = clearing;
        this.accounts = accounts;
        this.files = files;
        this.incoming = incoming;
        this.caller = caller;
        this.time = time;
    }

    /**
     * Posts each credit to an open EUR customer account as an executed INCOMING_TRANSFER; lists the others for
     * return. A transaction already taken in (same MsgId and TxId) is counted as a duplicate, nothing posted. The
     * credited accounts are locked first, in id order, so their status cannot change before the credit is posted.
     * The transactions are claimed at once, then the new credits are posted one after the other.
     */
    @Audited
    @WithTransaction
    public Uni<IncomingReport> credits(Pacs008.Incoming message) {
        List<String> ibans = message.credits().stream().map(c -> normalized(c.creditorIban())).distinct().toList();
        return accounts.lockByIbans(ibans).flatMap(found -> {
            Map<String, Account> byIban = found.stream().collect(Collectors.toMap(a -> a.iban, Function.identity()));
            List<IncomingCreditRepository.Claim> claims = new ArrayList<>();
            for (Pacs008.Credit credit : message.credits()) {
                String reason = refusal(byIban.get(normalized(credit.creditorIban())));
                claims.add(new IncomingCreditRepository.Claim(credit.transactionId(), credit.endToEndId(), credit.amount(),
                        normalized(credit.creditorIban()), reason == null ? Ids.newId() : null, reason));
            }
            Instant now = time.now();
            return incoming.claim(message.messageId(), claims, now, caller.id())
                    .flatMap(fresh -> post(message, claims, fresh, byIban, now));
        });
    }

    private Uni<IncomingReport> post(Pacs008.Incoming message, List<IncomingCreditRepository.Claim> claims, Set<String> fresh,
                                     Map<String, Account> byIban, Instant now) {
        List<IncomingReport.ToReturn> returned = new ArrayList<>();
        List<ClearingOperations.IncomingCredit> toPost = new ArrayList<>();
        List<UUID> posted = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            IncomingCreditRepository.Claim claim = claims.get(i);
            Pacs008.Credit credit = message.credits().get(i);
            if (!fresh.contains(claim.transactionId())) {
                continue;
            }
            if (claim.returnReason() != null) {
                returned.add(new IncomingReport.ToReturn(claim.transactionId(), claim.endToEndId(), claim.returnReason()));
                continue;
            }
            Account account = byIban.get(claim.creditorIban());
            String debtorName = MessageText.of(credit.debtorName(), MessageText.NAME);
            String label = credit.remittance() != null ? MessageText.of(credit.remittance(), MessageText.LABEL)
                    : "Transfer from " + debtorName;
            posted.add(claim.operationId());
            toPost.add(new ClearingOperations.IncomingCredit(account.id, account.unit, credit.amount(), account.currency,
                    credit.endToEndId(), debtorName, normalized(credit.debtorIban()), credit.settlementDate(), label));
        }
        int duplicates = claims.size() - fresh.size();
        // one after the other on the request's session, as a stream: a chain of thousands of nested steps would not fit
        // on the stack
        return Multi.createFrom().range(0, toPost.size())
                .onItem().transformToUniAndConcatenate(i -> clearing.recordIncoming(posted.get(i), toPost.get(i), caller.id(), now))
                .collect().last()
                .map(ignored -> new IncomingReport(message.messageId(), posted.size(), returned, duplicates, posted));
    }

    /** The ISO 20022 reason a credit to this account is sent back, or null when it can be posted. */
    static String refusal(Account account) {
        if (account == null) {
            return "AC01";
        }
        if (account.type == AccountType.INTERNAL) {
            return "AG01";
        }
        if (account.status == AccountStatus.CLOSED) {
            return "AC04";
        }
        if (account.status == AccountStatus.FROZEN) {
            return "AG01";
        }
        if (!Pacs008.CURRENCY.equals(account.currency)) {
            return "AM03";
        }
        return null;
    }

    /**
     * Gives each returned transfer's money back to its debtor, from the clearing settlement account (its file was
     * settled), and marks it RETURNED with the reason code; a debtor account closed since gets nothing, the money goes
     * to the unit's suspense account (listed). A return that names no transfer we sent and settled, or names it
     * ambiguously, or for another amount, is listed and nothing is posted for it.
     */
    @Audited
    @WithTransaction
    public Uni<ReturnReport> returns(Pacs004.Message message) {
        List<String> originals = message.returns().stream().map(Pacs004.Returned::originalMessageId).distinct().toList();
        return files.list("messageId in ?1", originals).flatMap(sent -> {
            Map<String, PaymentFile> byMessage = sent.stream().collect(Collectors.toMap(f -> f.messageId, Function.identity()));
            Instant now = time.now();
            LocalDate valueDate = BusinessCalendar.onOrAfter(time.today());
            List<UUID> returned = new ArrayList<>();
            List<ReturnReport.Unmatched> unmatched = new ArrayList<>();
            List<UUID> toSuspense = new ArrayList<>();
            Uni<Void> done = Uni.createFrom().voidItem();
            for (Pacs004.Returned r : message.returns()) {
                PaymentFile file = byMessage.get(r.originalMessageId());
                done = done.call(() -> {
                    if (file == null) {
                        unmatched.add(new ReturnReport.Unmatched(r.originalEndToEndId(), "UNKNOWN"));
                        return Uni.createFrom().voidItem();
                    }
                    return clearing.lockedSentAs(r.originalEndToEndId(), List.of(file.id))
                            .flatMap(candidates -> {
                                List<Operation> matching = candidates.stream()
                                        .filter(op -> r.originalTransactionId() == null
                                                || op.id.toString().replace("-", "").equals(r.originalTransactionId()))
                                        .toList();
                                String problem = matching.isEmpty() ? "UNKNOWN" : matching.size() > 1 ? "AMBIGUOUS"
                                        : whyNot(matching.get(0), file, r);
                                if (problem != null) {
                                    unmatched.add(new ReturnReport.Unmatched(r.originalEndToEndId(), problem));
                                    return Uni.createFrom().voidItem();
                                }
                                Operation transfer = matching.get(0);
                                // a debtor account closed since takes nothing: the money goes to the unit's suspense account
                                return clearing.returnToDebtor(transfer, InternalPurpose.CLEARING_SETTLEMENT, r.reason(),
                                        "Returned by the creditor's bank (" + r.reason() + "), pacs.004 "
                                                + MessageText.of(message.messageId(), MessageText.IDENTIFIER), caller.id(), now, valueDate)
                                        .invoke(given -> {
                                            returned.add(transfer.id);
                                            if (given.toSuspense()) {
                                                toSuspense.add(transfer.id);
                                            }
                                        })
                                        .replaceWithVoid();
                            });
                });
            }
            return done.map(ignored -> new ReturnReport(message.messageId(), returned.size(), returned, toSuspense, unmatched));
        });
    }

    private static String whyNot(Operation transfer, PaymentFile file, Pacs004.Returned r) {
        if (transfer.status == OperationStatus.RETURNED) {
            return "ALREADY_RETURNED";
        }
        // a transfer of a partly accepted file that is not RETURNED was accepted: settled
        if (file.status != PaymentFileStatus.ACCEPTED && file.status != PaymentFileStatus.PARTIALLY_ACCEPTED) {
            return "NOT_SETTLED";
        }
        if (transfer.amount.compareTo(r.amount()) != 0) {
            return "AMOUNT_MISMATCH";
        }
        return null;
    }

    private static String normalized(String iban) {
        return iban.replace(" ", "").toUpperCase();
    }

}
