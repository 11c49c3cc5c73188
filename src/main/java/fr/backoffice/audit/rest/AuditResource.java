package fr.backoffice.audit.rest;

import fr.backoffice.audit.AuditRecord;
import fr.backoffice.audit.rest.AuditDtos.Verification;
import fr.backoffice.audit.service.AuditTrail;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;

@Path("/audit")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditTrail trail;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listAuditRecords", summary = "Read the audit trail, oldest first",
            description = "One record per mutating request (`POST`, `PUT`, `PATCH`, `DELETE`), accepted or refused "
                    + "(by a business rule, the caller's role, or authentication), with its `X-Request-Id`.")
    @APIResponse(responseCode = "200", description = "A page of records")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `limit`, `after`, `from` or `to`")
    public Uni<Page<AuditRecord>> list(@BeanParam PageRequest page,
                                       @Parameter(example = "agent-042") @QueryParam("actor") String actor,
                                       @Parameter(example = "operation") @QueryParam("resourceType") String resourceType,
                                       @Parameter(example = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") @QueryParam("resourceId") String resourceId,
                                       @Parameter(description = "From this instant (inclusive)", example = "2026-11-01T00:00:00Z")
                                       @QueryParam("from") String from,
                                       @Parameter(description = "Until this instant (exclusive)", example = "2026-12-01T00:00:00Z")
                                       @QueryParam("to") String to) {
        int limit = page.limit();
        long after = page.afterSeq();
        return trail.list(actor, resourceType, resourceId, instant("from", from), instant("to", to), after, limit);
    }

    @GET
    @Path("/verify")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "verifyAuditTrail", summary = "Recompute the hash chain of the whole trail",
            description = "Each record's hash is SHA-256 of the previous record's hash followed by the record's "
                    + "canonical text (`seq|at|actor|roles|action|resourceType|resourceId|outcome|requestId`, `at` "
                    + "ISO-8601 UTC with microseconds). `firstBrokenSeq` names the first record that does not follow.")
    @APIResponse(responseCode = "200", description = "The result of the verification")
    public Uni<Verification> verify() {
        return trail.verify();
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException malformed) {
            throw ApiException.invalidField(field, "must be an ISO-8601 UTC timestamp such as 2026-11-28T09:15:00Z");
        }
    }
}
