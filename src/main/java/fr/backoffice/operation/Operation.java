package fr.backoffice.operation;

import fr.backoffice.common.error.ApiException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** The back-office record of a commercial action, and its moves through its lifecycle (see {@link OperationLifecycle}). */
@Entity
@Table(name = "operation")
public class Operation {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public OperationType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OperationStatus status;

    @Column(nullable = false, updatable = false)
    public BigDecimal amount;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(name = "debit_account_id", updatable = false)
    public UUID debitAccountId;

    @Column(name = "credit_account_id", updatable = false)
    public UUID creditAccountId;

    @Column(name = "creditor_name", updatable = false)
    public String creditorName;

    @Column(name = "creditor_iban", updatable = false)
    public String creditorIban;

    /** An external transfer's creditor bank, as a BIC: given by the submitter or found in the BIC directory. */
    @Column(name = "creditor_bic", updatable = false)
    public String creditorBic;

    @Column(name = "cheque_number", updatable = false)
    public String chequeNumber;

    @Column(name = "cheque_drawer_name", updatable = false)
    public String chequeDrawerName;

    @Column(name = "cheque_drawer_bank", updatable = false)
    public String chequeDrawerBank;

    @Column(name = "cheque_issue_date", updatable = false)
    public LocalDate chequeIssueDate;

    @Column(name = "vat_rate", updatable = false)
    public BigDecimal vatRate;

    @Column(updatable = false)
    public String reference;

    @Column(updatable = false)
    public String label;

    @Column(name = "unit_code", nullable = false, updatable = false)
    public String unit;

    @Column(name = "requested_execution_date", nullable = false, updatable = false)
    public LocalDate requestedExecutionDate;

    /**
     * The date the entries are valued: the requested date moved to a TARGET2 business day, or, for an operation that
     * executes later than that (validated or approved after the day), the business day it executes.
     */
    @Column(name = "value_date", nullable = false)
    public LocalDate valueDate;

    @Column(name = "received_at", nullable = false, updatable = false)
    public Instant receivedAt;

    @Column(name = "executed_at")
    public Instant executedAt;

    @Column(name = "submitted_by", nullable = false, updatable = false)
    public String submittedBy;

    @Column(name = "validated_by")
    public String validatedBy;

    @Column(name = "approved_by")
    public String approvedBy;

    public String assignee;

    @Column(name = "requires_approval", nullable = false, updatable = false)
    public boolean requiresApproval;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason_code")
    public ReasonCode reasonCode;

    @Column(name = "reason_comment")
    public String reasonComment;

    @Column(name = "reversal_of", updatable = false)
    public UUID reversalOf;

    @Column(name = "reversed_by")
    public UUID reversedBy;

    /** The payment file that took this external transfer to the clearing system; null while it waits for one. */
    @Column(name = "payment_file_id")
    public UUID paymentFileId;

    /** The EndToEndId the transfer was sent with in its payment file, or an incoming transfer's, as the other bank sent it. */
    @Column(name = "end_to_end_id")
    public String endToEndId;

    /** An incoming transfer's debtor, as the other bank sent it. */
    @Column(name = "debtor_name", updatable = false)
    public String debtorName;

    @Column(name = "debtor_iban", updatable = false)
    public String debtorIban;

    /** Why a RETURNED transfer came back: an ISO 20022 return reason code (AC01, AC04, AM04, MS03...). */
    @Column(name = "return_reason")
    public String returnReason;

    @Version
    public long version;

    /** Status changes made in this unit of work, persisted by the service together with the operation. */
    @Transient
    public final List<OperationHistoryEntry> newHistory = new ArrayList<>();

    public boolean isExternalTransfer() {
        return type == OperationType.TRANSFER && creditorIban != null;
    }

    /** An external transfer's creditor, as the submitter named it; its bank found in the BIC directory if not given. */
    public record Creditor(String name, String iban, String bic) {
    }

    /** A deposited cheque, as the submitter described it. */
    public record Cheque(String number, String drawerName, String drawerBank, LocalDate issueDate) {
    }

    /**
     * What a submitter asks for, checked by the intake; {@code creditor} and {@code cheque} null when the type has
     * none.
     */
    public record Request(BigDecimal amount, String currency, UUID debitAccountId, UUID creditAccountId,
                          Creditor creditor, Cheque cheque, BigDecimal vatRate, String reference, String label,
                          LocalDate requestedExecutionDate) {
    }

    /**
     * What an operation the service books as it creates it moves (a settlement, a refund, an incoming transfer, a
     * write-off, a reversal): from which account to which, for which day, labelled how; who booked it, and when.
     */
    public record Booking(String unit, BigDecimal amount, String currency, UUID debitAccountId, UUID creditAccountId,
                          String label, LocalDate date, String actor, Instant at) {
    }

    /** A new operation of this type, in the status its lifecycle starts it in ({@link OperationLifecycle#initial}). */
    private static Operation created(UUID id, OperationType type) {
        Operation op = new Operation();
        op.id = Objects.requireNonNull(id, "id");
        op.type = Objects.requireNonNull(type, "type");
        op.status = OperationLifecycle.initial(type);
        return op;
    }

