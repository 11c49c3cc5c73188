package fr.backoffice.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;

/**
 * JSON answers read with Jackson. RestAssured's {@code JsonPath} evaluates each lookup as a Groovy script (a few
 * milliseconds each) and unescapes strings one character at a time; the helpers most tests call, and checks in long
 * loops (the pollers of the event feed and of the audit trail), read here instead (docs/testing.md "Where the time goes").
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private Json() {
    }

    /** One page of a list: its items as maps (numbers as Integer, Long or Double), and its cursor to the next. */
    public record Page(List<Map<String, Object>> items, String nextCursor) {
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

    /** A JSON object as a map. */
    public static Map<String, Object> object(String json) {
        try {
            return MAPPER.readValue(json, OBJECT);
        } catch (JsonProcessingException malformed) {
            throw new AssertionError("not JSON: " + json, malformed);
        }
    }

    /** An answer that is a page ({@code items}, {@code nextCursor}). */
    @SuppressWarnings("unchecked")
    public static Page page(Response answer) {
        Map<String, Object> page = object(answer.asString());
        return new Page((List<Map<String, Object>>) page.get("items"), (String) page.get("nextCursor"));
    }
}
