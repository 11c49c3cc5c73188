package fr.backoffice.clearing;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SepaTextTest {

    @Test
    void accents_are_dropped_and_other_characters_replaced() {
        assertThat(SepaText.name("Zoë Œuvre & Fils")).isEqualTo("Zoe OEuvre + Fils");
        assertThat(SepaText.name("Müller Straße")).isEqualTo("Muller Strasse");
        assertThat(SepaText.name("Facture n°12 €")).isEqualTo("Facture n.12 .");
        assertThat(SepaText.of("a/b-c?d:e(f)g.h,i'j+k l", 140)).isEqualTo("a/b-c?d:e(f)g.h,i'j+k l");
    }

    @Test
    void names_are_cut_to_seventy_characters() {
        String name = SepaText.name("A".repeat(69) + " Bcdef");
        assertThat(name).hasSize(69).isEqualTo("A".repeat(69));
        assertThat(SepaText.name("x".repeat(200))).hasSize(70);
        assertThat(SepaText.name(null)).isNull();
    }

    @Test
    void an_end_to_end_id_is_the_reference_when_the_scheme_accepts_it_else_the_operation_id() {
        UUID id = UUID.fromString("019ad0b1-1111-7a00-8000-000000000001");
        assertThat(SepaText.endToEndId("INV-2026-0042", id)).isEqualTo("INV-2026-0042");
        String fallback = "019ad0b111117a008000000000000001";
        assertThat(SepaText.endToEndId(null, id)).isEqualTo(fallback);
        assertThat(SepaText.endToEndId("/INV", id)).isEqualTo(fallback);
        assertThat(SepaText.endToEndId("INV/", id)).isEqualTo(fallback);
        assertThat(SepaText.endToEndId("A//B", id)).isEqualTo(fallback);
        assertThat(SepaText.endToEndId("été", id)).isEqualTo(fallback);
        assertThat(SepaText.endToEndId("x".repeat(36), id)).isEqualTo(fallback);
        assertThat(SepaText.endToEndId(" padded", id)).isEqualTo(fallback);
    }
}
