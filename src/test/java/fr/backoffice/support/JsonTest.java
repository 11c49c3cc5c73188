package fr.backoffice.support;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static fr.backoffice.support.Json.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/** The paths {@link Json#at} reads give what RestAssured's GPath gives for them. */
class JsonTest {

    private static final String PAGE = """
            {"items": [{"id": "a", "amount": "1.00", "history": [{"to": "VALIDATED"}, {"to": "EXECUTED"}]},
                       {"id": "b", "amount": "2.50", "history": [{"to": "REJECTED"}]}],
             "nextCursor": null, "version": 3, "big": 12345678901, "holder": {"name": "Camille"}}""";

    private static Object valueAt(String path) {
        return Json.valueAt(Json.object(PAGE), path);
    }

    @Test
    void fields_indexes_from_either_end_and_sizes() {
        assertThat(valueAt("holder.name")).isEqualTo("Camille");
        assertThat(valueAt("items[0].id")).isEqualTo("a");
        assertThat(valueAt("items[-1].id")).isEqualTo("b");
        assertThat(valueAt("items[1].history[-1].to")).isEqualTo("REJECTED");
        assertThat(valueAt("items.size()")).isEqualTo(2);
        assertThat(valueAt("holder.keySet()")).isEqualTo(Set.of("name"));
        assertThat(valueAt("version")).isEqualTo(3);
        assertThat(valueAt("big")).isEqualTo(12345678901L);
    }

    @Test
    void a_field_over_a_list_is_each_element_s_and_nested_lists_are_flattened() {
        assertThat(valueAt("items.id")).isEqualTo(List.of("a", "b"));
        assertThat(valueAt("items.history.to")).isEqualTo(List.of("VALIDATED", "EXECUTED", "REJECTED"));
    }

    @Test
    void what_is_not_there_is_null() {
        assertThat(valueAt("nextCursor")).isNull();
        assertThat(valueAt("missing")).isNull();
        assertThat(valueAt("holder.missing.deeper")).isNull();
        assertThat(valueAt("items[5]")).isNull();
        assertThat(valueAt("items[-3]")).isNull();
    }

    @Test
    void a_mismatch_names_the_path_and_what_was_there() {
        var matcher = at("holder.name", equalTo("Dominique"));
        assertThat(matcher.matches(PAGE)).isFalse();
        var description = new org.hamcrest.StringDescription();
        matcher.describeMismatch(PAGE, description);
        assertThat(description.toString()).contains("holder.name").contains("Camille");
        assertThat(at("items[0].amount", equalTo("1.00")).matches(PAGE)).isTrue();
    }

    @Test
    void a_groovy_expression_is_refused_rather_than_misread() {
        assertThatThrownBy(() -> valueAt("items.find { it.id == 'a' }.amount")).isInstanceOf(IllegalArgumentException.class);
    }
}
