package fr.backoffice.common;

import fr.backoffice.support.Contract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract stays lintable (docs/api.md "The contract"): every value it describes is bounded, every answer says
 * which properties it always has, and every response shows an example. A new field or endpoint without them fails here
 * before it reaches the linters.
 */
@QuarkusTest
class ContractLimitsTest {

    private static JsonNode contract;

    // per test: RestAssured knows the application's port only once Quarkus has started it for the test instance
    @BeforeEach
    void fetch() throws Exception {
        if (contract == null) {
            contract = Contract.served();
        }
    }

    /** An example that lacks a property its schema requires misleads a client (a field added later, say). */
    @Test
    void every_example_of_an_answer_has_the_properties_its_schema_requires() {
        List<String> missing = new ArrayList<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method ->
                method.getValue().path("responses").fields().forEachRemaining(response -> {
                    JsonNode media = response.getValue().at("/content/application~1json");
                    JsonNode schema = resolved(media.path("schema"));
                    List<JsonNode> examples = new ArrayList<>();
                    if (media.has("example")) {
                        examples.add(media.get("example"));
                    }
                    media.path("examples").forEach(example -> examples.add(example.path("value")));
                    for (JsonNode example : examples) {
                        JsonNode object = example.isTextual() ? parse(example.asText()) : example;
                        schema.path("required").forEach(name -> {
                            if (object.isObject() && !object.has(name.asText())) {
                                missing.add(method.getKey() + " " + path.getKey() + " " + response.getKey() + ": " + name.asText());
                            }
                        });
                    }
                })));
        assertThat(missing).isEmpty();
    }

    private static JsonNode resolved(JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.startsWith("#/") ? contract.at(ref.substring(1)) : schema;
    }

    private static JsonNode parse(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception notJson) {
            return new ObjectMapper().nullNode();
        }
    }

    @Test
    void every_string_integer_and_array_has_its_limits() {
        List<String> missing = new ArrayList<>();
        eachSchema((where, schema) -> {
            switch (schema.path("type").asText()) {
                case "string" -> {
                    if (!schema.has("maxLength") && !schema.has("enum") && !schema.has("const")) {
                        missing.add(where + ": a string without maxLength or enum");
                    }
                }
                case "integer" -> {
                    if (!schema.has("minimum") || !schema.has("maximum") || !schema.has("format")) {
                        missing.add(where + ": an integer without minimum, maximum and format");
                    }
                }
                case "array" -> {
                    if (!schema.has("maxItems")) {
                        missing.add(where + ": an array without maxItems");
                    }
                }
                default -> {
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void every_answer_lists_the_properties_it_always_has() {
        Set<String> requests = referenced(bodies("requestBody"));
        List<String> missing = new ArrayList<>();
        for (String name : referenced(bodies("responses"))) {
            JsonNode schema = contract.path("components").path("schemas").path(name);
            if (!requests.contains(name) && schema.has("properties") && !schema.path("required").isArray()) {
                missing.add(name);
            }
        }
        assertThat(missing).as("response schemas without required").isEmpty();
    }

    @Test
    void every_response_with_a_body_shows_an_example_and_each_error_its_own_codes() {
        List<String> missing = new ArrayList<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operation.getValue().path("responses").fields().forEachRemaining(response -> {
                    String where = operation.getKey().toUpperCase() + " " + path.getKey() + " " + response.getKey();
                    response.getValue().path("content").fields().forEachRemaining(media -> {
                        JsonNode content = media.getValue();
                        if (!content.has("example") && content.path("examples").isEmpty()) {
                            missing.add(where + " " + media.getKey());
                        }
                        if (media.getKey().equals("application/problem+json")) {
                            content.path("examples").forEach(example -> assertThat(example.path("value").path("status").asText())
                                    .as(where).isEqualTo(response.getKey()));
                        }
                    });
                })));
        assertThat(missing).as("responses without an example").isEmpty();

        JsonNode notFound = contract.at("/paths/~1accounts~1{id}/get/responses/404/content/application~1problem+json/examples");
        assertThat(notFound.fieldNames()).toIterable().containsExactly("NOT_FOUND");
        assertThat(notFound.at("/NOT_FOUND/value/instance").asText()).startsWith("/accounts/");
        JsonNode refused = contract.at("/paths/~1accounts~1{id}~1close/post/responses/422/content/application~1problem+json/examples");
        assertThat(refused.fieldNames()).toIterable().contains("ACCOUNT_NOT_EMPTY", "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void front_offices_learn_the_allowed_origin_and_the_server() {
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operation.getValue().path("responses").fields().forEachRemaining(response ->
                        assertThat(response.getValue().path("headers").has("Access-Control-Allow-Origin"))
                                .as(operation.getKey() + " " + path.getKey() + " " + response.getKey()).isTrue())));
        assertThat(contract.at("/servers/0/url").asText()).isEqualTo("/");
        assertThat(contract.at("/servers/0/x-internal").isBoolean()).isTrue();
    }

    /** Every schema of the document with its JSON pointer: components, parameters, headers, bodies, nested ones. */
    private static void eachSchema(BiConsumer<String, JsonNode> visit) {
        anyNode("", contract, visit);
    }

    private static void anyNode(String pointer, JsonNode node, BiConsumer<String, JsonNode> visit) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                anyNode(pointer + "/" + i, node.get(i), visit);
            }
        }
        node.fields().forEachRemaining(field -> {
            String child = pointer + "/" + escape(field.getKey());
            if (field.getKey().equals("example") || field.getKey().equals("examples")) {
                return;
            }
            if (field.getKey().equals("schema")) {
                schemaNode(child, field.getValue(), visit);
            } else if (pointer.equals("/components") && field.getKey().equals("schemas")) {
                field.getValue().fields().forEachRemaining(named ->
                        schemaNode(child + "/" + escape(named.getKey()), named.getValue(), visit));
            } else {
                anyNode(child, field.getValue(), visit);
            }
        });
    }

    private static void schemaNode(String pointer, JsonNode schema, BiConsumer<String, JsonNode> visit) {
        visit.accept(pointer, schema);
        schema.path("properties").fields().forEachRemaining(property ->
                schemaNode(pointer + "/properties/" + escape(property.getKey()), property.getValue(), visit));
        if (schema.has("items")) {
            schemaNode(pointer + "/items", schema.get("items"), visit);
        }
        for (String group : List.of("allOf", "oneOf", "anyOf")) {
            for (int i = 0; i < schema.path(group).size(); i++) {
                schemaNode(pointer + "/" + group + "/" + i, schema.path(group).get(i), visit);
            }
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The schemas of request bodies, or of responses. */
    private static List<JsonNode> bodies(String where) {
        List<JsonNode> schemas = new ArrayList<>();
        contract.path("paths").forEach(path -> path.forEach(operation -> {
            JsonNode holder = operation.path(where);
            List<JsonNode> contents = new ArrayList<>();
            if (where.equals("responses")) {
                holder.forEach(response -> contents.add(response.path("content")));
            } else {
                contents.add(holder.path("content"));
            }
            contents.forEach(content -> content.forEach(media -> schemas.add(media.path("schema"))));
        }));
        return schemas;
    }

    /** The component schemas these reach through their references. */
    private static Set<String> referenced(List<JsonNode> roots) {
        Set<String> names = new HashSet<>();
        List<JsonNode> pending = new ArrayList<>(roots);
        while (!pending.isEmpty()) {
            JsonNode node = pending.remove(pending.size() - 1);
            if (node.isObject() && node.has("$ref")) {
                String name = node.get("$ref").asText().replace("#/components/schemas/", "");
                if (names.add(name)) {
                    pending.add(contract.path("components").path("schemas").path(name));
                }
            }
            node.forEach(pending::add);
        }
        return names;
    }
}
