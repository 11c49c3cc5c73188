package fr.backoffice.filing.gateway;

import fr.backoffice.filing.FilingType;

import java.time.Instant;
import java.util.UUID;

/** A document to deposit: its exact bytes (canonical JSON, UTF-8), their SHA-256, and what it is about. */
public record Deposit(UUID filingId, FilingType type, String siren, byte[] document, String digest, Instant submittedAt) {
}