    /**
     * A submission as received from {@code submittedBy}: valued on the business day on or after the requested date;
     * its unit is that of its accounts, set once they are read ({@link #belongTo}).
     */
    public static Operation submitted(UUID id, OperationType type, Request request, String submittedBy,
                                      Instant receivedAt, boolean requiresApproval) {
        Operation op = created(id, type);
        op.amount = positive(request.amount());
        op.currency = Objects.requireNonNull(request.currency(), "currency");
        op.debitAccountId = request.debitAccountId();
        op.creditAccountId = request.creditAccountId();
        if (request.creditor() != null) {
            op.creditorName = request.creditor().name();
            op.creditorIban = request.creditor().iban();
            op.creditorBic = request.creditor().bic();
        }
        if (request.cheque() != null) {
            op.chequeNumber = request.cheque().number();
            op.chequeDrawerName = request.cheque().drawerName();
            op.chequeDrawerBank = request.cheque().drawerBank();
            op.chequeIssueDate = request.cheque().issueDate();
        }
        op.vatRate = request.vatRate();
        op.reference = request.reference();
        op.label = request.label();
        op.requestedExecutionDate = request.requestedExecutionDate();
        op.valueDate = BusinessCalendar.onOrAfter(request.requestedExecutionDate());
        op.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        op.submittedBy = Objects.requireNonNull(submittedBy, "submittedBy");
        op.requiresApproval = requiresApproval;
        return op;
    }

    /** A clearing settlement of the payment file {@code fileMessageId}, referenced by it. */
    public static Operation settlement(UUID id, Booking booking, String fileMessageId) {
        Operation op = bookedOnCreation(id, OperationType.CLEARING_SETTLEMENT, booking, null);
        op.reference = Objects.requireNonNull(fileMessageId, "fileMessageId");
        return op;
    }

    /** A REVERSAL of {@code original}, booked at once, {@code reason} the reason of its first history entry. */
    public static Operation reversal(UUID id, Booking booking, UUID original, String reason) {
        Operation op = bookedOnCreation(id, OperationType.REVERSAL, booking, reason);
        op.reversalOf = Objects.requireNonNull(original, "original");
        return op;
    }

    /** Another bank's credit to one of our accounts, with its EndToEndId and debtor as that bank sent them. */
    public static Operation incoming(UUID id, Booking booking, String endToEndId, String debtorName, String debtorIban) {
        Operation op = bookedOnCreation(id, OperationType.INCOMING_TRANSFER, booking, null);
        op.endToEndId = endToEndId;
        op.debtorName = debtorName;
        op.debtorIban = debtorIban;
        return op;
    }

    /** A reconciliation write-off, {@code reason} the reason of its first history entry. */
    public static Operation writeOff(UUID id, Booking booking, String reason) {
        return bookedOnCreation(id, OperationType.RECONCILIATION_WRITE_OFF, booking, reason);
    }

    /** Created EXECUTED ({@link OperationLifecycle#initial}), its creation the first entry of its history. */
    private static Operation bookedOnCreation(UUID id, OperationType type, Booking booking, String reason) {
        Operation op = created(id, type);
        if (op.status != OperationStatus.EXECUTED) {
            throw new IllegalArgumentException(type + " is not booked as it is created");
        }
        op.amount = positive(booking.amount());
        op.currency = Objects.requireNonNull(booking.currency(), "currency");
        op.unit = Objects.requireNonNull(booking.unit(), "unit");
        op.debitAccountId = booking.debitAccountId();
        op.creditAccountId = booking.creditAccountId();
        op.label = booking.label();
        op.requestedExecutionDate = booking.date();
        op.valueDate = BusinessCalendar.onOrAfter(booking.date());
        op.receivedAt = booking.at();
        op.executedAt = booking.at();
        op.submittedBy = Objects.requireNonNull(booking.actor(), "actor");
        op.record(null, op.status, booking.actor(), reason, booking.at());
        return op;
    }

