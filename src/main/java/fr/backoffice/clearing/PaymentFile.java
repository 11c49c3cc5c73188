package fr.backoffice.clearing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A pacs.008 file of external transfers for the clearing system: the document is written once, when the file is
 * closed, and served byte for byte ever after (its SHA-256 is kept beside it); only the acknowledgement changes it.
 */
@Entity
@Table(name = "payment_file")
public class PaymentFile {

    @Id
    public UUID id;

    @Column(name = "message_id", nullable = false, updatable = false)
    public String messageId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "settlement_date", nullable = false, updatable = false)
    public LocalDate settlementDate;

    @Column(name = "number_of_transactions", nullable = false, updatable = false)
    public int numberOfTransactions;

    @Column(name = "control_sum", nullable = false, updatable = false)
    public BigDecimal controlSum;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentFileStatus status;

    @Column(nullable = false, updatable = false)
    public byte[] document;

    @Column(nullable = false, updatable = false)
    public String sha256;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    /** The MsgId of the clearing system's status report (pacs.002) that recorded the outcome; null when done by hand. */
    @Column(name = "status_report_id")
    public String statusReportId;

    @Version
    public long version;

    /** A new file, GENERATED: its document, count, sum and digest are set once it is written. */
    public static PaymentFile generated(UUID id, String messageId, Instant createdAt, String createdBy,
                                        LocalDate settlementDate, String currency) {
        PaymentFile file = new PaymentFile();
        file.id = id;
        file.messageId = messageId;
        file.createdAt = createdAt;
        file.createdBy = createdBy;
        file.settlementDate = settlementDate;
        file.currency = currency;
        file.status = PaymentFileStatus.GENERATED;
        return file;
    }

    /** Its document, written once: the transactions it holds, their sum, and the document's SHA-256. */
    public void written(int transactions, BigDecimal sum, byte[] pacs008, String digest) {
        if (document != null) {
            throw new IllegalStateException("payment file " + id + " is already written");
        }
        if (transactions <= 0) {
            throw new IllegalArgumentException("A payment file holds at least one transaction, not " + transactions);
        }
        numberOfTransactions = transactions;
        controlSum = Objects.requireNonNull(sum, "sum");
        document = Objects.requireNonNull(pacs008, "pacs008");
        sha256 = Objects.requireNonNull(digest, "digest");
    }

    /**
     * Records the clearing system's outcome ({@link PaymentFileStatus}: from GENERATED only, else 409
     * INVALID_TRANSITION): acknowledged by hand ({@code statusReportId} null) or by its status report.
     */
    public void recordOutcome(PaymentFileStatus outcome, String actor, Instant at, String reason, String statusReportId) {
        status.require(outcome, "acknowledge the payment file");
        status = outcome;
        acknowledgedAt = at;
        acknowledgedBy = actor;
        rejectionReason = reason;
        this.statusReportId = statusReportId;
    }
}
