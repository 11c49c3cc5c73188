package fr.backoffice.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed statement of the audit chain's head: "the record at {@code chainSeq} had hash {@code headHash} at
 * {@code at}". The signature is the hex HMAC-SHA256, with the service's checkpoint key, of the text
 * {@code chainSeq|headHash|at} ({@code at} written as in {@link AuditChain}'s canonical text). Whoever holds the
 * database but not the key can neither forge a checkpoint nor re-sign one after cutting or rewriting the chain's end.
 */
@Schema(name = "AuditCheckpoint", description = "A signed statement of the audit chain's head at a moment: anchors "
        + "every sealed record up to `chainSeq`")
public record AuditCheckpoint(
        @Schema(description = "The `chainSeq` of the newest sealed record when the checkpoint was taken", minimum = "1", examples = "1204")
        long chainSeq,
        @Schema(description = "That record's hash (hex SHA-256)", pattern = "^[0-9a-f]{64}$", maxLength = 64,
                examples = "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4a6b8d0f2e4c6a8b0d") String headHash,
        @Schema(description = "When the checkpoint was taken") Instant at,
        @Schema(description = "Hex HMAC-SHA256, with the service's checkpoint key, of `chainSeq|headHash|at`, `at` "
                + "in ISO-8601 UTC with microseconds (`2026-12-01T09:15:00.123456Z`)", pattern = "^[0-9a-f]{64}$", maxLength = 64,
                examples = "4b7e1f0a2c3d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7") String signature) {

    /** A checkpoint key: at least 256 bits. */
    public static final int MIN_KEY_BYTES = 32;

    public static AuditCheckpoint sign(long chainSeq, String headHash, Instant at, byte[] key) {
        return new AuditCheckpoint(chainSeq, headHash, at, signature(chainSeq, headHash, at, key));
    }

    /** True when the signature is the one the key gives (compared in constant time). */
    public boolean signedWith(byte[] key) {
        return MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                signature(chainSeq, headHash, at, key).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Decodes a base64 checkpoint key.
     *
     * @throws IllegalArgumentException when it is not base64 or shorter than {@link #MIN_KEY_BYTES}
     */
    public static byte[] key(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the audit checkpoint key is not base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the audit checkpoint key has " + key.length + " bytes; it needs at least "
                    + MIN_KEY_BYTES + " (e.g. openssl rand -base64 32)");
        }
        return key;
    }

    /**
     * Checks checkpoints against the chain, oldest first: each must carry the key's signature and name a record whose
     * stored hash is its {@code headHash} (a checkpoint past the chain's end means records were removed from it). The
     * newest good one is the anchor: the chain is vouched for up to there.
     */
    public static final class Verifier {

        private final byte[] key;
        private long checked;
        private Long anchor;
        private Long firstBad;

        public Verifier(byte[] key) {
            this.key = key;
        }

        /** @param recordHash the stored hash of the record at the checkpoint's {@code chainSeq}, null when there is none */
        public void accept(AuditCheckpoint checkpoint, String recordHash) {
            checked++;
            if (checkpoint.signedWith(key) && checkpoint.headHash().equals(recordHash)) {
                anchor = checkpoint.chainSeq();
            } else if (firstBad == null) {
                firstBad = checkpoint.chainSeq();
            }
        }

        public long checked() {
            return checked;
        }

        /** The newest checkpoint that holds, or null. */
        public Long anchor() {
            return anchor;
        }

        /** The oldest checkpoint that does not hold (forged, or the chain no longer matches it), or null. */
        public Long firstBad() {
            return firstBad;
        }
    }

    private static String signature(long chainSeq, String headHash, Instant at, byte[] key) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            String text = chainSeq + "|" + headHash + "|" + AuditChain.AT.format(at);
            return HexFormat.of().formatHex(hmac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
