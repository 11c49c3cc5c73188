package fr.backoffice.filing;

import fr.backoffice.common.Ids;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One declaration and its lifecycle: {@code DRAFT → VALIDATED → SUBMITTED → ACCEPTED | REJECTED}. Only a draft's
 * content changes; once submitted, the only change is the acknowledgement (and, after it, the link to the
 * amendment that corrects it). Content, computation and check results are JSON objects kept as text.
 */
@Entity
@Table(name = "filing")
public class Filing {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public FilingType type;

    @Column(name = "declarant_id", nullable = false, updatable = false)
    public UUID declarantId;

    @Column(name = "period_start", nullable = false, updatable = false)
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false, updatable = false)
    public LocalDate periodEnd;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FilingStatus status;

    @Column(nullable = false)
    public String content;

    @Column(nullable = false)
    public String computed;

    @Column(nullable = false)
    public String checks;

    @Column(name = "prepared_by", nullable = false, updatable = false)
    public String preparedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "validated_by")
    public String validatedBy;

    @Column(name = "validated_at")
    public Instant validatedAt;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column
    public String digest;

    @Column(name = "deposit_reference")
    public String depositReference;

    @Enumerated(EnumType.STRING)
    @Column(name = "ack_outcome")
    public AcknowledgementOutcome ackOutcome;

    @Column(name = "ack_administration_reference")
    public String ackAdministrationReference;

    @Column(name = "ack_reason")
    public String ackReason;

    @Column(name = "ack_received_at")
    public Instant ackReceivedAt;

    @Column(name = "ack_recorded_by")
    public String ackRecordedBy;

    @Column(updatable = false)
    public UUID amends;

    @Column(name = "amended_by")
    public UUID amendedBy;

    @Version
    public long version;

    /**
     * A draft's content is replaced at most this many times (each replacement is a new version), so that a filing's
     * history stays bounded: created, these replacements, validated, submitted, acknowledged, amended.
     */
    public static final int MAX_CONTENT_CHANGES = 100;
    public static final int MAX_HISTORY = MAX_CONTENT_CHANGES + 5;

    /** A new draft of this type, declarant and period, with the content as evaluated. */
    public static Filing draft(FilingType type, UUID declarantId, Period period, Evaluation evaluation, String preparedBy,
                               Instant at) {
        Filing draft = new Filing();
        draft.id = Ids.newId();
        draft.type = type;
        draft.declarantId = declarantId;
        draft.periodStart = period.start();
        draft.periodEnd = period.end();
        draft.status = FilingStatus.DRAFT;
        draft.replaceContent(evaluation);
        draft.preparedBy = preparedBy;
        draft.createdAt = at;
        return draft;
    }

    public Period period() {
        return new Period(periodStart, periodEnd);
    }

    /** A draft takes new content, with the computation, check results and due date that follow from it. */
    public void replaceContent(Evaluation evaluation) {
        checkEditable();
        if (version >= MAX_CONTENT_CHANGES) {
            throw new ApiException(ProblemCode.CONTENT_CHANGE_LIMIT_REACHED, "This draft's content was replaced "
                    + MAX_CONTENT_CHANGES + " times already: validate it, or start a new draft.");
        }
        apply(evaluation);
    }

    /** Only a draft's content changes; anything later is immutable (409 INVALID_TRANSITION). */
    public void checkEditable() {
        if (status != FilingStatus.DRAFT) {
            throw new ApiException(ProblemCode.INVALID_TRANSITION, "Cannot replace the content of a filing in status " + status
                    + ": only a DRAFT is editable" + (status == FilingStatus.VALIDATED ? "."
                    : status == FilingStatus.SUBMITTED ? "; once acknowledged it can be amended." : "; amend it instead."));
        }
    }

    /** Validation starts from a draft. */
    public void checkValidatable() {
        status.require(FilingStatus.VALIDATED, "validate");
    }

    /** Submission starts from a validated filing. */
    public void checkSubmittable() {
        status.require(FilingStatus.SUBMITTED, "submit");
    }

    /**
     * Whoever created or edited the draft, or validated it, cannot submit it (four-eyes, docs/security.md
     * "Security rules"): 403 {@code FOUR_EYES_VIOLATION}.
     */
    public void checkSubmitter(String submitter, List<FilingHistoryEntry> history) {
        if (submitter.equals(validatedBy)) {
            throw new ApiException(ProblemCode.FOUR_EYES_VIOLATION,
                    "You validated this filing; a supervisor who neither prepared nor validated it must submit it.");
        }
        Set<FilingAction> preparing = Set.of(FilingAction.CREATED, FilingAction.CONTENT_REPLACED);
        boolean prepared = submitter.equals(preparedBy)
                || history.stream().anyMatch(entry -> preparing.contains(entry.action) && submitter.equals(entry.actor));
        if (prepared) {
            throw new ApiException(ProblemCode.FOUR_EYES_VIOLATION,
                    "You prepared this filing; a supervisor who neither prepared nor validated it must submit it.");
        }
    }

    /** The content passed every check (the caller ran them): the draft becomes VALIDATED. */
    public FilingStatus validate(Evaluation evaluation, String actor, Instant at) {
        FilingStatus from = moveTo(FilingStatus.VALIDATED, "validate");
        apply(evaluation);
        validatedBy = actor;
        validatedAt = at;
        return from;
    }

    /** Frozen: the document of {@code digest} was handed to the administration under {@code depositReference}. */
    public FilingStatus submit(String actor, Instant at, String documentDigest, String reference) {
        FilingStatus from = moveTo(FilingStatus.SUBMITTED, "submit");
        submittedBy = actor;
        submittedAt = at;
        digest = documentDigest;
        depositReference = reference;
        return from;
    }

    public FilingStatus acknowledge(AcknowledgementOutcome outcome, String administrationReference, String reason,
                                    String actor, Instant at) {
        FilingStatus from = moveTo(outcome.status(), "record an acknowledgement");
        ackOutcome = outcome;
        ackAdministrationReference = administrationReference;
        ackReason = reason;
        ackReceivedAt = at;
        ackRecordedBy = actor;
        return from;
    }

    /** Only an acknowledged filing is amended, and only once. */
    public void checkAmendable() {
        if (status != FilingStatus.ACCEPTED && status != FilingStatus.REJECTED) {
            throw ApiException.invalidTransition(status.name(), "amend a filing (only ACCEPTED or REJECTED ones are amended)");
        }
        if (amendedBy != null) {
            throw alreadyAmended(amendedBy);
        }
    }

    /**
     * The draft correcting this acknowledged filing: same type, declarant and period, the content as evaluated now.
     * This filing names it in {@code amendedBy}.
     */
    public Filing amendWith(Evaluation evaluation, String preparedBy, Instant at) {
        checkAmendable();
        Filing amendment = draft(type, declarantId, period(), evaluation, preparedBy, at);
        amendment.amends = id;
        amendedBy = amendment.id;
        return amendment;
    }

    public static ApiException alreadyAmended(UUID amendment) {
        return new ApiException(ProblemCode.ALREADY_AMENDED, "This filing was already amended"
                + (amendment == null ? "." : " by " + amendment + "; amend that one instead."));
    }

    private void apply(Evaluation evaluation) {
        content = evaluation.content();
        computed = evaluation.computed();
        checks = evaluation.checks();
        dueDate = evaluation.dueDate();
    }

    /** Moves to {@code to} if the machine ({@link FilingStatus}) allows it, else 409; the status it left. */
    private FilingStatus moveTo(FilingStatus to, String action) {
        FilingStatus from = status;
        from.require(to, action);
        status = to;
        return from;
    }

    /** What the content, once evaluated, sets on the filing: all JSON text, and the due date that follows. */
    public record Evaluation(String content, String computed, String checks, LocalDate dueDate) {
    }
}
