package fr.backoffice.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One mutating request as the audit trail keeps it (also its API representation). */
@Schema(name = "AuditRecord")
public record AuditRecord(
        @Schema(description = "The record's number, in insertion order (the `after` cursor of `GET /audit`)", minimum = "1", examples = "42")
        long seq,
        @Schema(nullable = true, description = "The record's place in the hash chain (1, 2, 3... without gaps), "
                + "given when the record is sealed, about a second after its transaction commits; null until then",
                minimum = "1", examples = "41") Long chainSeq,
        Instant at,
        @Schema(description = "The token's `sub`, or `anonymous` without a valid token", maxLength = 255, examples = "agent-042") String actor,
        @Schema(description = "The caller's roles, sorted, comma-separated", maxLength = 255, examples = "agent") String roles,
        @Schema(description = "Method and route (ids replaced by the parameter name); over 300 characters it is cut "
                + "and ends with `…[sha256:` and the first 16 hex digits of the whole value's SHA-256 `]`",
                maxLength = 300, examples = "POST /operations/{id}/validate") String action,
        @Schema(nullable = true, maxLength = 32, examples = "operation") String resourceType,
        @Schema(nullable = true, maxLength = 255, examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String resourceId,
        @Schema(description = "HTTP status and ACCEPTED (2xx, 3xx) or REFUSED; `ABANDONED` when the client closed the connection before any answer", maxLength = 32, examples = "403 REFUSED") String outcome,
        @Schema(maxLength = 64, examples = "5f0c1a7e-3b2d-4c8e-9f10-2a3b4c5d6e7f") String requestId) {

    /** The same record at a place in the chain. */
    public AuditRecord inChain(long place) {
        return new AuditRecord(seq, place, at, actor, roles, action, resourceType, resourceId, outcome, requestId);
    }
}
