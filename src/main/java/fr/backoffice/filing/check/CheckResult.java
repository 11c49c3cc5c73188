package fr.backoffice.filing.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One check of a filing, named by the code it fails with. */
@Schema(name = "FilingCheck")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(
        @Schema(required = true, pattern = "^[A-Z][A-Z0-9_]*$", maxLength = 64, examples = "BALANCE_SHEET_MISMATCH",
                description = "The check, named by the code it fails with (stable, UPPER_SNAKE)") String code,
        @Schema(required = true) CheckOutcome outcome,
        @Schema(maxLength = 128, examples = "content.totalAssets", description = "The content field the check is about, when there is one")
        String field,
        @Schema(required = true, maxLength = 1000, examples = "totalAssets (1200000) must equal totalLiabilities + equity (1150000).")
        String message) {

    public static CheckResult passed(String code, String field, String message) {
        return new CheckResult(code, CheckOutcome.PASSED, field, message);
    }

    public static CheckResult failed(String code, String field, String message) {
        return new CheckResult(code, CheckOutcome.FAILED, field, message);
    }

    public static CheckResult skipped(String code, String field, String message) {
        return new CheckResult(code, CheckOutcome.SKIPPED, field, message);
    }

    public boolean hasFailed() {
        return outcome == CheckOutcome.FAILED;
    }
}
