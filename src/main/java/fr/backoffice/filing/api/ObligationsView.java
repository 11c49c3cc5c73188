package fr.backoffice.filing.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "Obligations", description = "Every declaration expected over the range (not paginated: the range is at most 10 years)")
public record ObligationsView(
        @Schema(format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String declarantId,
        @Schema(examples = "2026-01-01") LocalDate from,
        @Schema(examples = "2026-12-31") LocalDate to,
        // 10 years at most: 121 months, or 41 quarters, and 11 fiscal years
        @Schema(maxItems = 132) List<ObligationView> items) {
}
