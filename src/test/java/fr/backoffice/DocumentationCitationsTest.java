package fr.backoffice;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code, the migrations and the deployment files cite the documentation by page and heading, as
 * {@code docs/<page>.md "<Heading>"} (or the README's own headings), so that a reader finds the rule a comment relies
 * on. A citation to a page or a heading that does not exist fails here, and so does a link between the pages to a
 * missing page or anchor. Plain Java: it reads files, nothing else.
 */
class DocumentationCitationsTest {

    /** What is scanned for citations: the sources and migrations, the image and the deployment files, CI, the build. */
    private static final List<Path> SCANNED = List.of(Path.of("src"), Path.of("docker"), Path.of("deploy"), Path.of(".ci"),
            Path.of("pom.xml"), Path.of("README.md"), Path.of("docs"));
    /** This file names citations in its own test data; it is checked by the tests below, not scanned. */
    private static final Path SELF = Path.of("src/test/java/fr/backoffice/DocumentationCitationsTest.java");

    /** A page, then at least a space (with line breaks and comment markers), then a quoted heading. */
    private static final Pattern PAGE = Pattern.compile("\\bREADME\\b|\\bdocs/[A-Za-z0-9_-]+\\.md\\b");
    private static final Pattern SEPARATOR = Pattern.compile("\\G,?\\s(?:\\s|\\*|//|#|--)*");
    private static final Pattern HEADING = Pattern.compile("\\G(\\\\?\")([^\"\\\\\\n]+)\\\\?\"");
    private static final Pattern MORE = Pattern.compile("\\G,\\s*\\\\?\"([^\"\\\\\\n]+)\\\\?\"");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]*)(?:#([^)\\s]+))?\\)");

    record Citation(String file, int line, String page, String heading) {

        @Override
        public String toString() {
            return file + ":" + line + ": " + page + (heading == null ? "" : " \"" + heading + "\"");
        }
    }

    @Test
    void every_citation_in_the_code_and_the_files_names_a_page_and_a_heading_that_exist() throws IOException {
        Map<String, Set<String>> headings = headings();
        List<Citation> citations = new ArrayList<>();
        for (Path file : scannedFiles()) {
            String text = read(file);
            if (text != null) {
                citations.addAll(citations(file.toString(), text));
            }
        }
        assertThat(citations.stream().filter(citation -> citation.heading() != null)).as("citations found").hasSizeGreaterThan(100);
        assertThat(citations.stream().filter(citation -> !resolves(citation, headings))
                .map(citation -> citation + ": no such page or heading (the page's: "
                        + headings.getOrDefault(citation.page(), Set.of()) + ")"))
                .isEmpty();
    }

    @Test
    void every_link_between_the_pages_names_a_page_and_an_anchor_that_exist() throws IOException {
        Map<String, Set<String>> headings = headings();
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (String page : headings.keySet()) {
            Path file = Path.of(page);
            Matcher link = LINK.matcher(withoutCode(Files.readString(file)));
            while (link.find()) {
                String target = link.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                links++;
                Path resolved = target.isEmpty() ? file : normalise(file.resolveSibling(target));
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + link.group() + " (no " + resolved + ")");
                } else if (link.group(2) != null && headings.containsKey(resolved.toString())
                        && headings.get(resolved.toString()).stream().map(DocumentationCitationsTest::anchor)
                                .noneMatch(link.group(2)::equals)) {
                    broken.add(page + ": " + link.group() + " (no such heading in " + resolved + ")");
                }
            }
        }
        assertThat(links).isGreaterThan(10);
        assertThat(broken).isEmpty();
    }

    @Test
    void a_citation_is_read_across_comment_lines_and_in_java_strings() {
        String readme = "READ" + "ME";
        String text = "/**\n * as the page says (docs/security.md\n * \"Rate limiting\"), and (" + readme
                + ", \"Try it\")\n */\nString s = \"(docs/api.md \\\"The contract\\\")\";\n"
                + "-- docs/webhooks.md \"Webhooks\", \"Security\"\n";
        assertThat(citations("f", text)).containsExactly(
                new Citation("f", 2, "docs/security.md", "Rate limiting"),
                new Citation("f", 3, "README.md", "Try it"),
                new Citation("f", 5, "docs/api.md", "The contract"),
                new Citation("f", 6, "docs/webhooks.md", "Webhooks"),
                new Citation("f", 6, "docs/webhooks.md", "Security"));
    }

    @Test
    void a_heading_that_does_not_exist_a_missing_page_and_a_heading_cut_across_lines_are_refused() throws IOException {
        Map<String, Set<String>> headings = headings();
        String text = "// docs/security.md \"Rate limits\"\n// docs/nowhere.md\n// docs/filings.md \"Filings in one\n// minute\"\n";
        assertThat(citations("f", text)).allSatisfy(citation -> assertThat(resolves(citation, headings)).as(citation.toString()).isFalse())
                .hasSize(3);
    }

    @Test
    void a_heading_is_a_markdown_heading_line_outside_code_blocks() {
        assertThat(headingsOf("# Title\n\ntext\n```shell\n# a comment\n```\n## Part (one)\n### Deeper\n#not a heading\n"))
                .containsExactly("Title", "Part (one)", "Deeper");
        assertThat(anchor("Account statements (camt.053)")).isEqualTo("account-statements-camt053");
    }

    /** Each page named, with its heading if quoted; a heading cut by a line break is kept as one that cannot exist. */
    static List<Citation> citations(String file, String text) {
        List<Citation> found = new ArrayList<>();
        Matcher page = PAGE.matcher(text);
        while (page.find()) {
            String name = page.group().equals("README") ? "README.md" : page.group();
            int line = lineOf(text, page.start());
            Matcher separator = SEPARATOR.matcher(text).region(page.end(), text.length());
            boolean separated = separator.lookingAt();
            int at = separated ? separator.end() : page.end();
            Matcher heading = HEADING.matcher(text).region(at, text.length());
            if (separated && heading.lookingAt()) {
                found.add(new Citation(file, line, name, heading.group(2)));
                Matcher more = MORE.matcher(text).region(heading.end(), text.length());
                while (more.lookingAt()) {
                    found.add(new Citation(file, line, name, more.group(1)));
                    more.region(more.end(), text.length());
                }
            } else if (separated && at < text.length() && (text.charAt(at) == '"' || text.startsWith("\\\"", at))) {
                found.add(new Citation(file, line, name, "\n(a heading cut across lines)"));
            } else if (!name.equals("README.md")) {
                found.add(new Citation(file, line, name, null));
            }
        }
        return found;
    }

    private static boolean resolves(Citation citation, Map<String, Set<String>> headings) {
        Set<String> page = headings.get(citation.page());
        return page != null && (citation.heading() == null || page.contains(citation.heading()));
    }

    /** The headings of the README and of every page under docs/, by path. */
    private static Map<String, Set<String>> headings() throws IOException {
        Map<String, Set<String>> headings = new TreeMap<>();
        headings.put("README.md", headingsOf(Files.readString(Path.of("README.md"))));
        try (Stream<Path> pages = Files.list(Path.of("docs"))) {
            for (Path page : pages.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
                headings.put("docs/" + page.getFileName(), headingsOf(Files.readString(page)));
            }
        }
        return headings;
    }

    static Set<String> headingsOf(String markdown) {
        Set<String> headings = new LinkedHashSet<>();
        for (String line : withoutCode(markdown).split("\n")) {
            Matcher heading = Pattern.compile("^#{1,6} +(.+?) *#* *$").matcher(line);
            if (heading.matches()) {
                headings.add(heading.group(1));
            }
        }
        return headings;
    }

    /** Fenced code blocks blanked out: a shell comment in one is no heading, a link in one is no link. */
    private static String withoutCode(String markdown) {
        StringBuilder kept = new StringBuilder();
        boolean code = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                code = !code;
                kept.append('\n');
            } else {
                kept.append(code ? "" : line).append('\n');
            }
        }
        return kept.toString();
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static List<Path> scannedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : SCANNED) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(path -> !path.equals(SELF)).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** The file as UTF-8 text, or null for a binary one. */
    private static String read(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException binary) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path normalise(Path path) {
        return Path.of("").toAbsolutePath().relativize(path.toAbsolutePath().normalize());
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
