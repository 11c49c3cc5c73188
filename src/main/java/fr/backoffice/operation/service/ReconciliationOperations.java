package fr.backoffice.operation.service;

import fr.backoffice.account.InternalPurpose;
import fr.backoffice.account.service.InternalAccounts;
import fr.backoffice.common.Ids;
import fr.backoffice.common.openapi.Limits;
import fr.backoffice.ledger.service.Ledger;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.Postings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.EnumSet;
import java.util.UUID;

/**
 * What the reconciliation desk does to the ledger (docs/reconciliation.md "Writing off"): a difference written off is
 * an operation like any other, RECONCILIATION_WRITE_OFF, born executed, booked by the ledger with its checks, its
 * history and its {@code operation.executed} event, in the caller's transaction and attributed to the caller.
 */
@ApplicationScoped
public class ReconciliationOperations {

    private final ClearingOperations clearing;

    private final InternalAccounts internalAccounts;

    public ReconciliationOperations(ClearingOperations clearing, InternalAccounts internalAccounts) {
        this.clearing = clearing;
        this.internalAccounts = internalAccounts;
    }

    /**
     * A write-off of {@code amount} between the reconciled account and its unit's reconciliation suspense account:
     * the reconciled account debited when {@code debitReconciled}, credited otherwise, the suspense account the other
     * way round.
     */
    public record WriteOff(UUID reconciledAccountId, String unit, String currency, BigDecimal amount, boolean debitReconciled,
                           LocalDate valueDate, String label, String reason) {
    }

    /** Books the write-off; the operation it answers is EXECUTED, its entries posted. */
    public Uni<Operation> writeOff(WriteOff writeOff, String actor, Instant at) {
        UUID id = Ids.newId();
        return internalAccounts.of(writeOff.unit(), writeOff.currency(), EnumSet.of(InternalPurpose.RECONCILIATION_SUSPENSE))
                .flatMap(internal -> {
                    UUID suspense = internal.get(InternalPurpose.RECONCILIATION_SUSPENSE);
                    Operation op = Operation.writeOff(id, new Operation.Booking(writeOff.unit(),
                            writeOff.amount(), writeOff.currency(),
                            writeOff.debitReconciled() ? writeOff.reconciledAccountId() : suspense,
                            writeOff.debitReconciled() ? suspense : writeOff.reconciledAccountId(),
                            ClearingOperations.cut(writeOff.label(), ClearingOperations.LABEL_LENGTH),
                            writeOff.valueDate(), actor, at),
                            ClearingOperations.cut(writeOff.reason(), Limits.REASON_LENGTH));
                    int scale = Currency.getInstance(op.currency).getDefaultFractionDigits();
                    return clearing.persistAndBook(op, Postings.of(new Postings.Plan(op.type, op.amount, scale,
                            op.debitAccountId, op.creditAccountId, null), internal::get), Ledger.Check.FULL, "the write-off");
                });
    }
}
