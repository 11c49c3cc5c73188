package fr.backoffice.filing.vat;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.filing.Amounts;
import fr.backoffice.filing.FilingContent;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What a VAT return declares (French CA3 style), in whole euros. A draft may leave figures out; validation
 * then reports them ({@code MISSING_FIGURES}). Absent {@code intraEuAcquisitions} means none; absent
 * {@code creditCarriedForward} means "the credit to carry forward of the immediately preceding period's accepted return".
 */
@Schema(name = "VatReturnContent", description = "Content of a `VAT_RETURN`. Amounts are whole euros (JSON integers ≥ 0). "
        + "A draft may omit figures; validation reports what is missing.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VatReturnContent(
        @Schema(description = "Sales taxed in France, one line per rate (an empty list declares no taxable sales)", maxItems = 20)
        List<VatLine> taxableSales,
        @Schema(description = "Intra-EU acquisitions on which VAT is self-assessed, one line per rate; absent means none", maxItems = 20)
        List<VatLine> intraEuAcquisitions,
        DeductibleVat deductibleVat,
        @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "999999999999999", examples = "0",
                description = "VAT credit brought from the previous period. When absent, the `creditToCarryForward` of the "
                        + "accepted VAT return of the immediately preceding period is used (validation fails with `PREVIOUS_RETURN_NOT_ACCEPTED` while that return is not accepted or missing) (see `computed.creditCarriedForward.source`).")
        Long creditCarriedForward) implements FilingContent {

    public static final int MAX_LINES = 20;

    @Schema(name = "VatLine")
    public record VatLine(
            @Schema(required = true, examples = "20", pattern = "^[0-9]{1,3}(\\.[0-9]{1,4})?$", maxLength = 8,
                    description = "A rate from the allowed list (default `20`, `10`, `5.5`, `2.1`), as a decimal string")
            String rate,
            @Schema(required = true, type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "999999999999999",
                    examples = "10000", description = "Taxable base, whole euros")
            Long base) {
    }

    @Schema(name = "DeductibleVat", description = "Deductible VAT of the period, whole euros")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeductibleVat(
            @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "999999999999999", examples = "1200")
            Long goodsAndServices,
            @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "999999999999999", examples = "0")
            Long fixedAssets,
            @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "999999999999999", examples = "0")
            Long other) {
    }

    /**
     * The same content with its rates written as configured ("5.50" becomes "5.5"), or the list of what is
     * invalid in it: unknown rates, negative or over-long amounts, missing rate or base on a line.
     */
    public VatReturnContent normalized(VatRates rates, List<FieldError> errors) {
        List<VatLine> sales = lines("content.taxableSales", taxableSales, rates, errors);
        List<VatLine> acquisitions = lines("content.intraEuAcquisitions", intraEuAcquisitions, rates, errors);
        if (deductibleVat != null) {
            Amounts.nonNegative("content.deductibleVat.goodsAndServices", deductibleVat.goodsAndServices(), errors);
            Amounts.nonNegative("content.deductibleVat.fixedAssets", deductibleVat.fixedAssets(), errors);
            Amounts.nonNegative("content.deductibleVat.other", deductibleVat.other(), errors);
        }
        Amounts.nonNegative("content.creditCarriedForward", creditCarriedForward, errors);
        return new VatReturnContent(sales, acquisitions, deductibleVat, creditCarriedForward);
    }

    private static List<VatLine> lines(String field, List<VatLine> lines, VatRates rates, List<FieldError> errors) {
        if (lines == null) {
            return null;
        }
        if (lines.size() > MAX_LINES) {
            errors.add(new FieldError(field, "must have at most " + MAX_LINES + " lines"));
            return lines;
        }
        List<VatLine> normalized = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            VatLine line = lines.get(i);
            String at = field + "[" + i + "]";
            if (line == null) {
                errors.add(new FieldError(at, "must be an object with rate and base"));
                continue;
            }
            String rate = line.rate();
            if (rate == null) {
                errors.add(new FieldError(at + ".rate", "is required"));
            } else {
                rate = rates.normalize(rate).orElse(null);
                if (rate == null) {
                    errors.add(new FieldError(at + ".rate", "must be one of " + String.join(", ", rates.allowed())
                            + " (a decimal string)"));
                }
            }
            if (line.base() == null) {
                errors.add(new FieldError(at + ".base", "is required"));
            } else {
                Amounts.nonNegative(at + ".base", line.base(), errors);
            }
            normalized.add(new VatLine(rate == null ? line.rate() : rate, line.base()));
        }
        return normalized;
    }
}
