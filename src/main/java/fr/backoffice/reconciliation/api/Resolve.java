package fr.backoffice.reconciliation.api;

import fr.backoffice.common.openapi.Limits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** How a person resolves an item of the reconciliation queue (docs/reconciliation.md "The exceptions queue"). */
@Schema(name = "ReconciliationResolution")
public record Resolve(
        @NotNull @Schema(required = true, enumeration = {"MANUAL_MATCH", "BANK_ERROR", "WRITE_OFF"}, description = "MANUAL_MATCH: "
                + "matched by hand (give `entryIds` for a STATEMENT_LINE, `lineIds` for a LEDGER_ENTRY); BANK_ERROR: a line "
                + "the bank booked in error and will correct (STATEMENT_LINE only); nothing is posted for either. WRITE_OFF: "
                + "the amount is booked between the reconciled account and its unit's reconciliation suspense account by a "
                + "RECONCILIATION_WRITE_OFF operation (`operationId` in the answer)") String resolution,
        @NotBlank @Size(max = Limits.REASON_LENGTH) @Schema(required = true, maxLength = Limits.REASON_LENGTH) String reason,
        @Size(max = 100) @Schema(maxItems = 100, nullable = true, description = "MANUAL_MATCH of a line: unmatched entries of the "
                + "line's account, on the other side (CRDT: debit entries), adding up to its amount")
        List<UUID> entryIds,
        @Size(max = 100) @Schema(maxItems = 100, nullable = true, description = "MANUAL_MATCH of an entry: unmatched lines of its "
                + "account's statements, adding up to its amount") List<UUID> lineIds) {
}
