package fr.backoffice.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash chain of the audit trail, in plain Java: {@code hash = SHA-256(prevHash || canonical record)}, hex,
 * where the first record's {@code prevHash} is 64 zeros and records are chained by {@code chainSeq} (1, 2, 3...).
 * Altering, inserting or removing a sealed record changes a hash that every later record depends on, or leaves a
 * gap in {@code chainSeq}. Truncating or rewriting the newest records leaves a valid chain: that is what the signed
 * {@link AuditCheckpoint}s catch.
 *
 * <p>The canonical text is {@code chainSeq|at|actor|roles|action|resourceType|resourceId|outcome|requestId}, so a
 * record's place in the chain is part of what its hash covers (V2__events_and_audit.sql).
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);
    /** A fixed format with microseconds, as PostgreSQL stores timestamps, so the canonical text never varies. */
    static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditChain() {
    }

    /** The fields of a sealed record in a fixed order, separated by {@code |}; absent values are empty. */
    public static String canonical(AuditRecord record) {
        if (record.chainSeq() == null) {
            throw new IllegalArgumentException("Record " + record.seq() + " has no place in the chain");
        }
        return String.join("|", Long.toString(record.chainSeq()), AT.format(record.at()), text(record.actor()),
                text(record.roles()), text(record.action()), text(record.resourceType()), text(record.resourceId()),
                text(record.outcome()), text(record.requestId()));
    }

    public static String hash(String prevHash, AuditRecord record) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update(canonical(record).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Walks a chain page after page: feed it the sealed records in chainSeq order; it remembers the first broken one. */
    public static final class Verifier {

        private String previousHash = GENESIS;
        private long previousChainSeq;
        private long records;
        private Long firstBroken;

        public void accept(AuditRecord record, String storedPrevHash, String storedHash) {
            records++;
            if (firstBroken != null) {
                return;
            }
            boolean linked = record.chainSeq() == previousChainSeq + 1 && previousHash.equals(storedPrevHash);
            if (!linked || !hash(storedPrevHash, record).equals(storedHash)) {
                firstBroken = record.chainSeq();
            }
            previousHash = storedHash;
            previousChainSeq = record.chainSeq();
        }

        public long records() {
            return records;
        }

        /** The chainSeq of the last record seen, 0 when none. */
        public long last() {
            return previousChainSeq;
        }

        /** The chainSeq of the first record that does not follow from its predecessor, or null when intact. */
        public Long firstBroken() {
            return firstBroken;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("|", "\\|");
    }
}