    private static BigDecimal positive(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("An operation's amount is positive, not " + amount);
        }
        return amount;
    }

    /** The unit of the accounts a submission names, known once they are read. */
    public void belongTo(String owner) {
        unit = Objects.requireNonNull(owner, "owner");
    }

    /**
     * This attempt of a submission (a retry starts over, its history of the failed attempt dropped): received, then
     * executed at once when it goes straight through.
     */
    public void receive(String actor, boolean straightThrough) {
        newHistory.clear();
        status = OperationLifecycle.initial(type);
        executedAt = null;
        recordCreation(actor, receivedAt);
        if (straightThrough) {
            move(OperationAction.EXECUTE, OperationStatus.EXECUTED, actor, null, receivedAt);
            executedAt = receivedAt;
        }
    }

    /**
     * A submission over a limit whose excess is REVIEW, or that a velocity rule stops: it waits for four eyes,
     * {@code reason} (null when none is told) the reason of its first history entry.
     */
    public void holdForReview(String reason) {
        requiresApproval = true;
        reviewReason = reason;
    }

    /** Claimed by {@code agent}: nobody else handles it until it moves on. */
    public void assignTo(String agent) {
        assignee = Objects.requireNonNull(agent, "agent");
    }

    /** Validated by {@code validator}, who did not submit it (four eyes). */
    public void recordValidator(String validator) {
        if (validator.equals(submittedBy)) {
            throw new IllegalStateException("operation " + id + " is validated by its submitter");
        }
        validatedBy = validator;
    }

    /** Approved by {@code approver}, who neither submitted nor validated it (four eyes). */
    public void recordApprover(String approver) {
        if (approver.equals(submittedBy) || approver.equals(validatedBy)) {
            throw new IllegalStateException("operation " + id + " is approved by its submitter or validator");
        }
        approvedBy = approver;
    }

    /** Moves to {@code to} by {@code action} and out of its assignee's hands: nobody needs to hold it any more. */
    public void moveAndUnassign(OperationAction action, OperationStatus to, String actor, String reason, Instant at) {
        move(action, to, actor, reason, at);
        assignee = null;
    }

    /** REJECTED by a person, for {@code reasonCode}, the comment kept with it and as the history's reason. */
    public void reject(ReasonCode code, String comment, String actor, Instant at) {
        moveAndUnassign(OperationAction.REJECT, OperationStatus.REJECTED, actor, comment, at);
        reasonCode = code;
        reasonComment = comment;
    }

    /**
     * Valued on the business day it executes when that is later than the day it was meant for (never earlier than
     * that day).
     */
    public void valueOnExecutionDay(LocalDate executionDay) {
        if (executionDay.isAfter(valueDate)) {
            valueDate = executionDay;
        }
    }

    /** EXECUTED by {@code action}: an earlier attempt's reason code, now moot, is forgotten. */
    public void execute(OperationAction action, String actor, Instant at) {
        moveAndUnassign(action, OperationStatus.EXECUTED, actor, null, at);
        executedAt = at;
        reasonCode = null;
    }

    /** Not executed, for {@code code}: moved to {@code to} (REJECTED, or back to the unit's queue). */
    public void notExecuted(OperationAction action, OperationStatus to, ReasonCode code, String actor, String reason,
                            Instant at) {
        moveAndUnassign(action, to, actor, reason, at);
        reasonCode = Objects.requireNonNull(code, "code");
    }

    /** REVERSED by the operation {@code reversal}, which posts the mirror of its entries. */
    public void reverse(UUID reversal, String actor, String reason, Instant at) {
        move(OperationAction.REVERSE, OperationStatus.REVERSED, actor, reason, at);
        reversedBy = Objects.requireNonNull(reversal, "reversal");
    }

    /**
     * An external transfer the clearing gave back, for the ISO 20022 {@code returnReason}: RETURNED, its money
     * refunded by the operation {@code refund}.
     */
    public void returned(String returnReason, String comment, UUID refund, String actor, Instant at) {
        move(OperationAction.RETURN, OperationStatus.RETURNED, actor, comment, at);
        this.returnReason = Objects.requireNonNull(returnReason, "returnReason");
        reasonComment = comment;
        reversedBy = Objects.requireNonNull(refund, "refund");
    }

    /** An executed external transfer taken to the clearing system in the payment file {@code fileId}. */
    public void sendIn(UUID fileId, String endToEnd) {
        if (!isExternalTransfer() || status != OperationStatus.EXECUTED || paymentFileId != null) {
            throw new IllegalStateException("operation " + id + " is not an executed transfer waiting for a payment file");
        }
        paymentFileId = Objects.requireNonNull(fileId, "fileId");
        endToEndId = Objects.requireNonNull(endToEnd, "endToEnd");
    }

    /** Refuses, with 409 INVALID_TRANSITION, an action the lifecycle does not allow from the current status. */
    public void require(OperationAction action) {
        if (!OperationLifecycle.permits(type, status, action)) {
            throw ApiException.invalidTransition(status.name(), action.name().toLowerCase() + " the operation");
        }
    }

    /** Moves to {@code to} by {@code action}, recording who, when and why. */
    public void move(OperationAction action, OperationStatus to, String actor, String reason, Instant at) {
        Set<OperationStatus> allowed = OperationLifecycle.targets(type, status, action);
        if (!allowed.contains(to)) {
            throw ApiException.invalidTransition(status.name(), action.name().toLowerCase() + " the operation");
        }
        record(status, to, actor, reason, at);
        status = to;
    }

    /** The first entry of the history: the operation as received. */
    private void recordCreation(String actor, Instant at) {
        record(null, status, actor, reviewReason, at);
    }

    /**
     * Why a submission waits for four eyes although its amount would not (a limit whose excess is REVIEW:
     * docs/operations-and-ledger.md "Limits and decisions"): the reason of its first history entry; never stored.
     */
    @Transient
    public String reviewReason;

    private void record(OperationStatus from, OperationStatus to, String actor, String reason, Instant at) {
        newHistory.add(OperationHistoryEntry.of(id, at, actor, from, to, reason));
    }
}
