package fr.backoffice.operation.service;

import fr.backoffice.support.TypedConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The velocity rules' settings as the service reads them at start-up (docs/operations-and-ledger.md "Velocity rules"):
 * the defaults, a rule switched off, and every value out of range refused with the setting's name, so a deployment
 * with a wrong value does not start. Plain Java: the typed configuration built from application.properties
 * ({@link TypedConfig}).
 */
class SubmissionRulesTest {

    private static SubmissionRules rules(Map<String, String> settings) {
        return new SubmissionRules(TypedConfig.with(settings));
    }

    @Test
    void the_defaults_are_the_documented_ones() {
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
    void a_rule_switched_off_has_no_parameters_whatever_they_say() {
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
    void the_smallest_values_are_taken() {
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
