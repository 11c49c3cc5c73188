package fr.backoffice.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hash chain in plain Java: what it covers and how verification finds the first broken link. */
class AuditChainTest {

    /** A sealed record whose insertion seq differs from its place in the chain, as it usually does. */
    private static AuditRecord record(long chainSeq, String actor) {
        return new AuditRecord(chainSeq + 1000, chainSeq, Instant.parse("2026-11-28T09:15:00.123456Z").plusSeconds(chainSeq), actor, "agent",
                "POST /operations/{id}/validate", "operation", "op-" + chainSeq, "200 ACCEPTED", "req-" + chainSeq);
    }

    private record Stored(AuditRecord record, String prevHash, String hash) {
    }

    private static List<Stored> chain(int length) {
        List<Stored> chain = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            AuditRecord record = record(seq, "agent-" + seq);
            String hash = AuditChain.hash(prev, record);
            chain.add(new Stored(record, prev, hash));
            prev = hash;
        }
        return chain;
    }

    private static AuditChain.Verifier verify(List<Stored> chain) {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        chain.forEach(stored -> verifier.accept(stored.record(), stored.prevHash(), stored.hash()));
        return verifier;
    }

    @Test
    void the_canonical_text_starts_with_the_place_in_the_chain_and_has_a_fixed_field_order_and_microsecond_time() {
        assertThat(AuditChain.canonical(record(7, "agent-7"))).isEqualTo(
                "7|2026-11-28T09:15:07.123456Z|agent-7|agent|POST /operations/{id}/validate|operation|op-7|200 ACCEPTED|req-7");
        AuditRecord anonymous = new AuditRecord(5, 1L, Instant.parse("2026-01-01T00:00:00Z"), "anonymous", "", "POST /units",
                null, null, "401 REFUSED", "r");
        assertThat(AuditChain.canonical(anonymous)).isEqualTo("1|2026-01-01T00:00:00.000000Z|anonymous||POST /units|||401 REFUSED|r");
    }

    @Test
    void a_record_is_hashed_only_once_it_has_a_place_in_the_chain() {
        AuditRecord unsealed = new AuditRecord(5, null, Instant.EPOCH, "a", "", "POST /units", null, null, "401 REFUSED", "r");
        assertThatThrownBy(() -> AuditChain.hash(AuditChain.GENESIS, unsealed)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditChain.hash(AuditChain.GENESIS, unsealed.inChain(1))).matches("[0-9a-f]{64}");
    }

    @Test
    void a_hash_of_the_v4_scheme_still_verifies() {
        // a hash of "seq|at|..." made when seq was the place in the chain verifies with chainSeq = seq
        AuditRecord v4 = new AuditRecord(1, 1L, Instant.parse("2026-01-01T00:00:00Z"), "admin-1", "admin", "POST /units",
                "unit", "PAR-01", "201 ACCEPTED", "r-1");
        String v4Hash = sha256(AuditChain.GENESIS + "1|2026-01-01T00:00:00.000000Z|admin-1|admin|POST /units|unit|PAR-01|201 ACCEPTED|r-1");
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        verifier.accept(v4, AuditChain.GENESIS, v4Hash);
        assertThat(verifier.firstBroken()).isNull();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Test
    void the_hash_is_sha256_of_the_previous_hash_and_the_canonical_text() {
        String hash = AuditChain.hash(AuditChain.GENESIS, record(1, "a"));
        assertThat(hash).matches("[0-9a-f]{64}").isNotEqualTo(AuditChain.hash("1".repeat(64), record(1, "a")));
        assertThat(AuditChain.hash(AuditChain.GENESIS, record(1, "a"))).isEqualTo(hash);
    }

    @Test
    void a_separator_inside_a_field_cannot_forge_another_record() {
        AuditRecord one = new AuditRecord(1, 1L, Instant.EPOCH, "a|b", "c", "x", null, null, "200 ACCEPTED", "r");
        AuditRecord other = new AuditRecord(1, 1L, Instant.EPOCH, "a", "b|c", "x", null, null, "200 ACCEPTED", "r");
        assertThat(AuditChain.canonical(one)).isNotEqualTo(AuditChain.canonical(other));
    }

    @Test
    void an_intact_chain_verifies() {
        AuditChain.Verifier verifier = verify(chain(50));
        assertThat(verifier.firstBroken()).isNull();
        assertThat(verifier.records()).isEqualTo(50);
    }

    @Test
    void an_altered_record_is_the_first_broken_one() {
        List<Stored> chain = chain(20);
        Stored original = chain.get(11);
        chain.set(11, new Stored(record(12, "mallory"), original.prevHash(), original.hash()));
        assertThat(verify(chain).firstBroken()).isEqualTo(12);
    }

    @Test
    void a_removed_record_breaks_the_next_one() {
        List<Stored> chain = chain(20);
        chain.remove(4);
        assertThat(verify(chain).firstBroken()).isEqualTo(6);
    }

    @Test
    void a_rehashed_record_still_breaks_its_successor() {
        List<Stored> chain = chain(20);
        Stored original = chain.get(2);
        AuditRecord forged = record(3, "mallory");
        chain.set(2, new Stored(forged, original.prevHash(), AuditChain.hash(original.prevHash(), forged)));
        assertThat(verify(chain).firstBroken()).isEqualTo(4);
    }
}
