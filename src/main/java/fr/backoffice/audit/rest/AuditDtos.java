package fr.backoffice.audit.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class AuditDtos {

    private AuditDtos() {
    }

    @Schema(name = "AuditVerification")
    public record Verification(
            @Schema(description = "True when every record follows from its predecessor") boolean verified,
            @Schema(description = "How many records were checked", examples = "1204") long records,
            @Schema(nullable = true, description = "The seq of the first record that was altered, inserted or "
                    + "follows a removed one; null when the chain is intact", examples = "17") Long firstBrokenSeq) {
    }
}
