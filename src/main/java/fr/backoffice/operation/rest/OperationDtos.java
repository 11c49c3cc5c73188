package fr.backoffice.operation.rest;

import fr.backoffice.common.money.Money;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationHistoryEntry;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.ReasonCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public final class OperationDtos {

    private OperationDtos() {
    }

    // Nullable schemas rather than nullable properties: OpenAPI 3.0 ignores "nullable" beside a $ref.
    @Schema(name = "Creditor", nullable = true, description = "The beneficiary of an external (SEPA) transfer, whose account is not held here")
    public record Creditor(
            @NotBlank @Size(max = 70) @Schema(required = true, maxLength = 70, examples = "Dupont SARL") String name,
            @NotBlank @Size(max = 42) @Schema(required = true, maxLength = 42, examples = "DE89370400440532013000") String iban) {
    }

    @Schema(name = "Cheque", nullable = true)
    public record Cheque(
            @NotNull @Pattern(regexp = "[0-9]{7}", message = "must be 7 digits")
            @Schema(required = true, pattern = "^[0-9]{7}$", examples = "0012345") String number,
            @NotBlank @Size(max = 70) @Schema(required = true, maxLength = 70, examples = "Jean Durand") String drawerName,
            @NotBlank @Size(max = 70) @Schema(required = true, maxLength = 70, examples = "Banque Exemple") String drawerBank,
            @NotNull @Schema(required = true, examples = "2026-11-20",
                    description = "Not in the future, and not older than one year and eight days") LocalDate issueDate) {
    }

    @Schema(name = "NewOperation", description = """
            Fields by type: TRANSFER needs `debitAccountId` and either `creditAccountId` (internal) or `creditor` \
            (external SEPA); CHEQUE_DEPOSIT needs `creditAccountId` and `cheque`; CASH_DEPOSIT needs `creditAccountId`; \
            CASH_WITHDRAWAL and FEE need `debitAccountId` (FEE may carry `vatRate`). Other fields are refused.""")
    public record NewOperation(
            @NotNull @Schema(required = true, description = "REVERSAL operations are created by `/reverse` only") OperationType type,
            @NotNull @Schema(required = true, pattern = "^[0-9]+(\\.[0-9]+)?$", examples = "250.00") String amount,
            @NotNull @Schema(required = true, examples = "EUR") String currency,
            @Schema(examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String debitAccountId,
            @Schema(examples = "019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81") String creditAccountId,
            @Valid Creditor creditor,
            @Valid Cheque cheque,
            @Schema(pattern = "^[0-9]{1,2}(\\.[0-9]{1,2})?$", examples = "20", description = "FEE only: VAT rate in percent, VAT included in `amount`")
            String vatRate,
            @Size(max = 35) @Schema(maxLength = 35, examples = "INV-2026-1142") String reference,
            @Size(max = 140) @Schema(maxLength = 140, examples = "Rent November") String label,
            @Schema(description = "Today (in the bank's time zone) when absent; a weekend or TARGET2 holiday moves the value date to the next business day",
                    examples = "2026-11-30") LocalDate requestedExecutionDate) {
    }

    @Schema(name = "Rejection")
    public record Rejection(
            @NotNull @Schema(required = true) ReasonCode reasonCode,
            @Size(max = 500) @Schema(maxLength = 500, examples = "Signature does not match the specimen") String comment) {
    }

    @Schema(name = "ActionReason")
    public record ActionReason(
            @NotBlank @Size(max = 500) @Schema(required = true, maxLength = 500, examples = "Booked on the wrong account") String reason) {
    }

    @Schema(name = "OperationHistoryEntry")
    public record HistoryView(Instant at, @Schema(examples = "agent-042") String actor,
                              @Schema(nullable = true, implementation = String.class, enumeration = {"RECEIVED", "PENDING_APPROVAL",
                                      "SCHEDULED", "EXECUTED", "REJECTED", "CANCELLED", "REVERSED", "CLEARED", "BOUNCED"},
                                      description = "Null on the first entry") OperationStatus from,
                              OperationStatus to,
                              @Schema(nullable = true) String reason) {

        static HistoryView of(OperationHistoryEntry entry) {
            return new HistoryView(entry.at, entry.actor, entry.from, entry.to, entry.reason);
        }
    }

    @Schema(name = "Operation")
    public record OperationView(
            String id,
            OperationType type,
            OperationStatus status,
            @Schema(examples = "250.00") String amount,
            @Schema(examples = "EUR") String currency,
            @Schema(nullable = true) String debitAccountId,
            @Schema(nullable = true) String creditAccountId,
            Creditor creditor,
            Cheque cheque,
            @Schema(nullable = true, examples = "20") String vatRate,
            @Schema(nullable = true) String reference,
            @Schema(nullable = true) String label,
            @Schema(examples = "PAR-01") String unit,
            LocalDate requestedExecutionDate,
            @Schema(description = "The date the entries are valued: the requested execution date, moved to the next TARGET2 "
                    + "business day when it is a weekend or holiday; an operation that executes later (validated or "
                    + "approved after that day) is valued on the business day it executes.")
            LocalDate valueDate,
            Instant receivedAt,
            @Schema(nullable = true, implementation = String.class, format = "date-time") Instant executedAt,
            String submittedBy,
            @Schema(nullable = true) String validatedBy,
            @Schema(nullable = true) String approvedBy,
            @Schema(nullable = true) String assignee,
            boolean requiresApproval,
            @Schema(nullable = true, implementation = String.class, enumeration = {"INSUFFICIENT_FUNDS", "ACCOUNT_FROZEN",
                    "ACCOUNT_CLOSED", "SUSPECTED_FRAUD", "INVALID_CHEQUE", "SIGNATURE_MISMATCH", "DUPLICATE", "OTHER"},
                    description = "Why it was rejected; on a `RECEIVED` operation, why it could not execute on its date "
                            + "(it came back to the unit's queue, event `operation.returned`)")
            ReasonCode reasonCode,
            @Schema(nullable = true) String reasonComment,
            @Schema(nullable = true) String reversalOf,
            @Schema(nullable = true) String reversedBy,
            List<HistoryView> history,
            long version) {

        public static OperationView of(Operation op, List<OperationHistoryEntry> history) {
            return new OperationView(op.id.toString(), op.type, op.status, Money.format(op.amount, op.currency), op.currency,
                    str(op.debitAccountId), str(op.creditAccountId),
                    op.creditorIban == null ? null : new Creditor(op.creditorName, op.creditorIban),
                    op.chequeNumber == null ? null
                            : new Cheque(op.chequeNumber, op.chequeDrawerName, op.chequeDrawerBank, op.chequeIssueDate),
                    op.vatRate == null ? null : op.vatRate.stripTrailingZeros().toPlainString(),
                    op.reference, op.label, op.unit, op.requestedExecutionDate, op.valueDate, op.receivedAt, op.executedAt,
                    op.submittedBy, op.validatedBy, op.approvedBy, op.assignee, op.requiresApproval, op.reasonCode,
                    op.reasonComment, str(op.reversalOf), str(op.reversedBy),
                    history.stream().map(HistoryView::of).toList(), op.version);
        }

        private static String str(Object value) {
            return value == null ? null : value.toString();
        }
    }

    @Schema(name = "QueueItem", description = "An operation waiting for a person, with the time by which it should be handled")
    public record QueueItem(
            @Schema(description = "`receivedAt` + 1 TARGET2 business day") Instant dueAt,
            OperationView operation) {
    }
}
