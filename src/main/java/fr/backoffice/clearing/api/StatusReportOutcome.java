package fr.backoffice.clearing.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** What the clearing system's status report (pacs.002) did to the payment file it answers. */
@Schema(name = "PaymentStatusReportOutcome")
public record StatusReportOutcome(
        @Schema(maxLength = 35, examples = "CSM-20261202-000123", description = "The report's GrpHdr/MsgId") String messageId,
        @Schema(description = "false when the file's outcome had already been recorded (by this report, another, or by "
                + "hand): nothing was posted, and `file` is the file as it stands") boolean applied,
        PaymentFileView file,
        @Schema(maxItems = 10000, description = "The transfers this report settled") List<UUID> accepted,
        @Schema(maxItems = 10000, description = "The transfers this report rejected, now RETURNED, their money given back")
        List<Rejected> rejected,
        @Schema(maxItems = 10000, description = "Those rejected transfers whose debtor's account was closed: their money went "
                + "to their unit's suspense account") List<UUID> refundedToSuspense) {

    @Schema(name = "PaymentStatusReportRejection")
    public record Rejected(
            @Schema(format = "uuid") UUID operationId,
            @Schema(pattern = "^[A-Z0-9]{4}$", maxLength = 4, examples = "AC01", description = "The ISO 20022 status reason "
                    + "the report gives (the transaction's, else the group's; NARR when it gives none), kept as the "
                    + "transfer's `returnReason`") String reason) {
    }
}
