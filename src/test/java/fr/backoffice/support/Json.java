package fr.backoffice.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A top-level field of a JSON answer, read with Jackson. RestAssured's {@code JsonPath} evaluates each lookup as a
 * Groovy script (a few milliseconds each); the helpers most tests call, and checks in long loops, read here instead.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The field as text (a number or a boolean as written), null when absent or null. */
    public static String field(String json, String name) {
        try {
            var value = MAPPER.readTree(json).get(name);
            return value == null || value.isNull() ? null : value.asText();
        } catch (JsonProcessingException malformed) {
            throw new AssertionError("not JSON: " + json, malformed);
        }
    }
}
