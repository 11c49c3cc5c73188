package fr.backoffice.filing.check;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The last run of a filing's checks: when, whether they all passed, and each result. */
@Schema(name = "FilingChecks", description = "The checks of the current content, run whenever the content is set and again "
        + "at validation. `passed` is false when any check FAILED.")
public record FilingChecks(
        @Schema(required = true) Instant checkedAt,
        @Schema(required = true) boolean passed,
        // one per check: 5 for a VAT return, at most 8 for annual accounts
        @Schema(required = true, maxItems = 10) List<CheckResult> results) {

    public static FilingChecks of(CheckReport report, Instant at) {
        return new FilingChecks(at, report.passed(), report.results());
    }
}
