package fr.backoffice.support;

import fr.backoffice.common.config.BackOfficeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The service's typed configuration as a deployment gets it, without starting the service: application.properties
 * (production's values, no profile) under the given settings, read by SmallRye with Quarkus's converters. For plain
 * Java tests of the beans that take it.
 */
public final class TypedConfig {

    private TypedConfig() {
    }

    public static BackOfficeConfig with(Map<String, String> settings) {
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            file.load(in);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        Map<String, String> defaults = new HashMap<>();
        file.forEach((name, value) -> defaults.put((String) name, (String) value));
        // the one setting with no default, which no plain Java test reads
        defaults.put("backoffice.audit.checkpoint-key", "bm90LXJlYWQtYnktdGhlLXJ1bGVzLW5vdC1yZWFkLWJ5LXRoZS1ydWxlcw==");
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(BackOfficeConfig.class)
                .withSources(new PropertiesConfigSource(defaults, "application.properties", 250))
                .withSources(new PropertiesConfigSource(settings, "deployment", 500))
                .build().getConfigMapping(BackOfficeConfig.class);
    }
}
