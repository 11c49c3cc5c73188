package fr.backoffice.clearing.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** What a pacs.004 did: transfers given back to their debtors, and returns that matched nothing. */
@Schema(name = "PaymentReturnsReport")
public record ReturnReport(
        @Schema(maxLength = 35, examples = "STET-RTR-20261203-0007") String messageId,
        @Schema(minimum = "0", maximum = "1000000", description = "Transfers now RETURNED, their money credited back") int returned,
        @Schema(maxItems = 1000000, description = "The transfers now RETURNED") List<UUID> operationIds,
        @Schema(maxItems = 1000000, description = "Those of them whose debtor's account was closed: their money went to "
                + "their unit's suspense account, for the bank to pay out to the customer by other means")
        List<UUID> refundedToSuspense,
        @Schema(maxItems = 1000000, description = "Returns not applied, and why: nothing was guessed or posted for them")
        List<Unmatched> unmatched) {

    @Schema(name = "PaymentReturnUnmatched")
    public record Unmatched(
            @Schema(maxLength = 35, examples = "INV-2026-0042") String originalEndToEndId,
            @Schema(maxLength = 20, implementation = String.class, enumeration = {"UNKNOWN", "AMBIGUOUS", "NOT_SETTLED",
                    "ALREADY_RETURNED", "AMOUNT_MISMATCH"},
                    description = "UNKNOWN: no transfer we sent in that message has this EndToEndId (and TxId); AMBIGUOUS: "
                            + "several have it and no TxId tells them apart; NOT_SETTLED: its file is not ACCEPTED (nor PARTIALLY_ACCEPTED); "
                            + "ALREADY_RETURNED: returned before (a replayed message); AMOUNT_MISMATCH: the returned amount is "
                            + "not the amount sent")
            String reason) {
    }
}
