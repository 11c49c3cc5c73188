package fr.backoffice.support;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every error response must look like (docs/api.md "Errors and how requests are read"): an RFC 9457 problem, and
 * nothing internal in it.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Traces of the implementation a client must never see: stack frames, exception or class names, SQL. */
    private static final Pattern INTERNALS = Pattern.compile("(?i)exception|\\tat |\\bat [a-z]+\\.[a-z]"
            + "|\\b(java|javax|jakarta|com\\.fasterxml|org\\.[a-z]+|io\\.(vertx|quarkus|smallrye|netty)|fr\\.backoffice)\\."
            + "|hibernate|jackson|resteasy|\\bsql|select .* from|insert into|\\bpg[a-z]*exception|\\$[A-Z][a-z]+");

    private Problems() {
    }

    /** Asserts {@code response} is a problem with this status and code, and returns it for further checks. */
    public static JsonPath assertProblem(Response response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s", response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(MEDIA_TYPE);
        assertNoInternals(response);
        // read once with Jackson: each JsonPath lookup evaluates a Groovy expression, and this runs on every error
        Map<?, ?> problem = response.as(Map.class);
        assertThat((String) problem.get("type")).startsWith("https://");
        assertThat((String) problem.get("title")).isNotBlank();
        assertThat(problem.get("status")).isEqualTo(status);
        assertThat((String) problem.get("detail")).isNotBlank();
        assertThat((String) problem.get("instance")).startsWith("/");
        assertThat((String) problem.get("code")).isEqualTo(code).matches("[A-Z][A-Z0-9_]*");
        return response.jsonPath();
    }

    /** The {@code code} of a problem answer, read as {@link #assertProblem} reads it. */
    public static String code(Response response) {
        return Json.field(response.asString(), "code");
    }

    /** The body, but for {@code instance}: the request's own path is no leak (e.g. {@code /reconciliation/exceptions}). */
    public static void assertNoInternals(Response response) {
        assertThat(response.asString().replaceFirst("\"instance\":\"[^\"]*\"", "\"instance\":\"\""))
                .doesNotContainPattern(INTERNALS);
    }
}
