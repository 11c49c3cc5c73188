package fr.backoffice.filing;

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
import java.util.UUID;

/** One line of a filing's history: who did what, when, and the status before and after. Never changed. */
@Entity
@Table(name = "filing_history")
public class FilingHistoryEntry {

    /** From {@code filing_history_seq}, one value at a time: id order is the order of events. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "filing_history_seq")
    @SequenceGenerator(name = "filing_history_seq", sequenceName = "filing_history_seq", allocationSize = 1)
    public Long id;

    @Column(name = "filing_id", nullable = false, updatable = false)
    public UUID filingId;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public FilingAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", updatable = false)
    public FilingStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false, updatable = false)
    public FilingStatus toStatus;

    public static FilingHistoryEntry of(UUID filingId, Instant at, String actor, FilingAction action,
                                        FilingStatus from, FilingStatus to) {
        FilingHistoryEntry entry = new FilingHistoryEntry();
        entry.filingId = filingId;
        entry.at = at;
        entry.actor = actor;
        entry.action = action;
        entry.fromStatus = from;
        entry.toStatus = to;
        return entry;
    }
}
