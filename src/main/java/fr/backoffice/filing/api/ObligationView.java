package fr.backoffice.filing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.backoffice.filing.FilingStatus;
import fr.backoffice.filing.FilingType;
import fr.backoffice.filing.ObligationStatus;
import fr.backoffice.filing.Obligations;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

// filingId and filingStatus are left out when nothing was filed (NON_NULL)
@Schema(name = "Obligation", requiredProperties = {"type", "periodStart", "periodEnd", "dueDate", "status"})
public record ObligationView(
        FilingType type,
        @Schema(examples = "2026-10-01") LocalDate periodStart,
        @Schema(examples = "2026-10-31") LocalDate periodEnd,
        @Schema(examples = "2026-11-19") LocalDate dueDate,
        ObligationStatus status,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The filing that stands for the obligation: the latest submitted or accepted one, else the "
                + "latest in progress, else the latest rejected; absent when nothing was filed", format = "uuid") String filingId,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "That filing's status; absent when nothing was filed")
        FilingStatus filingStatus) {

    public static ObligationView of(Obligations.Assessed assessed) {
        return new ObligationView(assessed.expected().type(), assessed.expected().period().start(),
                assessed.expected().period().end(), assessed.dueDate(), assessed.status(),
                assessed.filing().map(filing -> filing.id().toString()).orElse(null),
                assessed.filing().map(Obligations.Filed::status).orElse(null));
    }
}
