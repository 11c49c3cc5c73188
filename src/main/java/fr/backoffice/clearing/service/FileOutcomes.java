package fr.backoffice.clearing.service;

import fr.backoffice.account.InternalPurpose;
import fr.backoffice.account.repository.AccountRepository;
import fr.backoffice.clearing.PaymentFile;
import fr.backoffice.clearing.api.PaymentFileView;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.service.ClearingOperations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a payment file's outcome does, however it is recorded (the clearing system's status report, or by hand;
 * docs/clearing-and-statements.md "Clearing and statements"): the four-eyes rule, the settlement of what was accepted,
 * the return of what was rejected. Runs in the caller's transaction.
 */
@ApplicationScoped
class FileOutcomes {

    private final ClearingOperations clearing;

    private final AccountRepository accounts;

    private final Caller caller;

    private final TimeSource time;

    FileOutcomes(ClearingOperations clearing, AccountRepository accounts, Caller caller, TimeSource time) {
        this.clearing = clearing;
        this.accounts = accounts;
        this.caller = caller;
        this.time = time;
    }

    /**
     * Four eyes (docs/security.md "Security rules"): whoever closed a file does not record what the clearing system
     * answered.
     */
    void requireSecondPerson(PaymentFile file) {
        if (caller.id().equals(file.createdBy)) {
            throw new ApiException(ProblemCode.FOUR_EYES_VIOLATION, "You closed this payment file: another person of the "
                    + "clearing desk records the clearing system's answer to it.");
        }
    }

    /** Per unit, one CLEARING_SETTLEMENT moves the accepted transfers' total from outgoing transfers to clearing settlement. */
    Uni<Void> settle(PaymentFile file, List<Operation> accepted, Instant now) {
        Map<String, BigDecimal> byUnit = new TreeMap<>();
        accepted.forEach(t -> byUnit.merge(t.unit, t.amount, BigDecimal::add));
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Map.Entry<String, BigDecimal> unit : byUnit.entrySet()) {
            done = done.call(() -> clearing.settle(unit.getKey(), file.currency, unit.getValue(), file.messageId,
                    caller.id(), now, file.settlementDate));
        }
        return done;
    }

    /**
     * Gives each rejected transfer back to its debtor from outgoing transfers (the money had not left), RETURNED with
     * its reason code; a debtor account closed since: to the unit's suspense account. Every debtor is locked first, in
     * id order (the order every path locks accounts in).
     */
    Uni<List<ClearingOperations.Returned>> giveBack(List<Operation> rejected, Function<Operation, String> reason,
                                                    String comment, Instant now) {
        String cut = ClearingOperations.cut(comment, Limits.REASON_LENGTH);
        LocalDate valueDate = BusinessCalendar.onOrAfter(time.today());
        List<ClearingOperations.Returned> returned = new ArrayList<>();
        if (rejected.isEmpty()) {
            return Uni.createFrom().item(returned);
        }
        Uni<Void> done = accounts.lockAll(rejected.stream().map(t -> t.debitAccountId).distinct().toList()).replaceWithVoid();
        for (Operation transfer : rejected) {
            done = done.call(() -> clearing.returnToDebtor(transfer, InternalPurpose.OUTGOING_TRANSFERS, reason.apply(transfer),
                    cut, caller.id(), now, valueDate).invoke(returned::add));
        }
        return done.replaceWith(returned);
    }

    /** The file as the API shows it, with its transfers. */
    Uni<PaymentFileView> view(PaymentFile file) {
        return clearing.transfersOf(List.of(file.id)).map(byFile -> view(file, byFile.getOrDefault(file.id, List.of())));
    }

    static PaymentFileView view(PaymentFile file, List<ClearingOperations.Filed> transfers) {
        return PaymentFileView.of(file, transfers.stream().map(ClearingOperations.Filed::id).toList(),
                transfers.stream().filter(ClearingOperations.Filed::refundedToSuspense).map(ClearingOperations.Filed::id).toList());
    }
}
