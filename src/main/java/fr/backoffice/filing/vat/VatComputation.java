package fr.backoffice.filing.vat;

import fr.backoffice.filing.vat.VatComputed.Credit;
import fr.backoffice.filing.vat.VatComputed.CreditSource;
import fr.backoffice.filing.vat.VatComputed.Line;
import fr.backoffice.filing.vat.VatComputed.LineKind;
import fr.backoffice.filing.vat.VatReturnContent.DeductibleVat;
import fr.backoffice.filing.vat.VatReturnContent.VatLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The VAT arithmetic, in whole euros: each line's VAT is base × rate / 100 rounded half-up
 * to the euro; the output VAT is the sum of the lines (taxable sales and intra-EU acquisitions, whose VAT is
 * self-assessed); what is due, or the credit left over, follows from the deductible VAT and the credit
 * brought forward.
 */
public final class VatComputation {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private VatComputation() {
    }

    /** The VAT of one line: base × rate / 100, half-up to the euro (5.775 → 6, 0.021 → 0, 0.504 → 1, 0.5 → 1). */
    public static long lineVat(long base, String rate) {
        return BigDecimal.valueOf(base).multiply(new BigDecimal(rate))
                .divide(HUNDRED)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /**
     * Computes a return. Missing figures count as zero here (validation reports them). The credit brought
     * forward is the declared one, else the credit to carry forward of the immediately preceding period's accepted return, else zero.
     */
    public static VatComputed compute(VatReturnContent content, PreviousReturn previous) {
        List<Line> lines = new ArrayList<>();
        addLines(lines, LineKind.TAXABLE_SALE, content.taxableSales());
        addLines(lines, LineKind.INTRA_EU_ACQUISITION, content.intraEuAcquisitions());
        long output = 0;
        for (Line line : lines) {
            output = Math.addExact(output, line.vat());
        }
        long deductible = deductible(content.deductibleVat());
        Credit credit = credit(content.creditCarriedForward(), previous);
        long balance = output - deductible - credit.amount();
        return new VatComputed(List.copyOf(lines), output, deductible, credit,
                Math.max(0, balance), Math.max(0, -balance));
    }

    /** The credit the return starts from, and where it comes from. */
    public static Credit credit(Long declared, PreviousReturn previous) {
        if (declared != null) {
            return new Credit(declared, CreditSource.DECLARED, null);
        }
        if (previous != null) {
            return new Credit(previous.creditToCarryForward(), CreditSource.PREVIOUS_RETURN, previous.filingId());
        }
        return new Credit(0, CreditSource.NONE, null);
    }

    private static void addLines(List<Line> into, LineKind kind, List<VatLine> lines) {
        if (lines == null) {
            return;
        }
        for (VatLine line : lines) {
            long base = line.base() == null ? 0 : line.base();
            into.add(new Line(kind, line.rate(), base, lineVat(base, line.rate())));
        }
    }

    private static long deductible(DeductibleVat vat) {
        if (vat == null) {
            return 0;
        }
        return Math.addExact(Math.addExact(orZero(vat.goodsAndServices()), orZero(vat.fixedAssets())), orZero(vat.other()));
    }

    private static long orZero(Long amount) {
        return amount == null ? 0 : amount;
    }
}
