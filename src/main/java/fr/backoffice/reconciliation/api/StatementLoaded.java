package fr.backoffice.reconciliation.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What loading a statement did: its lines, how many matched, how many went to the exceptions queue. */
@Schema(name = "ReconciliationStatementLoaded")
public record StatementLoaded(
        @Schema(format = "uuid", maxLength = 36) String id,
        @Schema(format = "uuid", maxLength = 36, description = "The internal account the statement is about (`Acct/Id/IBAN`)") String accountId,
        @Schema(maxLength = 35, examples = "STMT-20261207-0001", description = "`GrpHdr/MsgId`") String messageId,
        @Schema(enumeration = {"camt.053.001.08", "camt.054.001.08"}) String messageType,
        @Schema(minimum = "0", maximum = "20000", description = "Statement lines: each booked `Ntry`, or each `TxDtls` of a batched one") int lines,
        @Schema(minimum = "0", maximum = "20000", description = "Lines MATCHED") int matched,
        @Schema(minimum = "0", maximum = "20000", description = "Lines UNMATCHED or PARTIAL, each now in the exceptions queue") int unmatched,
        @Schema(minimum = "0", maximum = "1000000", description = "Entries of ours booked up to the end of a camt.053's period "
                + "that no line matched (booked by us, not seen by the bank), each now in the exceptions queue") int unreportedEntries,
        @Schema(maxLength = Limits.ACTOR_LENGTH) String loadedBy,
        @Schema(description = "true (status 200) when this very document had already been loaded: nothing was loaded "
                + "again, and the counts are the first load's") boolean replayed) {
}
