package fr.backoffice.clearing.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** What an incoming pacs.008 did: credits posted, credits to return, transactions already taken in. */
@Schema(name = "IncomingPaymentsReport")
public record IncomingReport(
        @Schema(maxLength = 35, examples = "STET-20261201-7781") String messageId,
        @Schema(minimum = "0", maximum = "1000000", description = "Credits posted, each as an executed INCOMING_TRANSFER")
        int accepted,
        @Schema(maxItems = 1000000, description = "Credits not posted, to send back to the debtor's bank (pacs.004) with this reason")
        List<ToReturn> returned,
        @Schema(minimum = "0", maximum = "1000000", description = "Transactions of this message (MsgId, TxId) "
                + "already taken in by an earlier import: nothing posted again")
        int duplicates,
        @Schema(maxItems = 1000000, description = "The INCOMING_TRANSFER operations posted") List<UUID> operationIds) {

    @Schema(name = "IncomingPaymentToReturn")
    public record ToReturn(
            @Schema(maxLength = 35, examples = "STET7781-2", description = "The transaction's TxId, which identifies it "
                    + "in the scheme (the return names it as OrgnlTxId)") String transactionId,
            @Schema(maxLength = 35, examples = "NOTPROVIDED", description = "The payer's reference, as sent: it may "
                    + "repeat (NOTPROVIDED)") String endToEndId,
            @Schema(maxLength = 4, enumeration = {"AC01", "AC04", "AG01", "AM03"}, implementation = String.class,
                    description = "AC01: no account of ours has this IBAN; AC04: the account is closed; AG01: the account is "
                            + "frozen (transaction forbidden) or internal; AM03: the account is not in EUR")
            String reason) {
    }
}
