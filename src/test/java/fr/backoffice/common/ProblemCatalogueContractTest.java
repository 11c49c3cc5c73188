package fr.backoffice.common;

import fr.backoffice.support.Contract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.common.error.ProblemCode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served contract publishes the catalogue of problem codes (docs/api.md "Problem codes") exactly as the code has
 * it: every code with its meaning, nothing else; and every problem it shows as an example is one the service answers.
 */
@QuarkusTest
class ProblemCatalogueContractTest {

    private static JsonNode contract;

    // per test: RestAssured knows the application's port only once Quarkus has started it for the test instance
    @BeforeEach
    void fetch() {
        if (contract == null) {
            contract = Contract.served();
        }
    }

    @Test
    void the_problem_code_schema_enumerates_the_catalogue_and_nothing_else() {
        JsonNode schema = contract.at("/components/schemas/ProblemCode");
        List<String> enumerated = new ArrayList<>();
        schema.path("enum").forEach(code -> enumerated.add(code.asText()));

        assertThat(schema.path("type").asText()).isEqualTo("string");
        assertThat(enumerated).containsExactlyElementsOf(Arrays.stream(ProblemCode.values()).map(Enum::name).toList());
    }

    @Test
    void each_code_of_the_contract_says_its_status_title_and_meaning() {
        JsonNode schema = contract.at("/components/schemas/ProblemCode");
        Map<String, String> meanings = new LinkedHashMap<>();
        schema.path("x-enum-descriptions").fields().forEachRemaining(m -> meanings.put(m.getKey(), m.getValue().asText()));
        Map<String, String> expected = new LinkedHashMap<>();
        String table = schema.path("description").asText();
        for (ProblemCode code : ProblemCode.values()) {
            expected.put(code.name(), code.meaning());
            assertThat(table).contains("| `" + code.name() + "` | " + code.status() + " | " + code.title() + " | "
                    + code.meaning() + " |");
        }

        assertThat(meanings).containsExactlyEntriesOf(expected);
        assertThat(table.lines().filter(line -> line.startsWith("| `"))).hasSize(ProblemCode.values().length);
    }

    @Test
    void a_problem_s_code_is_one_of_the_catalogue() {
        JsonNode code = contract.at("/components/schemas/Problem/properties/code");
        // a $ref with a description beside it is written as an allOf of that one $ref
        String ref = code.has("$ref") ? code.path("$ref").asText() : code.at("/allOf/0/$ref").asText();
        assertThat(ref).isEqualTo("#/components/schemas/ProblemCode");
        assertThat(contract.at("/components/schemas/Problem/required").toString()).contains("\"code\"");
    }

    /** An error response's examples show the problems it lists, each as the service answers it: same status, title, type. */
    @Test
    void every_problem_example_is_a_code_of_the_catalogue_under_its_status() {
        List<String> wrong = new ArrayList<>();
        int shown = 0;
        for (var path : iterable(contract.path("paths").fields())) {
            for (var method : iterable(path.getValue().fields())) {
                for (var response : iterable(method.getValue().path("responses").fields())) {
                    JsonNode examples = response.getValue().at("/content/application~1problem+json/examples");
                    for (JsonNode example : examples) {
                        shown++;
                        JsonNode value = example.path("value");
                        Optional<ProblemCode> code = ProblemCode.find(value.path("code").asText());
                        String where = method.getKey() + " " + path.getKey() + " " + response.getKey() + " "
                                + value.path("code").asText();
                        if (code.isEmpty() || !response.getKey().equals(String.valueOf(code.get().status()))
                                || value.path("status").asInt() != code.get().status()
                                || !value.path("title").asText().equals(code.get().title())
                                || !value.path("type").asText().equals(code.get().type())) {
                            wrong.add(where);
                        }
                    }
                }
            }
        }
        assertThat(shown).as("problem examples").isGreaterThan(100);
        assertThat(wrong).isEmpty();
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
