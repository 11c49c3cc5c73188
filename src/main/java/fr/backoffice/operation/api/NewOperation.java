package fr.backoffice.operation.api;

import fr.backoffice.operation.OperationType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code POST /operations}; also what an idempotent retry is compared with. */
@Schema(name = "NewOperation", description = """
        Fields by type: TRANSFER needs `debitAccountId` and either `creditAccountId` (internal) or `creditor` \
        (external SEPA); CHEQUE_DEPOSIT needs `creditAccountId` and `cheque`; CASH_DEPOSIT needs `creditAccountId`; \
        CASH_WITHDRAWAL and FEE need `debitAccountId` (FEE may carry `vatRate`). Other fields are refused.""")
public record NewOperation(
        @NotNull @Schema(required = true, description = "REVERSAL operations are created by `/reverse` (or by the clearing, for a returned transfer), "
                + "INCOMING_TRANSFER and CLEARING_SETTLEMENT by the clearing (`/payment-files`) only, RECONCILIATION_WRITE_OFF "
                + "by resolving a reconciliation exception (`/reconciliation/exceptions/{id}/resolve`) only") OperationType type,
        @NotNull @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "250.00") String amount,
        @NotNull @Schema(required = true, pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        @Schema(format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String debitAccountId,
        @Schema(format = "uuid", examples = "019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81") String creditAccountId,
        @Valid Creditor creditor,
        @Valid Cheque cheque,
        @Schema(pattern = "^[0-9]{1,2}(\\.[0-9]{1,2})?$", maxLength = 5, examples = "20", description = "FEE only: VAT rate in percent, VAT included in `amount`")
        String vatRate,
        @Size(max = 35) @Schema(maxLength = 35, examples = "INV-2026-1142") String reference,
        @Size(max = 140) @Schema(maxLength = 140, examples = "Rent November") String label,
        @Schema(description = "Today (in the bank's time zone) when absent; a weekend or TARGET2 holiday moves the value date to the next business day",
                examples = "2026-11-30") LocalDate requestedExecutionDate) {
}
