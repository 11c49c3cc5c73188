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

    /** A new operation of this type, in the status its lifecycle starts it in ({@link OperationLifecycle#initial}). */
    public static Operation created(UUID id, OperationType type) {
        Operation op = new Operation();
        op.id = id;
        op.type = type;
        op.status = OperationLifecycle.initial(type);
        return op;
    }

    /** A submission tried again: back to its initial status, its history of the failed attempt dropped. */
    public void startOver() {
        newHistory.clear();
        status = OperationLifecycle.initial(type);
        executedAt = null;
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

    /** The first entry of the history: the operation as received (or, for a reversal, as created). */
    public void recordCreation(String actor, Instant at) {
        record(null, status, actor, reviewReason, at);
    }

    /**
     * Why a submission waits for four eyes although its amount would not (a limit whose excess is REVIEW:
     * docs/operations-and-ledger.md "Limits and decisions"): the reason of its first history entry; never stored.
     */
    @Transient
    public String reviewReason;

    private void record(OperationStatus from, OperationStatus to, String actor, String reason, Instant at) {
        OperationHistoryEntry entry = new OperationHistoryEntry();
        entry.operationId = id;
        entry.at = at;
        entry.actor = actor;
        entry.from = from;
        entry.to = to;
        entry.reason = reason;
        newHistory.add(entry);
    }
}
