package fr.backoffice.unit.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.error.Problem;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.openapi.Examples;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import fr.backoffice.unit.api.NewUnit;
import fr.backoffice.unit.api.UnitView;
import fr.backoffice.unit.service.UnitService;
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

@Path("/units")
@Tag(name = "Units")
@Produces(MediaType.APPLICATION_JSON)
public class UnitResource {

    private final UnitService units;

    public UnitResource(UnitService units) {
        this.units = units;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createUnit", summary = "Create a production unit (admin)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewUnit.class), examples = @ExampleObject(name = "unit", value = Examples.NEW_UNIT)))
    @APIResponse(responseCode = "201", description = "Created; `Location` names the unit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class),
                    examples = @ExampleObject(name = "unit", value = Examples.UNIT)))
    @APIResponse(responseCode = "409", description = "`UNIT_EXISTS`: a unit already has this code; `IDEMPOTENCY_REQUEST_IN_FLIGHT`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {@ExampleObject(name = "UNIT_EXISTS", ref = "UNIT_EXISTS"), @ExampleObject(name = "IDEMPOTENCY_REQUEST_IN_FLIGHT", ref = "IDEMPOTENCY_REQUEST_IN_FLIGHT")}))
    @APIResponse(responseCode = "422", description = "`IDEMPOTENCY_KEY_REUSED`: the key was used for another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "IDEMPOTENCY_KEY_REUSED", ref = "IDEMPOTENCY_KEY_REUSED")))
    public Uni<Response> create(@Valid @NotNull NewUnit request,
                                @Parameter(ref = "Idempotency-Key")
                                @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return units.create(Idempotency.checkKey(idempotencyKey, false), request).map(Reply::toResponse);
    }

    @GET
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listUnits", summary = "List production units, ordered by code")
    @APIResponse(responseCode = "200", description = "A page of units")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `limit` or `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<Page<UnitView>> list(@BeanParam PageRequest page) {
        return units.list(page);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getUnit", summary = "Read a production unit")
    @APIResponse(responseCode = "200", description = "The unit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitView.class),
                    examples = @ExampleObject(name = "unit", value = Examples.UNIT)))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no unit has this code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<UnitView> get(@Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Limits.UNIT_CODE, maxLength = 6), example = "PAR-01") @PathParam("code") String code) {
        return units.get(code);
    }
}
