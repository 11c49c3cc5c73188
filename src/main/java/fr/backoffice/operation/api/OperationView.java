package fr.backoffice.operation.api;

import fr.backoffice.common.money.Money;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationHistoryEntry;
import fr.backoffice.operation.OperationStatus;
import fr.backoffice.operation.OperationType;
import fr.backoffice.operation.ReasonCode;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An operation as the API shows it, in answers, stored idempotent answers and {@code operation.*} events. */
@Schema(name = "Operation")
public record OperationView(
        @Schema(format = "uuid") String id,
        OperationType type,
        OperationStatus status,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "250.00") String amount,
        @Schema(pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        @Schema(nullable = true, format = "uuid") String debitAccountId,
        @Schema(nullable = true, format = "uuid") String creditAccountId,
        Creditor creditor,
        Cheque cheque,
        @Schema(nullable = true, pattern = Limits.VAT_RATE, maxLength = 8, examples = "20") String vatRate,
        @Schema(nullable = true, maxLength = 35) String reference,
        @Schema(nullable = true, maxLength = 140) String label,
        @Schema(pattern = Limits.UNIT_CODE, maxLength = 6, examples = "PAR-01") String unit,
        LocalDate requestedExecutionDate,
        @Schema(description = "The date the entries are valued: the requested execution date, moved to the next TARGET2 "
                + "business day when it is a weekend or holiday; an operation that executes later (validated or "
                + "approved after that day) is valued on the business day it executes.")
        LocalDate valueDate,
        Instant receivedAt,
        @Schema(nullable = true, implementation = String.class, format = "date-time") Instant executedAt,
        @Schema(maxLength = Limits.ACTOR_LENGTH) String submittedBy,
        @Schema(nullable = true, maxLength = Limits.ACTOR_LENGTH) String validatedBy,
        @Schema(nullable = true, maxLength = Limits.ACTOR_LENGTH) String approvedBy,
        @Schema(nullable = true, maxLength = Limits.ACTOR_LENGTH) String assignee,
        @Schema(description = "true: four eyes, a supervisor approves it after an agent validates it: at or above the "
                + "approval threshold, over a REVIEW limit of the debit account (GET /accounts/{id}/limits), or caught by "
                + "a velocity rule; then the first history entry's reason says which: `REVIEW: over the limit <id>`, "
                + "`REVIEW: velocity rule <id>` (VELOCITY_NEW_CREDITOR, VELOCITY_EXTERNAL_BURST, VELOCITY_UNUSUAL_AMOUNT)")
        boolean requiresApproval,
        @Schema(nullable = true, implementation = String.class, enumeration = {"INSUFFICIENT_FUNDS", "ACCOUNT_FROZEN",
                "ACCOUNT_CLOSED", "SUSPECTED_FRAUD", "INVALID_CHEQUE", "SIGNATURE_MISMATCH", "DUPLICATE", "LIMIT_EXCEEDED",
                "OTHER"}, description = "Why it was rejected (`LIMIT_EXCEEDED`: by the scheduler, a scheduled debit over a "
                        + "DENY limit on its date); on a `RECEIVED` operation, why it could not execute on its date "
                        + "(it came back to the unit's queue, event `operation.returned`)")
        ReasonCode reasonCode,
        @Schema(nullable = true, maxLength = Limits.REASON_LENGTH) String reasonComment,
        @Schema(nullable = true, format = "uuid") String reversalOf,
        @Schema(nullable = true, format = "uuid", description = "The REVERSAL operation that undid it (REVERSED) or "
                + "credited its debtor back (RETURNED)") String reversedBy,
        @Schema(nullable = true, format = "uuid", description = "An external transfer: the payment file that took it to "
                + "the clearing system (`GET /payment-files/{id}`); null while it waits for the next file")
        String paymentFileId,
        @Schema(nullable = true, maxLength = 35, examples = "INV-2026-0042", description = "The ISO 20022 EndToEndId: "
                + "the one an external transfer was sent with (its `reference` when that fits the SEPA character set, "
                + "else its id without dashes), or the one another bank sent an INCOMING_TRANSFER with")
        String endToEndId,
        Debtor debtor,
        @Schema(nullable = true, pattern = "^[A-Z0-9]{4}$", maxLength = 4, examples = "AC04",
                description = "A RETURNED transfer: the ISO 20022 return reason (AC01 wrong account number, AC04 closed "
                        + "account, AG01 transaction forbidden, AM04 insufficient funds, MS03 reason not specified...; "
                        + "`NARR` when its payment file was rejected, the reason in `reasonComment`)")
        String returnReason,
        @Schema(maxItems = OperationView.MAX_HISTORY, description = "The status changes, in order. Bounded by the "
                + "lifecycle: received; validated (and approved), scheduled and back in the queue when it could not "
                + "execute on its date, which happens once, as the date has then come; validated and approved again; "
                + "executed; cleared (a cheque); reversed, returned or bounced: 8 at most")
        List<HistoryView> history,
        @Schema(minimum = "0") long version) {

    /** The longest history the operation lifecycle allows ({@code OperationLifecycle}), as the description counts it. */
    public static final int MAX_HISTORY = 8;

    public static OperationView of(Operation op, List<OperationHistoryEntry> history) {
        return new OperationView(op.id.toString(), op.type, op.status, Money.format(op.amount, op.currency), op.currency,
                str(op.debitAccountId), str(op.creditAccountId),
                op.creditorIban == null ? null : new Creditor(op.creditorName, op.creditorIban, op.creditorBic),
                op.chequeNumber == null ? null
                        : new Cheque(op.chequeNumber, op.chequeDrawerName, op.chequeDrawerBank, op.chequeIssueDate),
                op.vatRate == null ? null : op.vatRate.stripTrailingZeros().toPlainString(),
                op.reference, op.label, op.unit, op.requestedExecutionDate, op.valueDate, op.receivedAt, op.executedAt,
                op.submittedBy, op.validatedBy, op.approvedBy, op.assignee, op.requiresApproval, op.reasonCode,
                op.reasonComment, str(op.reversalOf), str(op.reversedBy), str(op.paymentFileId), op.endToEndId,
                op.debtorIban == null ? null : new Debtor(op.debtorName, op.debtorIban), op.returnReason,
                history.stream().map(HistoryView::of).toList(), op.version);
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
