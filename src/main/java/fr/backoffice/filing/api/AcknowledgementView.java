package fr.backoffice.filing.api;

import fr.backoffice.filing.AcknowledgementOutcome;
import fr.backoffice.filing.Filing;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "FilingAcknowledgement", description = "The administration's answer, once recorded")
public record AcknowledgementView(
        @Schema(required = true) AcknowledgementOutcome outcome,
        @Schema(required = true, maxLength = 100, examples = "DGFIP-2026-11-000123456") String administrationReference,
        @Schema(nullable = true, maxLength = 1000, examples = "Net VAT due does not match the payment received") String reason,
        @Schema(required = true) Instant receivedAt,
        @Schema(required = true, maxLength = Limits.ACTOR_LENGTH, examples = "admin-gateway", description = "Who recorded it") String recordedBy) {

    /** The acknowledgement recorded on the filing, or null before there is one. */
    public static AcknowledgementView of(Filing filing) {
        return filing.ackOutcome == null ? null
                : new AcknowledgementView(filing.ackOutcome, filing.ackAdministrationReference, filing.ackReason,
                filing.ackReceivedAt, filing.ackRecordedBy);
    }
}
