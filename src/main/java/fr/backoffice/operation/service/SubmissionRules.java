package fr.backoffice.operation.service;

import fr.backoffice.common.config.BackOfficeConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What decides a submission besides the ledger and the limits' rows, from the configuration, as
 * {@code operation_submit_batch} (V11__velocity_rules.sql) takes it: the daily total of transfers to other banks (the
 * default of the limit EXTERNAL_TRANSFERS_PER_DAY) and the velocity rules' parameters, null for a rule switched off
 * (docs/operations-and-ledger.md "Velocity rules"). Checked at start-up: a value out of range stops the service.
 */
@Startup
@ApplicationScoped
public class SubmissionRules {

    /** The rules' ids, as the function names them when one sends a submission to four eyes. */
    public enum VelocityRule {
        VELOCITY_NEW_CREDITOR, VELOCITY_EXTERNAL_BURST, VELOCITY_UNUSUAL_AMOUNT;

        /** The rule a limit id names, if it is one. */
        static Optional<VelocityRule> named(String id) {
            for (VelocityRule rule : values()) {
                if (rule.name().equals(id)) {
                    return Optional.of(rule);
                }
            }
            return Optional.empty();
        }
    }

    private final BigDecimal externalLimit;
    private final BigDecimal newCreditorAmount;
    private final Integer burstCount;
    private final Integer burstMinutes;
    private final BigDecimal unusualFactor;
    private final Integer unusualDays;
    private final Integer unusualMinDebits;

    public SubmissionRules(BackOfficeConfig config) {
        BackOfficeConfig.Velocity velocity = config.velocity();
        externalLimit = config.limits().externalTransfersPerDay();
        BackOfficeConfig.Velocity.NewCreditor newCreditor = velocity.newCreditor();
        newCreditorAmount = newCreditor.enabled()
                ? atLeast(newCreditor.firstDayAmount(), "backoffice.velocity.new-creditor.first-day-amount") : null;
        BackOfficeConfig.Velocity.ExternalBurst burst = velocity.externalBurst();
        burstCount = burst.enabled() ? atLeast(burst.count(), 0, "backoffice.velocity.external-burst.count") : null;
        burstMinutes = burst.enabled()
                ? atLeast((int) burst.window().toMinutes(), 1, "backoffice.velocity.external-burst.window") : null;
        BackOfficeConfig.Velocity.UnusualAmount unusual = velocity.unusualAmount();
        unusualFactor = unusual.enabled()
                ? atLeast(unusual.factor(), "backoffice.velocity.unusual-amount.factor") : null;
        unusualDays = unusual.enabled() ? atLeast(unusual.days(), 1, "backoffice.velocity.unusual-amount.days") : null;
        unusualMinDebits = unusual.enabled()
                ? atLeast(unusual.minDebits(), 1, "backoffice.velocity.unusual-amount.min-debits") : null;
    }

    BigDecimal externalLimit() {
        return externalLimit;
    }

    BigDecimal newCreditorAmount() {
        return newCreditorAmount;
    }

    Integer burstCount() {
        return burstCount;
    }

    Integer burstMinutes() {
        return burstMinutes;
    }

    BigDecimal unusualFactor() {
        return unusualFactor;
    }

    Integer unusualDays() {
        return unusualDays;
    }

    Integer unusualMinDebits() {
        return unusualMinDebits;
    }

    /** What sent a submission to four eyes, as its history's reason says it: a limit or a velocity rule. */
    static String reviewReason(String limitId) {
        return VelocityRule.named(limitId).map(rule -> "REVIEW: velocity rule " + rule.name())
                .orElse("REVIEW: over the limit " + limitId);
    }

    private static BigDecimal atLeast(BigDecimal value, String setting) {
        if (value.signum() < 0) {
            throw new IllegalStateException(setting + " must be at least 0, not " + value);
        }
        return value;
    }

    private static int atLeast(int value, int least, String setting) {
        if (value < least) {
            throw new IllegalStateException(setting + " must be at least " + least + ", not " + value);
        }
        return value;
    }
}
