package fr.backoffice.common.openapi;

import fr.backoffice.common.error.Problem;
import fr.backoffice.common.error.ProblemCode;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes the catalogue of problem codes ({@link ProblemCode}) in the contract, built from the enum so the two cannot
 * drift: the {@code ProblemCode} schema enumerates every code, and says for each its status, title and when it happens,
 * as a table in its description and as {@code x-enum-descriptions} (code to meaning) for generators; the
 * {@code code} of {@code Problem} refers to it.
 */
public final class ProblemCodeSchema {

    public static final String NAME = "ProblemCode";
    public static final String MEANINGS = "x-enum-descriptions";
    private static final String INTRODUCTION = "The catalogue of problem codes: every problem the service answers "
            + "carries one, always with the same status and title. A code is never renamed; new ones may be added.\n\n"
            + "| code | status | title | when it happens |\n|---|---|---|---|\n";

    private ProblemCodeSchema() {
    }

    /** Puts the catalogue into {@code openAPI}'s components and makes {@code Problem.code} refer to it. */
    public static void addTo(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(NAME, catalogue());
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Schema problem = schemas == null ? null : schemas.get(Problem.class.getSimpleName());
        if (problem != null && problem.getProperties() != null && problem.getProperties().containsKey("code")) {
            problem.addProperty("code", OASFactory.createSchema().ref("#/components/schemas/" + NAME)
                    .description("Stable machine-readable code, one of the catalogue's (`" + NAME + "`)"));
        }
    }

    private static Schema catalogue() {
        StringBuilder table = new StringBuilder(INTRODUCTION);
        Map<String, String> meanings = new LinkedHashMap<>();
        for (ProblemCode code : ProblemCode.values()) {
            table.append("| `").append(code.name()).append("` | ").append(code.status()).append(" | ")
                    .append(code.title()).append(" | ").append(code.meaning()).append(" |\n");
            meanings.put(code.name(), code.meaning());
        }
        List<Object> names = Arrays.stream(ProblemCode.values()).<Object>map(Enum::name).toList();
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(names)
                .description(table.toString().strip()).addExtension(MEANINGS, meanings);
    }
}
