package fr.backoffice.common.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule for text in request bodies (docs/api.md "Calling the API"), for every UTF-16 code unit. */
class TextRulesTest {

    @Test
    void c0_del_and_c1_controls_are_refused_everywhere_and_nothing_else_is() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String text = "a" + (char) c + "b";
            boolean control = c <= 0x1F || c >= 0x7F && c <= 0x9F;
            boolean line = c == '\t' || c == '\n' || c == '\r';
            assertThat(TextRules.refusal(text, false) != null).as("single line, U+%04X", c).isEqualTo(control);
            assertThat(TextRules.refusal(text, true) != null).as("multi-line, U+%04X", c).isEqualTo(control && !line);
        }
    }

    @Test
    void a_refusal_names_the_first_character_refused_and_where_it_is() {
        assertThat(TextRules.refusal("Rent\u0001Nov\u0002", false))
                .isEqualTo("must not contain the control character U+0001 (at position 5)");
        assertThat(TextRules.refusal("Camille\tMartin", false))
                .isEqualTo("must be a single line: no tab, line feed or carriage return (U+0009 at position 8)");
        assertThat(TextRules.refusal("two\r\nlines\u0085", true)).contains("U+0085").contains("position 11");
        assertThat(TextRules.refusal("", false)).isNull();
        assertThat(TextRules.refusal("Zoë 王 😀 ‐ ­", false)).as("letters, emoji (a surrogate pair), a soft hyphen").isNull();
    }
}
