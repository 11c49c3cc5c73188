package fr.backoffice.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hash chain in plain Java: what it covers and how verification finds the first broken link. */
class AuditChainTest {

    private static AuditRecord record(long seq, String actor) {
        return new AuditRecord(seq, Instant.parse("2026-11-28T09:15:00.123456Z").plusSeconds(seq), actor, "agent",
                "POST /operations/{id}/validate", "operation", "op-" + seq, "200 ACCEPTED", "req-" + seq);
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
    void the_canonical_text_has_a_fixed_field_order_and_microsecond_time() {
        assertThat(AuditChain.canonical(record(7, "agent-7"))).isEqualTo(
                "7|2026-11-28T09:15:07.123456Z|agent-7|agent|POST /operations/{id}/validate|operation|op-7|200 ACCEPTED|req-7");
        AuditRecord anonymous = new AuditRecord(1, Instant.parse("2026-01-01T00:00:00Z"), "anonymous", "", "POST /units",
                null, null, "401 REFUSED", "r");
        assertThat(AuditChain.canonical(anonymous)).isEqualTo("1|2026-01-01T00:00:00.000000Z|anonymous||POST /units|||401 REFUSED|r");
    }

    @Test
    void the_hash_is_sha256_of_the_previous_hash_and_the_canonical_text() {
        String hash = AuditChain.hash(AuditChain.GENESIS, record(1, "a"));
        assertThat(hash).matches("[0-9a-f]{64}").isNotEqualTo(AuditChain.hash("1".repeat(64), record(1, "a")));
        assertThat(AuditChain.hash(AuditChain.GENESIS, record(1, "a"))).isEqualTo(hash);
    }

    @Test
    void a_separator_inside_a_field_cannot_forge_another_record() {
        AuditRecord one = new AuditRecord(1, Instant.EPOCH, "a|b", "c", "x", null, null, "200 ACCEPTED", "r");
        AuditRecord other = new AuditRecord(1, Instant.EPOCH, "a", "b|c", "x", null, null, "200 ACCEPTED", "r");
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
