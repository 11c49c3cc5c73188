package fr.backoffice.filing.vat;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.backoffice.filing.FilingComputed;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The figures the service derives from a VAT return's content; never accepted from a client. Whole euros. */
@Schema(name = "VatReturnComputed", description = "Computed by the service from a `VAT_RETURN`'s content (whole euros)")
public record VatComputed(
        // at most 20 taxable sales and 20 intra-EU acquisitions (VatReturnContent)
        @Schema(required = true, maxItems = 40) List<Line> lines,
        @Schema(required = true, minimum = "0", examples = "2006", description = "Sum of the lines' VAT") long totalOutputVat,
        @Schema(required = true, minimum = "0", examples = "1200", description = "goodsAndServices + fixedAssets + other") long totalDeductibleVat,
        @Schema(required = true) Credit creditCarriedForward,
        @Schema(required = true, minimum = "0", examples = "806", description = "max(0, totalOutputVat − totalDeductibleVat − credit)") long netVatDue,
        @Schema(required = true, minimum = "0", examples = "0", description = "max(0, totalDeductibleVat + credit − totalOutputVat)") long creditToCarryForward)
        implements FilingComputed {

    public enum LineKind { TAXABLE_SALE, INTRA_EU_ACQUISITION }

    public enum CreditSource {
        /** Declared in the content. */
        DECLARED,
        /** Taken from the accepted VAT return of the immediately preceding period ({@code filingId}). */
        PREVIOUS_RETURN,
        /** Not declared, and no accepted return for the immediately preceding period: zero. */
        NONE
    }

    @Schema(name = "VatReturnComputedLine")
    public record Line(
            @Schema(required = true) LineKind kind,
            @Schema(required = true, pattern = Limits.VAT_RATE, maxLength = 8, examples = "20") String rate,
            @Schema(required = true, minimum = "0", examples = "10000") long base,
            @Schema(required = true, minimum = "0", examples = "2000", description = "base × rate / 100, rounded half-up to the euro") long vat) {
    }

    @Schema(name = "VatCreditCarriedForward", description = "The credit brought forward that the computation used, and where it came from")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Credit(
            @Schema(required = true, minimum = "0", examples = "150") long amount,
            @Schema(required = true) CreditSource source,
            @Schema(format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70", description = "The previous accepted return, when source is PREVIOUS_RETURN")
            String filingId) {
    }
}
