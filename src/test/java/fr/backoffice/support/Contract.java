package fr.backoffice.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The contract the service serves, with its shared responses, parameters and examples written in place of their
 * references, so that a test reads each operation as a client's tools resolve it (docs/api.md "The contract").
 * Schema and header references are left as they are.
 */
public final class Contract {

    private static final List<String> INLINED = List.of("#/components/responses/", "#/components/parameters/",
            "#/components/examples/");

    private Contract() {
    }

    public static JsonNode served() {
        try {
            JsonNode document = new ObjectMapper().readTree(RestAssured.get("/q/openapi?format=json").asString());
            return resolved(document, document);
        } catch (Exception unreadable) {
            throw new IllegalStateException("the served contract is not JSON", unreadable);
        }
    }

    private static JsonNode resolved(JsonNode node, JsonNode document) {
        if (node.isObject() && node.size() == 1 && node.has("$ref")
                && INLINED.stream().anyMatch(prefix -> node.get("$ref").asText().startsWith(prefix))) {
            return resolved(document.at(node.get("$ref").asText().substring(1)), document);
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), resolved(field.getValue(), document));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = new ObjectMapper().createArrayNode();
            node.forEach(item -> copy.add(resolved(item, document)));
            return copy;
        }
        return node;
    }
}
