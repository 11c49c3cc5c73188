package fr.backoffice.declarant.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import fr.backoffice.common.error.Problem;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.openapi.Examples;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import fr.backoffice.declarant.Siren;
import fr.backoffice.declarant.api.DeclarantView;
import fr.backoffice.declarant.api.NewDeclarant;
import fr.backoffice.declarant.service.DeclarantService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/declarants")
@Tag(name = "Declarants")
@Produces(MediaType.APPLICATION_JSON)
public class DeclarantResource {

    private final DeclarantService declarants;

    public DeclarantResource(DeclarantService declarants) {
        this.declarants = declarants;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createDeclarant", summary = "Register a declarant (admin)",
            description = "The SIREN must pass the Luhn check. The VAT number is computed from the SIREN when absent, "
                    + "and must equal it when given.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewDeclarant.class),
            examples = @ExampleObject(name = "declarant", value = DeclarantExamples.NEW_DECLARANT)))
    @APIResponse(responseCode = "201", description = "Registered; `Location` names the declarant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeclarantView.class),
                    examples = @ExampleObject(name = "declarant", value = DeclarantExamples.DECLARANT)))
    @APIResponse(responseCode = "400", description = "`INVALID_SIREN`: not 9 digits with a valid Luhn checksum; "
            + "`INVALID_VAT_NUMBER`: the given VAT number is not the SIREN's; `VALIDATION_FAILED` (bad `fiscalYearEnd`...); malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "INVALID_SIREN", ref = "INVALID_SIREN"), @ExampleObject(name = "INVALID_VAT_NUMBER", ref = "INVALID_VAT_NUMBER"), @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")}))
    @APIResponse(responseCode = "409", description = "`DECLARANT_EXISTS`: a declarant has this SIREN; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "DECLARANT_EXISTS", ref = "DECLARANT_EXISTS"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`: the key was used for another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    public Uni<Response> create(@Valid @NotNull NewDeclarant request,
                                @Parameter(ref = "Idempotency-Key")
                                @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return declarants.create(Idempotency.checkKey(idempotencyKey, false), request).map(Reply::toResponse);
    }

    @GET
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listDeclarants", summary = "List declarants, oldest first")
    @APIResponse(responseCode = "200", description = "A page of declarants")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `limit`, `after` or `siren`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<Page<DeclarantView>> list(
            @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{9}$", maxLength = 9), description = "Only the declarant with this SIREN", example = "732829320") @QueryParam("siren") String siren,
            @BeanParam PageRequest page) {
        if (siren != null && !Siren.isValid(siren)) {
            throw ApiException.invalidField("siren", "is not a valid SIREN (9 digits, Luhn checksum)");
        }
        return declarants.list(siren, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getDeclarant", summary = "Read a declarant")
    @APIResponse(responseCode = "200", description = "The declarant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeclarantView.class),
                    examples = @ExampleObject(name = "declarant", value = DeclarantExamples.DECLARANT)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no such declarant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<DeclarantView> get(@Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 36), example = DeclarantExamples.ID) @PathParam("id") String id) {
        return declarants.get(id);
    }
}
