package fr.backoffice.common.config;

import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each default is written once (docs/configuration.md "The back office's settings"): in the setting's
 * {@code @WithDefault}, or in application.properties where the typed configuration cannot hold it, never both; and
 * the page lists every setting of {@link BackOfficeConfig}, with its variable and that default, and nothing else.
 * Plain Java: the interface is read by reflection.
 */
class ConfigurationPageTest {

    private static final String NONE = "none";
    private static final Pattern ROW = Pattern.compile("^\\| `(backoffice\\.[a-z0-9.-]+)` \\| `([A-Z0-9_]+)` \\| (none|`[^`]*`) \\|");

    @Test
    void the_page_lists_every_setting_with_its_variable_and_its_one_default() throws IOException {
        Map<String, String> annotated = new TreeMap<>();
        settings(BackOfficeConfig.class, "backoffice.", annotated);
        Map<String, String> properties = unprofiledBackOfficeProperties();

        assertThat(properties.keySet()).as("application.properties sets only settings that exist")
                .allSatisfy(name -> assertThat(annotated).containsKey(name));
        assertThat(properties.keySet()).as("a default in application.properties and in @WithDefault")
                .allSatisfy(name -> assertThat(annotated.get(name)).as(name).isEqualTo(NONE));

        Map<String, String> defaults = new TreeMap<>(annotated);
        defaults.putAll(properties);
        Map<String, String> page = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                assertThat(row.group(2)).as(row.group(1) + "'s variable").isEqualTo(variable(row.group(1)));
                String cell = row.group(3);
                page.put(row.group(1), cell.equals(NONE) ? NONE : cell.substring(1, cell.length() - 1));
            }
        }
        assertThat(page).isEqualTo(defaults);
    }

    @Test
    void a_setting_s_name_and_variable_follow_the_mapping_s_rules() {
        assertThat(kebab("maxPerCaller")).isEqualTo("max-per-caller");
        assertThat(variable("backoffice.rate-limit.writes.capacity")).isEqualTo("BACKOFFICE_RATE_LIMIT_WRITES_CAPACITY");
    }

    /** Leaves of the mapping, by name, with their {@code @WithDefault} or {@link #NONE}; nested interfaces walked. */
    private static void settings(Class<?> type, String prefix, Map<String, String> found) {
        Method[] methods = type.getDeclaredMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method method : methods) {
            if (method.isDefault() || method.isSynthetic() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = prefix + kebab(method.getName());
            Class<?> returned = method.getReturnType();
            if (returned.isInterface() && returned.getName().startsWith("fr.backoffice.")) {
                settings(returned, name + ".", found);
            } else {
                WithDefault fallback = method.getAnnotation(WithDefault.class);
                found.put(name, fallback == null ? NONE : fallback.value());
            }
        }
    }

    private static Map<String, String> unprofiledBackOfficeProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        Map<String, String> found = new TreeMap<>();
        properties.stringPropertyNames().stream().filter(name -> name.startsWith("backoffice."))
                .forEach(name -> found.put(name, properties.getProperty(name)));
        return found;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    static String variable(String setting) {
        return setting.replaceAll("[.-]", "_").toUpperCase(java.util.Locale.ROOT);
    }
}
