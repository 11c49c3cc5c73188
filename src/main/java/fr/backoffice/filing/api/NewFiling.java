package fr.backoffice.filing.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.backoffice.filing.FilingContent;
import fr.backoffice.filing.FilingType;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code POST /filings}; also what an idempotent replay of it compares. */
@Schema(name = "NewFiling")
public record NewFiling(
        @NotNull @Schema(required = true) FilingType type,
        @NotNull @Schema(required = true, format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String declarantId,
        @NotNull @Schema(required = true, examples = "2026-10-01",
                description = "First day: of a calendar month (MONTHLY VAT), a calendar quarter (QUARTERLY VAT), "
                        + "or the fiscal year (annual accounts)") LocalDate periodStart,
        @NotNull @Schema(required = true, examples = "2026-10-31", description = "Last day of the same period")
        LocalDate periodEnd,
        @NotNull @Schema(required = true, implementation = FilingContent.class) JsonNode content) {
}
