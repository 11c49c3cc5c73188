package fr.backoffice.operation;

import fr.backoffice.account.InternalPurpose;
import fr.backoffice.ledger.Posting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which entries an operation posts (the table in the docs/operations-and-ledger.md "Operations and the ledger" and the
 * OpenAPI description of OperationType). Plain Java: every plan sums to zero, which the tests check for every type and
 * the database checks again at commit.
 */
public final class Postings {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Postings() {
    }

    /** What an operation needs to know to be posted. {@code creditAccountId} is null for an external transfer. */
    public record Plan(OperationType type, BigDecimal amount, int scale, UUID debitAccountId, UUID creditAccountId,
                       BigDecimal vatRate) {
    }

    /** The internal accounts the plan moves money through. */
    public static Set<InternalPurpose> internalAccounts(Plan plan) {
        return switch (plan.type()) {
            case TRANSFER -> plan.creditAccountId() == null ? Set.of(InternalPurpose.OUTGOING_TRANSFERS) : Set.of();
            case CHEQUE_DEPOSIT -> Set.of(InternalPurpose.CHEQUES_IN_CLEARING);
            case CASH_DEPOSIT, CASH_WITHDRAWAL -> Set.of(InternalPurpose.CASH);
            case FEE -> plan.vatRate() == null ? Set.of(InternalPurpose.FEE_INCOME)
                    : Set.of(InternalPurpose.FEE_INCOME, InternalPurpose.VAT_COLLECTED);
            case INCOMING_TRANSFER -> Set.of(InternalPurpose.CLEARING_SETTLEMENT);
            case CLEARING_SETTLEMENT -> Set.of(InternalPurpose.OUTGOING_TRANSFERS, InternalPurpose.CLEARING_SETTLEMENT);
            // both accounts are named: the reconciled one and its unit's reconciliation suspense account
            case RECONCILIATION_WRITE_OFF -> Set.of();
            case REVERSAL -> throw new IllegalArgumentException("A reversal mirrors the entries of its original");
        };
    }

    public static List<Posting> of(Plan plan, Function<InternalPurpose, UUID> internal) {
        BigDecimal amount = plan.amount();
        return switch (plan.type()) {
            case TRANSFER -> move(amount, plan.debitAccountId(),
                    plan.creditAccountId() != null ? plan.creditAccountId() : internal.apply(InternalPurpose.OUTGOING_TRANSFERS));
            case CHEQUE_DEPOSIT -> move(amount, internal.apply(InternalPurpose.CHEQUES_IN_CLEARING), plan.creditAccountId());
            case CASH_DEPOSIT -> move(amount, internal.apply(InternalPurpose.CASH), plan.creditAccountId());
            case CASH_WITHDRAWAL -> move(amount, plan.debitAccountId(), internal.apply(InternalPurpose.CASH));
            case FEE -> fee(plan, internal);
            case INCOMING_TRANSFER -> move(amount, internal.apply(InternalPurpose.CLEARING_SETTLEMENT), plan.creditAccountId());
            case CLEARING_SETTLEMENT -> move(amount, internal.apply(InternalPurpose.OUTGOING_TRANSFERS),
                    internal.apply(InternalPurpose.CLEARING_SETTLEMENT));
            case RECONCILIATION_WRITE_OFF -> move(amount, plan.debitAccountId(), plan.creditAccountId());
            case REVERSAL -> throw new IllegalArgumentException("A reversal mirrors the entries of its original");
        };
    }

    /**
     * The entries that give a returned external transfer's money back to its debtor, from where the money is now:
     * outgoing transfers while its file is not settled (a rejected file), clearing settlement once it is (pacs.004).
     */
    public static List<Posting> refund(BigDecimal amount, UUID debtorAccountId, InternalPurpose from,
                                       Function<InternalPurpose, UUID> internal) {
        return move(amount, internal.apply(from), debtorAccountId);
    }

    /** The entries that undo {@code original}: same accounts, opposite signs. */
    public static List<Posting> mirror(List<Posting> original) {
        return original.stream().map(Posting::negate).toList();
    }

    /**
     * The customer pays {@code amount}, VAT included: net = amount / (1 + rate/100) rounded half-up to the
     * currency's scale goes to fee income, and the remainder to VAT collected, so nothing is lost to rounding.
     */
    public static BigDecimal netOfVat(BigDecimal amount, BigDecimal vatRate, int scale) {
        BigDecimal divisor = BigDecimal.ONE.add(vatRate.divide(HUNDRED));
        return amount.divide(divisor, scale, RoundingMode.HALF_UP);
    }

    private static List<Posting> fee(Plan plan, Function<InternalPurpose, UUID> internal) {
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(plan.debitAccountId(), plan.amount().negate()));
        if (plan.vatRate() == null) {
            postings.add(new Posting(internal.apply(InternalPurpose.FEE_INCOME), plan.amount()));
            return postings;
        }
        BigDecimal net = netOfVat(plan.amount(), plan.vatRate(), plan.scale());
        BigDecimal vat = plan.amount().subtract(net);
        postings.add(new Posting(internal.apply(InternalPurpose.FEE_INCOME), net));
        if (vat.signum() != 0) {
            postings.add(new Posting(internal.apply(InternalPurpose.VAT_COLLECTED), vat));
        }
        return postings;
    }

    private static List<Posting> move(BigDecimal amount, UUID from, UUID to) {
        return List.of(new Posting(from, amount.negate()), new Posting(to, amount));
    }
}
