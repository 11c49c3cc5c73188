package fr.backoffice.clearing.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Text from other banks' messages, fitted to our columns: plain Java. */
class MessageTextTest {

    private static final String CLEF = "\uD834\uDD1E";

    @Test
    void a_text_within_its_column_is_kept_as_it_is() {
        String full = "é".repeat(140);
        assertThat(MessageText.of(full, MessageText.LABEL)).isEqualTo(full);
        // 140 characters, 150 chars in Java
        String wide = CLEF.repeat(10) + "a".repeat(130);
        assertThat(MessageText.of(wide, MessageText.LABEL)).isEqualTo(wide);
        assertThat(MessageText.of(null, MessageText.NAME)).isNull();
    }

    @Test
    void a_longer_text_is_cut_at_a_character_never_inside_one() {
        String name = "a".repeat(69) + CLEF + "b".repeat(70);
        assertThat(MessageText.of(name, MessageText.NAME)).isEqualTo("a".repeat(69) + CLEF);
        assertThat(MessageText.of("x".repeat(200), MessageText.LABEL)).hasSize(140);
        // what a cut leaves at the end is stripped
        assertThat(MessageText.of("a".repeat(69) + " b", MessageText.NAME)).isEqualTo("a".repeat(69));
    }

    @Test
    void line_breaks_and_tabs_become_one_space() {
        assertThat(MessageText.of(" Invoice\r\n42\t\tpaid \n", MessageText.LABEL)).isEqualTo("Invoice 42 paid");
    }
}
