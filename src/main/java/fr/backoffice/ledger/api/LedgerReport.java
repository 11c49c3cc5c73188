package fr.backoffice.ledger.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** What the verification of the ledger found. */
@Schema(name = "LedgerVerification", description = "The ledger recomputed from its append-only entries")
public record LedgerReport(
        Instant at,
        @Schema(description = "True when nothing differs") boolean verified,
        @Schema(description = "How many differences were found", minimum = "0", maximum = "2147483647", examples = "0") int differences,
        @Schema(description = "The first 100 differences, by kind then subject", maxItems = 100) List<Difference> listed) {
}
