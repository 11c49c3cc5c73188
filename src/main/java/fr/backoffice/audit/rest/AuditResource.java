package fr.backoffice.audit.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import fr.backoffice.common.error.Problem;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import fr.backoffice.audit.AuditCheckpoint;
import fr.backoffice.audit.AuditRecord;
import fr.backoffice.audit.api.AuditDtos.Verification;
import fr.backoffice.audit.service.AuditCheckpoints;
import fr.backoffice.audit.service.AuditTrail;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.paging.Page;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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

    private final AuditTrail trail;

    private final AuditCheckpoints checkpoints;

    public AuditResource(AuditTrail trail, AuditCheckpoints checkpoints) {
        this.trail = trail;
        this.checkpoints = checkpoints;
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listAuditRecords", summary = "Read the audit trail, oldest first",
            description = "One record per mutating request (`POST`, `PUT`, `PATCH`, `DELETE`), accepted or refused "
                    + "(by a business rule, the caller's role, or authentication), with its `X-Request-Id`, in insertion "
                    + "order (`seq`). The record of a change commits with the change; a refusal's record follows within "
                    + "a second. `chainSeq` is null until the record is sealed into the hash chain (about a second).")
    @APIResponse(responseCode = "200", description = "A page of records")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `limit`, `after`, `from` or `to`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<Page<AuditRecord>> list(@BeanParam PageRequest page,
                                       @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = Limits.ACTOR_LENGTH), example = "agent-042") @QueryParam("actor") String actor,
                                       @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 32), example = "operation") @QueryParam("resourceType") String resourceType,
                                       @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 255), example = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") @QueryParam("resourceId") String resourceId,
                                       @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 35), description = "From this instant (inclusive)", example = "2026-11-01T00:00:00Z")
                                       @QueryParam("from") String from,
                                       @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 35), description = "Until this instant (exclusive)", example = "2026-12-01T00:00:00Z")
                                       @QueryParam("to") String to) {
        int limit = page.limit();
        long after = page.afterSeq();
        return trail.list(actor, resourceType, resourceId, instant("from", from), instant("to", to), after, limit);
    }

    @GET
    @Path("/verify")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "verifyAuditTrail", summary = "Recompute the hash chain of the sealed records",
            description = "Records are stored unsealed and sealed about a second after their transaction commits, in "
                    + "the order of their transaction ids, then of insertion: each gets `chainSeq` 1, 2, 3... without gaps, the previous "
                    + "record's hash as `prevHash` (64 zeros for the first), and as hash the hex SHA-256 of `prevHash` "
                    + "followed by its canonical text `chainSeq|at|actor|roles|action|resourceType|resourceId|outcome|requestId` "
                    + "(`at` ISO-8601 UTC with microseconds, absent values empty, `\\` and `|` escaped with `\\`). "
                    + "This walks the sealed records by `chainSeq` and checks each rule: a sealed record altered, "
                    + "inserted, or removed from between others breaks the chain at `firstBrokenSeq`. Removing or "
                    + "rewriting the newest records leaves a valid chain: that is what checkpoints catch (see "
                    + "`listAuditCheckpoints`). Each checkpoint must carry the service's signature and name a record "
                    + "with the hash it states; the oldest that does not is `firstBadCheckpoint`. Records after the "
                    + "newest good checkpoint (`anchoredSeq`) are counted in `unanchored`. Unsealed records are not "
                    + "verified (they are counted in `unsealed`).")
    @APIResponse(responseCode = "200", description = "The result of the verification (also when the chain is broken)")
    public Uni<Verification> verify() {
        return trail.verify();
    }

    @GET
    @Path("/checkpoints")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "listAuditCheckpoints", summary = "Read the signed checkpoints of the audit chain, newest first",
            description = "About once a minute (`backoffice.audit.checkpoint-every`) when records were sealed since the "
                    + "last one, the service signs the chain's head: `chainSeq`, `headHash` and `at`, signed with "
                    + "HMAC-SHA256 under a key only the service holds (`BACKOFFICE_AUDIT_CHECKPOINT_KEY`). Checkpoints "
                    + "are append-only in the database and each is also published in the event feed as "
                    + "`audit.checkpoint`: a consumer that keeps them can later show that the trail was cut or rewritten "
                    + "at its end, even by someone who rewrote the database; `verifyAuditTrail` checks them all.")
    @APIResponse(responseCode = "200", description = "A page of checkpoints")
    @APIResponse(responseCode = "400", description = "`VALIDATION_FAILED`: bad `limit` or `after`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "VALIDATION_FAILED", ref = "VALIDATION_FAILED")))
    public Uni<Page<AuditCheckpoint>> checkpoints(@BeanParam PageRequest page) {
        int limit = page.limit();
        return checkpoints.list(page.afterSeq(), limit);
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
