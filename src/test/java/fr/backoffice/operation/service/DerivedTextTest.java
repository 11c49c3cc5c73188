package fr.backoffice.operation.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A text the service derives (a refund's label, a return's comment) is cut to its column, never refused. */
class DerivedTextTest {

    @Test
    void a_derived_text_is_cut_to_its_column_and_never_between_two_halves_of_a_character() {
        assertThat(ClearingOperations.cut("Returned (AC04): " + "x".repeat(140), 140)).hasSize(140).startsWith("Returned (AC04): x");
        assertThat(ClearingOperations.cut("short", 140)).isEqualTo("short");
        assertThat(ClearingOperations.cut(null, 140)).isNull();
        // U+1F4B6, two UTF-16 units, across the cut: left out whole
        String money = "a".repeat(139) + "\uD83D\uDCB6";
        assertThat(ClearingOperations.cut(money, 140)).isEqualTo("a".repeat(139));
    }
}
