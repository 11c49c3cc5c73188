package fr.backoffice.audit.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class AuditDtos {

    private AuditDtos() {
    }

    @Schema(name = "AuditVerification", description = "The result of walking the sealed chain by `chainSeq`")
    public record Verification(
            @Schema(description = "True when every sealed record follows from its predecessor (`chainSeq` 1, 2, 3... "
                    + "without gaps, each `prevHash` equal to the previous record's hash, each hash recomputed equal) "
                    + "and every checkpoint holds (signed with the service's key, naming a record whose hash it "
                    + "carries). Says nothing of the unsealed records") boolean verified,
            @Schema(description = "How many sealed records were checked (the same number as `sealed`)", examples = "1204")
            long records,
            @Schema(description = "How many records are sealed (have a `chainSeq`)", examples = "1204") long sealed,
            @Schema(description = "How many records are stored but not sealed yet: the chainer's backlog, normally "
                    + "the last second's records; a transaction left open on the database holds it back",
                    examples = "3") long unsealed,
            @Schema(nullable = true, description = "The `chainSeq` of the first sealed record that does not follow: "
                    + "altered, inserted, or the first after a removed one; null when the chain is intact",
                    examples = "17") Long firstBrokenSeq,
            @Schema(description = "How many checkpoints were checked", examples = "96") long checkpoints,
            @Schema(nullable = true, description = "The `chainSeq` of the newest checkpoint that holds: the records up to "
                    + "it cannot have been cut or rewritten without this verification failing; null without checkpoint",
                    examples = "1200") Long anchoredSeq,
            @Schema(description = "How many sealed records come after `anchoredSeq` (all of them without checkpoint): "
                    + "the chain vouches for them, no checkpoint does yet. Normally the last minute's records",
                    examples = "4") long unanchored,
            @Schema(nullable = true, description = "The `chainSeq` of the oldest checkpoint that does not hold: its "
                    + "signature is not the service's (forged), or the record it names is gone or has another hash "
                    + "(the chain was cut or rewritten there); null when all hold", examples = "1200")
            Long firstBadCheckpoint) {
    }
}
