package fr.backoffice.filing.annual;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.declarant.DeclarationDates;
import fr.backoffice.filing.Amounts;
import fr.backoffice.filing.FilingContent;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What annual accounts declare, in whole euros. Assets, liabilities, revenue and expenses are never negative;
 * equity and net income may be (negative equity, a loss). A draft may leave figures out; validation reports them.
 */
@Schema(name = "AnnualAccountsContent", description = "Content of `ANNUAL_ACCOUNTS`. Amounts are whole euros (JSON integers); "
        + "`equity` and `netIncome` may be negative. A draft may omit figures; validation reports what is missing.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnnualAccountsContent(
        @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "999999999999999", examples = "1200000")
        Long totalAssets,
        @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "999999999999999", examples = "700000")
        Long totalLiabilities,
        @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "-999999999999999", maximum = "999999999999999", examples = "500000")
        Long equity,
        @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "999999999999999", examples = "2400000")
        Long revenue,
        @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "999999999999999", examples = "2250000")
        Long expenses,
        @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "-999999999999999", maximum = "999999999999999", examples = "150000")
        Long netIncome,
        @Schema(type = SchemaType.STRING, format = "date", examples = "2026-05-20",
                description = "The day the accounts were approved; must be within six months after the fiscal year end")
        String approvalDate) implements FilingContent {

    /** The approval date as a date; only call on normalized content. */
    public LocalDate approvalDay() {
        return approvalDate == null ? null : LocalDate.parse(approvalDate);
    }

    /** The content as stored, or the list of what is invalid in it (sign, digits, date format). */
    public AnnualAccountsContent normalized(List<FieldError> errors) {
        Amounts.nonNegative("content.totalAssets", totalAssets, errors);
        Amounts.nonNegative("content.totalLiabilities", totalLiabilities, errors);
        Amounts.signed("content.equity", equity, errors);
        Amounts.nonNegative("content.revenue", revenue, errors);
        Amounts.nonNegative("content.expenses", expenses, errors);
        Amounts.signed("content.netIncome", netIncome, errors);
        String approval = approvalDate;
        if (approval != null) {
            try {
                LocalDate day = LocalDate.parse(approval);
                if (!DeclarationDates.contains(day)) {
                    errors.add(new FieldError("content.approvalDate", DeclarationDates.OUT_OF_RANGE));
                }
                approval = day.toString();
            } catch (DateTimeParseException notADate) {
                errors.add(new FieldError("content.approvalDate", "must be a date YYYY-MM-DD"));
            }
        }
        return new AnnualAccountsContent(totalAssets, totalLiabilities, equity, revenue, expenses, netIncome, approval);
    }
}
