package fr.backoffice.filing.rest;

import fr.backoffice.common.error.Problem;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.security.Roles;
import fr.backoffice.declarant.DeclarationDates;
import fr.backoffice.filing.api.ObligationsView;
import fr.backoffice.filing.service.ObligationService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;

/** A declarant's obligations: served under {@code /declarants}, computed from filings, so it lives with them. */
@Path("/declarants/{id}/obligations")
@Tag(name = "Declarants")
@Produces(MediaType.APPLICATION_JSON)
public class ObligationResource {

    private final ObligationService obligations;

    public ObligationResource(ObligationService obligations) {
        this.obligations = obligations;
    }

    @GET
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getDeclarantObligations", summary = "The declarations a declarant must file over a date range",
            description = "Every VAT period of the declarant's regime and every fiscal year that overlaps `[from, to]` and does "
                    + "not end before `liableFrom`, ordered by period end, each with its due date and status: FULFILLED once a "
                    + "filing for it is SUBMITTED or ACCEPTED (amendments count), else OVERDUE after the due date (Europe/Paris), "
                    + "else OPEN. The range covers at most 10 years.")
    @APIResponse(responseCode = "200", description = "The obligations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObligationsView.class),
                    examples = @ExampleObject(name = "obligations", value = FilingExamples.OBLIGATIONS)))
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: `from` or `to` missing or not a date, `to` before "
            + "`from`, or a range over 10 years",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such declarant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<ObligationsView> obligations(
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = FilingExamples.DECLARANT_ID) @PathParam("id") String id,
            @Parameter(required = true, description = "First day of the range", example = "2026-01-01",
                    schema = @Schema(maxLength = 35, type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(required = true, description = "Last day of the range (at most 10 years after `from`)", example = "2026-12-31",
                    schema = @Schema(maxLength = 35, type = SchemaType.STRING, format = "date")) @QueryParam("to") String to) {
        return obligations.obligations(id, requiredDate("from", from), requiredDate("to", to));
    }

    private static LocalDate requiredDate(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(name, "is required (YYYY-MM-DD)");
        }
        return DeclarationDates.check(name, FilingResource.dateParam(name, value));
    }
}
