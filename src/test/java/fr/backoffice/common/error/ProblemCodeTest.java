package fr.backoffice.common.error;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue of problem codes (docs/api.md "Problem codes") is well formed, and what the pages and the code's
 * comments say about a code agrees with it. That every problem the service answers takes its code from the catalogue
 * is the type's work: {@link ApiException} and {@link Problem#of} take a {@link ProblemCode}, never a string.
 */
class ProblemCodeTest {

    /** "409 `UNIT_EXISTS`", "422 {@code NOT_LIABLE}": a status followed by a code, as pages and comments write them. */
    private static final Pattern STATUS_AND_CODE =
            Pattern.compile("\\b([45]\\d\\d) (?:`|\\{@code )([A-Z][A-Z0-9_]{2,})(?:`|})");

    @Test
    void every_code_has_an_error_status_a_short_title_and_one_sentence_of_meaning() {
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(code.name()).matches("^[A-Z][A-Z0-9_]*$");
            assertThat(code.status()).as(code.name()).isBetween(400, 599);
            assertThat(code.title()).as(code.name()).isNotBlank().hasSizeLessThanOrEqualTo(64).doesNotContain("|");
            assertThat(code.meaning()).as(code.name()).endsWith(".").doesNotContain("|").doesNotContain("\n");
            assertThat(code.type()).endsWith("/" + code.name().toLowerCase().replace('_', '-'));
        }
    }

    @Test
    void a_problem_takes_its_status_title_and_type_from_its_code() {
        Problem problem = Problem.of(ProblemCode.UNIT_EXISTS, "Unit PAR-01 already exists.", "/units", List.of());

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.title()).isEqualTo("Unit exists");
        assertThat(problem.type()).isEqualTo("https://backoffice.example/problems/unit-exists");
        assertThat(new ApiException(ProblemCode.NOT_LIABLE, "too early").status()).isEqualTo(422);
    }

    @Test
    void find_knows_the_catalogue_and_nothing_else() {
        assertThat(ProblemCode.find("INSUFFICIENT_FUNDS")).contains(ProblemCode.INSUFFICIENT_FUNDS);
        assertThat(ProblemCode.find("PENDING_APPROVAL")).isEqualTo(Optional.empty());
    }

    /** A page or a comment saying "404 `UNKNOWN_UNIT`" would tell integrators a code or a status that is not answered. */
    @Test
    void pages_and_comments_name_only_codes_of_the_catalogue_with_their_status() throws IOException {
        List<String> wrong = new ArrayList<>();
        int named = 0;
        for (Path file : scanned()) {
            String[] lines = Files.readString(file).split("\n");
            for (int i = 0; i < lines.length; i++) {
                Matcher mention = STATUS_AND_CODE.matcher(lines[i]);
                while (mention.find()) {
                    named++;
                    int status = Integer.parseInt(mention.group(1));
                    Optional<ProblemCode> code = ProblemCode.find(mention.group(2));
                    if (code.isEmpty() || code.get().status() != status) {
                        wrong.add(file + ":" + (i + 1) + " " + mention.group() + " (catalogue: "
                                + code.map(c -> String.valueOf(c.status())).orElse("no such code") + ")");
                    }
                }
            }
        }
        assertThat(named).as("mentions found").isGreaterThan(50);
        assertThat(wrong).isEmpty();
    }

    private static List<Path> scanned() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        for (Path root : List.of(Path.of("docs"), Path.of("src/main/java"))) {
            try (Stream<Path> tree = Files.walk(root)) {
                tree.filter(path -> path.toString().endsWith(".md") || path.toString().endsWith(".java"))
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }
}
