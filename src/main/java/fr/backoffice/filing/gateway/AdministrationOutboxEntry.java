package fr.backoffice.filing.gateway;

import fr.backoffice.filing.FilingType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A document waiting in the outbox for the transport that delivers it to the administration. */
@Entity
@Table(name = "administration_outbox")
public class AdministrationOutboxEntry {

    @Id
    public UUID id;

    @Column(name = "deposit_reference", nullable = false, updatable = false)
    public String depositReference;

    @Column(name = "filing_id", nullable = false, updatable = false)
    public UUID filingId;

    @Enumerated(EnumType.STRING)
    @Column(name = "filing_type", nullable = false, updatable = false)
    public FilingType filingType;

    @Column(nullable = false, updatable = false)
    public String siren;

    @Column(nullable = false, updatable = false)
    public byte[] document;

    @Column(nullable = false, updatable = false)
    public String digest;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** Set by the transport once the administration has the document. */
    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(nullable = false)
    public int attempts;

    /** A document just deposited: not sent yet, no attempt made. */
    public static AdministrationOutboxEntry deposited(UUID id, String depositReference, UUID filingId,
                                                      FilingType filingType, String siren, byte[] document,
                                                      String digest, Instant createdAt) {
        AdministrationOutboxEntry entry = new AdministrationOutboxEntry();
        entry.id = Objects.requireNonNull(id, "id");
        entry.depositReference = Objects.requireNonNull(depositReference, "depositReference");
        entry.filingId = Objects.requireNonNull(filingId, "filingId");
        entry.filingType = Objects.requireNonNull(filingType, "filingType");
        entry.siren = Objects.requireNonNull(siren, "siren");
        entry.document = Objects.requireNonNull(document, "document");
        entry.digest = Objects.requireNonNull(digest, "digest");
        entry.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        entry.attempts = 0;
        return entry;
    }
}
