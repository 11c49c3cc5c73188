package fr.backoffice.clearing.api;

import fr.backoffice.clearing.PaymentFile;
import fr.backoffice.clearing.PaymentFileStatus;
import fr.backoffice.common.iso20022.IsoXmlWriter;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A payment file as the API shows it, in answers and {@code payment-file.*} events. */
@Schema(name = "PaymentFile", description = "A pacs.008.001.08 file of executed external transfers for the clearing system")
public record PaymentFileView(
        @Schema(format = "uuid") String id,
        @Schema(maxLength = 35, examples = "BO-20261201-00000042", description = "GrpHdr/MsgId, unique towards the clearing system")
        String messageId,
        Instant createdAt,
        @Schema(maxLength = Limits.ACTOR_LENGTH) String createdBy,
        @Schema(description = "IntrBkSttlmDt: the TARGET2 business day the clearing system settles the file") LocalDate settlementDate,
        @Schema(minimum = "1", maximum = "10000") int numberOfTransactions,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1250.00",
                description = "TtlIntrBkSttlmAmt: the sum of the transfers' amounts") String controlSum,
        @Schema(pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        PaymentFileStatus status,
        @Schema(pattern = "^[0-9a-f]{64}$", maxLength = 64, description = "SHA-256 (hex) of the document "
                + "(`GET /payment-files/{id}/document`), the same bytes on every read") String sha256,
        @Schema(nullable = true, implementation = String.class, format = "date-time") Instant acknowledgedAt,
        @Schema(nullable = true, maxLength = Limits.ACTOR_LENGTH) String acknowledgedBy,
        @Schema(nullable = true, maxLength = Limits.REASON_LENGTH, description = "Why the file was rejected (REJECTED), "
                + "or how many of its transactions were (PARTIALLY_ACCEPTED)") String rejectionReason,
        @Schema(nullable = true, maxLength = 35, examples = "CSM-20261202-000123", description = "The MsgId of the "
                + "clearing system's status report (pacs.002) that recorded the outcome; null while GENERATED, or when "
                + "acknowledged by hand") String statusReportId,
        @Schema(maxItems = 10000, description = "The external transfers in the file, in file order") List<UUID> operationIds,
        @Schema(maxItems = 10000, description = "Those of them that the clearing gave back (file rejected, transaction "
                + "rejected, or returned by the creditor's bank) when their debtor's account was closed: their money is "
                + "in their unit's suspense account, for the bank to pay out to the customer by other means")
        List<UUID> refundedToSuspense,
        @Schema(minimum = "0") long version) {

    public static PaymentFileView of(PaymentFile file, List<UUID> operationIds, List<UUID> refundedToSuspense) {
        return new PaymentFileView(file.id.toString(), file.messageId, file.createdAt, file.createdBy, file.settlementDate,
                file.numberOfTransactions, IsoXmlWriter.decimal(file.controlSum), file.currency, file.status, file.sha256,
                file.acknowledgedAt, file.acknowledgedBy, file.rejectionReason, file.statusReportId,
                List.copyOf(operationIds), List.copyOf(refundedToSuspense), file.version);
    }
}
