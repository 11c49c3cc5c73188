package fr.backoffice.filing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The frozen form of a submitted document: UTF-8 JSON with object keys sorted (by UTF-16 code units, as
 * RFC 8785 does), no insignificant whitespace, and null members left out. The same tree always gives the
 * same bytes, so its SHA-256 digest identifies the document.
 *
 * <p>Documents hold only strings, integers, booleans, objects and arrays; floating-point numbers are refused
 * because their text is not canonical.
 */
public final class CanonicalJson {

    /** A private mapper: the bytes must not depend on the application's Jackson settings. */
    private static final ObjectMapper WRITER = new ObjectMapper();

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode document) {
        try {
            return WRITER.writeValueAsBytes(canonical(document));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write a JSON tree", impossible);
        }
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isNull()) {
                    names.add(field.getKey());
                }
            }
            names.sort(String::compareTo);
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                sorted.set(name, canonical(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        if (node.isFloatingPointNumber()) {
            throw new IllegalArgumentException("floating-point numbers have no canonical form here");
        }
        return node;
    }
}
