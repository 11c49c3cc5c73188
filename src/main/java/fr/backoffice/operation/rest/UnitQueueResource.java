package fr.backoffice.operation.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import fr.backoffice.common.error.Problem;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import fr.backoffice.operation.api.QueueItem;
import fr.backoffice.operation.service.OperationQueries;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A unit's queue: served under {@code /units}, made of operations, so it lives with them. */
@Path("/units/{code}/queue")
@Tag(name = "Units")
@Produces(MediaType.APPLICATION_JSON)
public class UnitQueueResource {

    private final OperationQueries operations;

    public UnitQueueResource(OperationQueries operations) {
        this.operations = operations;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(operationId = "getUnitQueue", summary = "Operations of the unit waiting for a person, oldest first",
            description = "RECEIVED and PENDING_APPROVAL operations, each with `dueAt` = `receivedAt` + 1 TARGET2 business day. "
                    + "Agents and supervisors read their own unit's queue only.")
    @APIResponse(responseCode = "200", description = "A page of the queue")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `limit` or `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    @APIResponse(responseCode = "403", description = "`FORBIDDEN`: wrong role, or the queue of a unit not the caller's (whether that unit exists or not)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "FORBIDDEN", ref = "FORBIDDEN")))
    @APIResponse(responseCode = "404", description = "`NOT_FOUND`: no unit has this code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "NOT_FOUND", ref = "NOT_FOUND")))
    public Uni<Page<QueueItem>> queue(@Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Limits.UNIT_CODE, maxLength = 6), example = "PAR-01") @PathParam("code") String code, @BeanParam PageRequest page) {
        return operations.queue(code, page);
    }
}
