package fr.backoffice.reconciliation.api;

import fr.backoffice.common.openapi.Limits;
import fr.backoffice.reconciliation.LineState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One statement line and its state. */
@Schema(name = "ReconciliationStatementLine", description = "A booked `Ntry` of the statement, or one `TxDtls` of a batched one")
public record StatementLineView(
        @Schema(format = "uuid", maxLength = 36) String id,
        @Schema(maxLength = 200, examples = "/Document/BkToCstmrStmt/Stmt/Ntry[2]/NtryDtls/TxDtls[3]",
                description = "Where it is in the document") String path,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1250.00", description = "Unsigned; `creditDebit` tells the direction") String amount,
        @Schema(enumeration = {"CRDT", "DBIT"}, description = "As the bank sees our account: CRDT money in (a debit entry of ours), DBIT money out (a credit entry of ours)") String creditDebit,
        @Schema(nullable = true, implementation = String.class, format = "date", maxLength = 10) LocalDate bookingDate,
        LocalDate valueDate,
        References references,
        Counterparty counterparty,
        LineState state,
        @Schema(nullable = true, enumeration = {"END_TO_END_ID", "TRANSACTION_ID", "MESSAGE_ID", "PAYMENT_FILE",
                "AMOUNT_DATE_COUNTERPARTY", "MANUAL", "WRITE_OFF"}, description = "The rule that matched it (MATCHED), or whose reference "
                + "found entries of another amount (PARTIAL)") String rule,
        @Schema(format = "uuid", nullable = true, maxLength = 36, description = "The match it is part of") String matchId,
        @Schema(maxItems = 20000, description = "The ledger entries it is matched to (MATCHED; with the other lines of a many-to-one match)") List<UUID> entryIds,
        @Schema(maxItems = 20000, description = "PARTIAL: the entries its reference names, whose amount is not the line's (not matched)") List<UUID> candidateEntryIds) {

    @Schema(name = "ReconciliationReferences")
    public record References(
            @Schema(nullable = true, maxLength = 35, description = "`AcctSvcrRef`: the bank's own reference") String accountServicerRef,
            @Schema(nullable = true, maxLength = 35) String endToEndId,
            @Schema(nullable = true, maxLength = 35) String transactionId,
            @Schema(nullable = true, maxLength = 35, description = "The MsgId of the payment message (a payment file of ours, an incoming message) the line settles") String messageId,
            @Schema(nullable = true, maxLength = 140, description = "`RmtInf/Ustrd`") String remittance) {
    }

    @Schema(name = "ReconciliationCounterparty", nullable = true, description = "Who paid (on a CRDT) or was paid (on a DBIT)")
    public record Counterparty(
            @Schema(nullable = true, maxLength = 140) String name,
            @Schema(nullable = true, maxLength = Limits.IBAN_LENGTH) String iban) {
    }
}
