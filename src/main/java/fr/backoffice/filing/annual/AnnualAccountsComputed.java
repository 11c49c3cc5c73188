package fr.backoffice.filing.annual;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.backoffice.filing.FilingComputed;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The values the checks of annual accounts compare; a value is absent while a figure it needs is missing. */
// a value whose figures are missing from the content is left out (NON_NULL); the deadline always has them
@Schema(name = "AnnualAccountsComputed", requiredProperties = "approvalDeadline", description = "Computed by the service from `ANNUAL_ACCOUNTS` content: the values its checks compare. "
        + "A value is absent while a figure it needs is missing.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnnualAccountsComputed(
        @Schema(examples = "1200000", description = "totalLiabilities + equity") Long liabilitiesAndEquity,
        @Schema(examples = "0", description = "totalAssets − (totalLiabilities + equity); 0 when the balance sheet balances")
        Long balanceSheetDifference,
        @Schema(examples = "150000", description = "revenue − expenses") Long revenueMinusExpenses,
        @Schema(examples = "0", description = "netIncome − (revenue − expenses); 0 when consistent") Long netIncomeDifference,
        @Schema(type = SchemaType.STRING, format = "date", examples = "2026-06-30",
                description = "Last day for approving the accounts: fiscal year end + 6 months")
        String approvalDeadline) implements FilingComputed {
}
