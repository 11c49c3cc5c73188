package fr.backoffice.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract is a file in the repository, {@code src/contract/openapi.yaml}, and what the service serves at
 * {@code /q/openapi} is that file (docs/api.md "The contract"). A change to an annotation, a DTO or a filter that
 * changes the served document fails here until the file is rewritten, so the change shows in the review:
 * <pre>./mvnw -B -o test -Dtest=ContractFileTest -Dcontract.write=true</pre>
 * Both sides are compared in one canonical form (keys sorted, YAML written by one writer), so the file's text depends
 * only on the document, never on the order the annotations were scanned in.
 */
@QuarkusTest
class ContractFileTest {

    static final Path FILE = Path.of("src/contract/openapi.yaml");
    static final String REWRITE = "./mvnw -B -o test -Dtest=ContractFileTest -Dcontract.write=true";
    private static final int SHOWN_DIFFERENCES = 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    @Test
    void the_served_contract_is_the_committed_file() throws IOException {
        String servedJson = RestAssured.get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        JsonNode served = sorted(JSON.readTree(servedJson));
        String canonical = YAML.writeValueAsString(served);
        Files.writeString(Path.of("target/openapi-served-size.txt"), servedJson.getBytes(StandardCharsets.UTF_8).length
                + " bytes of JSON served at /q/openapi?format=json\n");
        if (Boolean.getBoolean("contract.write")) {
            Files.writeString(FILE, canonical);
            System.out.println("ContractFileTest: " + FILE + " rewritten from the served contract");
            return;
        }
        assertThat(Files.exists(FILE)).as("%s is missing; write it with%n  %s", FILE, REWRITE).isTrue();
        String committed = Files.readString(FILE);
        if (!committed.equals(canonical)) {
            List<String> differences = new ArrayList<>();
            differences(sorted(YAML.readTree(committed)), sorted(JSON.readTree(servedJson)), "", differences);
            throw new AssertionError("The served contract (/q/openapi) differs from " + FILE + ":\n  "
                    + (differences.isEmpty() ? "the same document, written differently (not in canonical form)"
                    : String.join("\n  ", differences.subList(0, Math.min(SHOWN_DIFFERENCES, differences.size())))
                    + (differences.size() > SHOWN_DIFFERENCES ? "\n  … " + differences.size() + " differences in all" : ""))
                    + "\nIf the change is intended, rewrite the file from the served contract and review its diff:\n  "
                    + REWRITE);
        }
    }

    /** The same tree with every object's keys in alphabetical order: one text for one document. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            new TreeSet<String>(iterable(node.fieldNames())).forEach(name -> copy.set(name, sorted(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return node;
    }

    /** Where the two trees differ, as JSON pointers: what the file says, and what is served. */
    private static void differences(JsonNode file, JsonNode served, String pointer, List<String> found) {
        if (file.isObject() && served.isObject()) {
            TreeSet<String> names = new TreeSet<String>(iterable(file.fieldNames()));
            served.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!served.has(name)) {
                    found.add(child + ": in the file, no longer served");
                } else if (!file.has(name)) {
                    found.add(child + ": served, not in the file");
                } else {
                    differences(file.get(name), served.get(name), child, found);
                }
            }
        } else if (!equivalent(file, served)) {
            found.add(pointer + ": the file says " + abbreviated(file) + ", the service serves " + abbreviated(served));
        }
    }

    /** YAML reads 1.0 as a double and JSON as a decimal: a number is compared by its value. */
    private static boolean equivalent(JsonNode file, JsonNode served) {
        if (file.isNumber() && served.isNumber()) {
            return file.decimalValue().compareTo(served.decimalValue()) == 0;
        }
        return file.equals(served);
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
