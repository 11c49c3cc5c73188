package fr.backoffice.statement.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The other party of an entry, as far as the bank knows it. */
@Schema(name = "StatementCounterparty", nullable = true, description = "The other party of the entry: the creditor of a transfer the "
        + "account sent, the debtor of one it received, the drawer of a deposited cheque")
public record Counterparty(
        @Schema(maxLength = 140, examples = "Dupont SARL") String name,
        @Schema(nullable = true, pattern = Limits.IBAN, maxLength = Limits.IBAN_LENGTH, examples = "DE89370400440532013000",
                description = "Absent when unknown (a cheque's drawer)") String iban) {
}
