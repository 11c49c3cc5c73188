package fr.backoffice.filing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The exact bytes submitted for a filing (canonical JSON) and their SHA-256. Written once, at submission. */
@Entity
@Table(name = "filing_document")
public class FilingDocument {

    @Id
    @Column(name = "filing_id")
    public UUID filingId;

    @Column(nullable = false, updatable = false)
    public byte[] body;

    @Column(nullable = false, updatable = false)
    public String digest;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public static FilingDocument of(UUID filingId, byte[] body, String digest, Instant at) {
        FilingDocument document = new FilingDocument();
        document.filingId = filingId;
        document.body = body;
        document.digest = digest;
        document.createdAt = at;
        return document;
    }
}
