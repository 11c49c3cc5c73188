package fr.backoffice.audit.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class AuditDtos {

    private AuditDtos() {
    }

    @Schema(name = "AuditVerification", description = "The result of walking the sealed chain by `chainSeq`")
    public record Verification(
            @Schema(description = "True when every sealed record follows from its predecessor: `chainSeq` 1, 2, 3... "
                    + "without gaps, each `prevHash` equal to the previous record's hash, each hash recomputed equal. "
                    + "Says nothing of the unsealed records") boolean verified,
            @Schema(description = "How many sealed records were checked (the same number as `sealed`)", examples = "1204")
            long records,
            @Schema(description = "How many records are sealed (have a `chainSeq`)", examples = "1204") long sealed,
            @Schema(description = "How many records are stored but not sealed yet: the chainer's backlog, normally "
                    + "the last second's records; a transaction left open on the database holds it back",
                    examples = "3") long unsealed,
            @Schema(nullable = true, description = "The `chainSeq` of the first sealed record that does not follow: "
                    + "altered, inserted, or the first after a removed one; null when the chain is intact",
                    examples = "17") Long firstBrokenSeq) {
    }
}
