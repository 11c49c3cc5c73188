package fr.backoffice.audit;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed checkpoints in plain Java: what the signature covers, which keys are usable, and how checkpoints are checked. */
class AuditCheckpointTest {

    private static final byte[] KEY = "a checkpoint key of thirty-two bytes or more".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "another key, as long as the first one is long".getBytes(StandardCharsets.US_ASCII);
    private static final String HASH = "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4a6b8d0f2e4c6a8b0d";
    private static final Instant AT = Instant.parse("2026-12-01T09:15:00.120000Z");

    @Test
    void the_signature_is_the_hmac_sha256_of_the_documented_text() throws Exception {
        AuditCheckpoint checkpoint = AuditCheckpoint.sign(1204, HASH, AT, KEY);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(hmac.doFinal(
                ("1204|" + HASH + "|2026-12-01T09:15:00.120000Z").getBytes(StandardCharsets.UTF_8)));
        assertThat(checkpoint.signature()).isEqualTo(expected);
        assertThat(checkpoint.signedWith(KEY)).isTrue();
    }

    @Test
    void a_checkpoint_changed_in_any_field_or_signed_with_another_key_does_not_hold() {
        AuditCheckpoint checkpoint = AuditCheckpoint.sign(1204, HASH, AT, KEY);
        assertThat(new AuditCheckpoint(1203, HASH, AT, checkpoint.signature()).signedWith(KEY)).isFalse();
        assertThat(new AuditCheckpoint(1204, HASH.replace('9', '8'), AT, checkpoint.signature()).signedWith(KEY)).isFalse();
        assertThat(new AuditCheckpoint(1204, HASH, AT.plusNanos(1000), checkpoint.signature()).signedWith(KEY)).isFalse();
        assertThat(checkpoint.signedWith(OTHER_KEY)).isFalse();
        assertThat(AuditCheckpoint.sign(1204, HASH, AT, OTHER_KEY).signedWith(KEY)).isFalse();
    }

    @Test
    void a_key_is_base64_of_at_least_32_bytes() {
        assertThat(AuditCheckpoint.key(Base64.getEncoder().encodeToString(KEY))).isEqualTo(KEY);
        assertThatThrownBy(() -> AuditCheckpoint.key(Base64.getEncoder().encodeToString(new byte[31])))
                .hasMessageContaining("has 31 bytes").hasMessageContaining("at least 32");
        assertThatThrownBy(() -> AuditCheckpoint.key("not base64!")).hasMessageContaining("not base64");
    }

    @Test
    void the_newest_checkpoint_that_holds_is_the_anchor_and_the_oldest_that_does_not_is_reported() {
        AuditCheckpoint.Verifier verifier = new AuditCheckpoint.Verifier(KEY);
        verifier.accept(AuditCheckpoint.sign(10, HASH, AT, KEY), HASH);
        verifier.accept(AuditCheckpoint.sign(20, HASH, AT, OTHER_KEY), HASH); // forged
        verifier.accept(AuditCheckpoint.sign(30, HASH, AT, KEY), "0".repeat(64)); // the record was rewritten
        verifier.accept(AuditCheckpoint.sign(40, HASH, AT, KEY), HASH);
        verifier.accept(AuditCheckpoint.sign(50, HASH, AT, KEY), null); // the record is gone
        assertThat(verifier.checked()).isEqualTo(5);
        assertThat(verifier.anchor()).isEqualTo(40);
        assertThat(verifier.firstBad()).isEqualTo(20);
    }

    @Test
    void without_checkpoints_nothing_is_anchored_and_nothing_is_bad() {
        AuditCheckpoint.Verifier verifier = new AuditCheckpoint.Verifier(KEY);
        assertThat(verifier.anchor()).isNull();
        assertThat(verifier.firstBad()).isNull();
        assertThat(verifier.checked()).isZero();
    }
}
