package fr.backoffice.operation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One status change of an operation: who moved it, when, from what to what, and why. */
@Entity
@Table(name = "operation_history")
public class OperationHistoryEntry {

    /**
     * Increasing within one request's changes. A history is read in (at, id) order: ids come from blocks each
     * instance (and the submission function) takes from one sequence, so across requests time comes first.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "operation_history_seq")
    @SequenceGenerator(name = "operation_history_seq", sequenceName = "operation_history_seq", allocationSize = 50)
    public Long id;

    @Column(name = "operation_id", nullable = false, updatable = false)
    public UUID operationId;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", updatable = false)
    public OperationStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false, updatable = false)
    public OperationStatus to;

    @Column(updatable = false)
    public String reason;

    /** A status change of the operation {@code operationId}: from null for its creation. */
    public static OperationHistoryEntry of(UUID operationId, Instant at, String actor, OperationStatus from,
                                           OperationStatus to, String reason) {
        OperationHistoryEntry entry = new OperationHistoryEntry();
        entry.operationId = Objects.requireNonNull(operationId, "operationId");
        entry.at = Objects.requireNonNull(at, "at");
        entry.actor = Objects.requireNonNull(actor, "actor");
        entry.from = from;
        entry.to = Objects.requireNonNull(to, "to");
        entry.reason = reason;
        return entry;
    }
}
