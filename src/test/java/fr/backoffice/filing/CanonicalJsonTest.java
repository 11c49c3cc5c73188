package fr.backoffice.filing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void keys_are_sorted_whitespace_dropped_nulls_omitted_and_text_is_utf8() throws Exception {
        byte[] bytes = CanonicalJson.bytes(json.readTree("""
                { "b" : [ true, "é" ],
                  "a" : 1, "n": null, "z": { "y": 2, "x": [ {"d": 1, "c": null} ] } }"""));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1,\"b\":[true,\"é\"],\"z\":{\"x\":[{\"d\":1}],\"y\":2}}");
        assertThat(bytes).contains(0xC3, 0xA9);
    }

    @Test
    void the_same_tree_in_any_key_order_gives_the_same_bytes_and_digest() throws Exception {
        byte[] one = CanonicalJson.bytes(json.readTree("{\"a\":1,\"b\":[true,\"é\"]}"));
        byte[] other = CanonicalJson.bytes(json.readTree("{ \"b\": [true, \"\\u00e9\"], \"a\": 1 }"));
        assertThat(one).isEqualTo(other);
        // sha256 of the UTF-8 bytes {"a":1,"b":[true,"é"]}, computed independently
        assertThat(CanonicalJson.sha256(one)).isEqualTo("6926743e6611e69d70d02dfefee1d1fc193edf9d3252ac387436edf1db976b4d");
    }

    @Test
    void keys_sort_by_code_unit_so_upper_case_comes_first() throws Exception {
        assertThat(new String(CanonicalJson.bytes(json.readTree("{\"b\":1,\"B\":2,\"a\":3,\"A\":4}")), StandardCharsets.UTF_8))
                .isEqualTo("{\"A\":4,\"B\":2,\"a\":3,\"b\":1}");
    }

    @Test
    void floating_point_numbers_have_no_canonical_form() throws Exception {
        assertThatThrownBy(() -> CanonicalJson.bytes(json.readTree("{\"x\":1.5}"))).isInstanceOf(IllegalArgumentException.class);
    }
}
