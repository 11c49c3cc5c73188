package fr.backoffice.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON answers read with Jackson. RestAssured's {@code JsonPath} evaluates each lookup as a Groovy script (a few
 * milliseconds each) and unescapes strings one character at a time; the helpers most tests call, and checks in long
 * loops (the pollers of the event feed and of the audit trail), read here instead (docs/testing.md "Where the time goes").
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<Object> ANY = new TypeReference<>() {
    };
    /** One step of a path: a name, then indexes ({@code items[0]}, {@code history[-1]}). */
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_$][\\w$]*)?((?:\\[-?\\d+])*)");

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
        return read(json, OBJECT);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
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

    /**
     * The answer's value at {@code path} matches {@code matcher}: what {@code then().body(path, matcher)} checks, read
     * with Jackson. The paths are GPath's simple ones: {@code a.b}, {@code a[0]}, {@code a[-1]} (the last),
     * {@code a.b} over a list (each element's {@code b}, flattened), {@code a.size()} and {@code a.keySet()}; a
     * missing field or index is null, as in GPath.
     */
    public static Matcher<String> at(String path, Matcher<?> matcher) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(String body, Description mismatch) {
                Object value = valueAt(read(body, ANY), path);
                if (matcher.matches(value)) {
                    return true;
                }
                mismatch.appendText(path).appendText(" ");
                matcher.describeMismatch(value, mismatch);
                return false;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(path).appendText(" ").appendDescriptionOf(matcher);
            }
        };
    }

    /** The value at a GPath-like path (see {@link #at}). */
    static Object valueAt(Object root, String path) {
        Object node = root;
        for (String segment : path.split("\\.")) {
            if (segment.equals("size()")) {
                node = node instanceof Collection<?> list ? list.size() : node instanceof Map<?, ?> map ? map.size()
                        : node instanceof String text ? text.length() : null;
                continue;
            }
            if (segment.equals("keySet()")) {
                node = node instanceof Map<?, ?> map ? map.keySet() : null;
                continue;
            }
            var parts = SEGMENT.matcher(segment);
            if (!parts.matches()) {
                throw new IllegalArgumentException("not a path this helper reads: " + path);
            }
            if (parts.group(1) != null) {
                node = field(node, parts.group(1));
            }
            for (String index : parts.group(2).isEmpty() ? new String[0] : parts.group(2).substring(1).split("\\[")) {
                node = element(node, Integer.parseInt(index.substring(0, index.length() - 1)));
            }
        }
        return node;
    }

    private static Object field(Object node, String name) {
        if (node instanceof Map<?, ?> map) {
            return map.get(name);
        }
        if (node instanceof Collection<?> list) { // GPath's spread: each element's field, nested lists flattened
            List<Object> values = new ArrayList<>();
            for (Object element : list) {
                Object value = field(element, name);
                if (element instanceof Collection<?> && value instanceof Collection<?> inner) {
                    values.addAll(inner);
                } else {
                    values.add(value);
                }
            }
            return values;
        }
        return null;
    }

    private static Object element(Object node, int index) {
        if (!(node instanceof List<?> list)) {
            return null;
        }
        int at = index < 0 ? list.size() + index : index;
        return at >= 0 && at < list.size() ? list.get(at) : null;
    }
}
