package fr.backoffice;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Committed migrations are immutable (docs/architecture.md "Migrations"): each versioned file's SHA-256 is listed in
 * db/migration-checksums.txt, so an edit, a removal or an unlisted new file fails here. The repeatable
 * R__runtime_role.sql is exempt: Flyway applies it again whenever it changes.
 */
class MigrationsImmutableTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path CHECKSUMS = Path.of("src/main/resources/db/migration-checksums.txt");
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  (\\S+)");

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Map<String, String> onDisk() throws IOException, NoSuchAlgorithmException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(MIGRATIONS)) {
            for (Path file : listing.filter(f -> !f.getFileName().toString().startsWith("R__")).toList()) {
                files.put(file.getFileName().toString(), sha256(file));
            }
        }
        return files;
    }

    private static Map<String, String> committed() throws IOException {
        Map<String, String> lines = new TreeMap<>();
        for (String line : Files.readAllLines(CHECKSUMS)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            assertThat(matcher.matches()).as("line of %s: '<sha256>  <file>' expected, got '%s'", CHECKSUMS, line).isTrue();
            assertThat(lines.put(matcher.group(2), matcher.group(1))).as("%s listed twice in %s", matcher.group(2), CHECKSUMS)
                    .isNull();
        }
        return lines;
    }

    @Test
    void no_committed_migration_is_edited_or_removed_and_every_new_one_is_listed() throws Exception {
        Map<String, String> files = onDisk();
        Map<String, String> listed = committed();
        List<String> problems = new ArrayList<>();
        listed.forEach((file, sum) -> {
            if (!files.containsKey(file)) {
                problems.add(file + " was removed: a committed migration stays; undo a change with a new migration");
            } else if (!files.get(file).equals(sum)) {
                problems.add(file + " was edited: a committed migration never changes; restore it and write the change as "
                        + "a new migration (with its checksum line)");
            }
        });
        files.forEach((file, sum) -> {
            if (!listed.containsKey(file)) {
                problems.add(file + " is not listed: add the line '" + sum + "  " + file + "' to " + CHECKSUMS);
            }
        });
        assertThat(problems).as("migrations against %s", CHECKSUMS).isEmpty();
    }

    @Test
    void versions_are_named_alike_consecutive_from_one_and_never_repeated() throws Exception {
        List<Integer> versions = new ArrayList<>();
        for (String file : onDisk().keySet()) {
            Matcher matcher = VERSIONED.matcher(file);
            assertThat(matcher.matches()).as("%s: a versioned migration is named V<n>__<lower_case_words>.sql", file).isTrue();
            versions.add(Integer.parseInt(matcher.group(1)));
        }
        versions.sort(null);
        List<Integer> expected = new ArrayList<>();
        for (int version = 1; version <= versions.size(); version++) {
            expected.add(version);
        }
        assertThat(versions).as("migration versions (no gap, no duplicate)").isEqualTo(expected);
    }
}
