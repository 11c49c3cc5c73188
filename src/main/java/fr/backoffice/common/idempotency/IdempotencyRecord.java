package fr.backoffice.common.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The first answer given to a client's idempotency key, kept to replay it to retries. */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyRecord {

    @EmbeddedId
    public Key id;

    @Column(name = "request_fingerprint", nullable = false)
    public String requestFingerprint;

    @Column(name = "response_status", nullable = false)
    public int responseStatus;

    @Column(name = "response_body", nullable = false)
    public String responseBody;

    @Column(name = "response_location")
    public String responseLocation;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The answer first given to {@code id}, for the request whose fingerprint is {@code requestFingerprint}. */
    public static IdempotencyRecord of(Key id, String requestFingerprint, int responseStatus, String responseBody,
                                       String responseLocation, Instant createdAt) {
        IdempotencyRecord record = new IdempotencyRecord();
        record.id = Objects.requireNonNull(id, "id");
        record.requestFingerprint = Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        record.responseStatus = responseStatus;
        record.responseLocation = responseLocation;
        record.responseBody = Objects.requireNonNull(responseBody, "responseBody");
        record.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        return record;
    }

    @Embeddable
    public record Key(
            @Column(name = "client_id") String clientId,
            @Column(name = "idempotency_key") String key) implements Serializable {
    }
}
