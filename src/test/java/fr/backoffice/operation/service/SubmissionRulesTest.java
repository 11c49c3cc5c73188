package fr.backoffice.operation.service;

import fr.backoffice.common.config.BackOfficeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The velocity rules' settings as the service reads them at start-up (docs/operations-and-ledger.md "Velocity rules"):
 * the defaults, a rule switched off, and every value out of range refused with the setting's name, so a deployment
 * with a wrong value does not start. Plain Java: the typed configuration built from application.properties.
 */
class SubmissionRulesTest {

    private static SubmissionRules rules(Map<String, String> settings) throws IOException {
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            file.load(in);
        }
        Map<String, String> defaults = new HashMap<>();
        file.forEach((name, value) -> defaults.put((String) name, (String) value));
        // the one setting with no default, which the rules do not read
        defaults.put("backoffice.audit.checkpoint-key", "bm90LXJlYWQtYnktdGhlLXJ1bGVzLW5vdC1yZWFkLWJ5LXRoZS1ydWxlcw==");
        BackOfficeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(BackOfficeConfig.class)
                .withSources(new PropertiesConfigSource(defaults, "application.properties", 250))
                .withSources(new PropertiesConfigSource(settings, "deployment", 500))
                .build().getConfigMapping(BackOfficeConfig.class);
        return new SubmissionRules(config);
    }

    @Test
    void the_defaults_are_the_documented_ones() throws IOException {
        SubmissionRules rules = rules(Map.of());
        assertThat(rules.newCreditorAmount()).isEqualByComparingTo("3000.00");
        assertThat(rules.burstCount()).isEqualTo(20);
        assertThat(rules.burstMinutes()).isEqualTo(10);
        assertThat(rules.unusualFactor()).isEqualByComparingTo(BigDecimal.TEN);
        assertThat(rules.unusualDays()).isEqualTo(90);
        assertThat(rules.unusualMinDebits()).isEqualTo(10);
        assertThat(rules.externalLimit()).isEqualByComparingTo("10000.00");
    }

    @Test
    void a_rule_switched_off_has_no_parameters_whatever_they_say() throws IOException {
        SubmissionRules rules = rules(Map.of(
                "backoffice.velocity.new-creditor.enabled", "false",
                "backoffice.velocity.new-creditor.first-day-amount", "-1",
                "backoffice.velocity.external-burst.enabled", "false",
                "backoffice.velocity.unusual-amount.enabled", "false"));
        assertThat(rules.newCreditorAmount()).isNull();
        assertThat(rules.burstCount()).isNull();
        assertThat(rules.burstMinutes()).isNull();
        assertThat(rules.unusualFactor()).isNull();
        assertThat(rules.unusualDays()).isNull();
        assertThat(rules.unusualMinDebits()).isNull();
    }

    @Test
    void the_smallest_values_are_taken() throws IOException {
        SubmissionRules rules = rules(Map.of(
                "backoffice.velocity.new-creditor.first-day-amount", "0",
                "backoffice.velocity.external-burst.count", "0",
                "backoffice.velocity.external-burst.window", "1m",
                "backoffice.velocity.unusual-amount.factor", "0",
                "backoffice.velocity.unusual-amount.days", "1",
                "backoffice.velocity.unusual-amount.min-debits", "1"));
        assertThat(rules.newCreditorAmount()).isZero();
        assertThat(rules.burstCount()).isZero();
        assertThat(rules.burstMinutes()).isEqualTo(1);
        assertThat(rules.unusualDays()).isEqualTo(1);
    }

    @Test
    void a_value_out_of_range_stops_the_start_naming_its_setting() {
        Map<String, String> wrong = Map.of(
                "backoffice.velocity.new-creditor.first-day-amount", "-0.01",
                "backoffice.velocity.external-burst.count", "-1",
                "backoffice.velocity.external-burst.window", "59s",
                "backoffice.velocity.unusual-amount.factor", "-1",
                "backoffice.velocity.unusual-amount.days", "0",
                "backoffice.velocity.unusual-amount.min-debits", "0");
        wrong.forEach((setting, value) -> assertThatThrownBy(() -> rules(Map.of(setting, value)))
                .as(setting + "=" + value).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(setting + " must be at least"));
    }
}
