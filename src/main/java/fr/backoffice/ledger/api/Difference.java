package fr.backoffice.ledger.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One thing {@link LedgerReport} found the entries do not support. */
@Schema(name = "LedgerDifference", description = "Something the ledger stores that its entries do not support")
public record Difference(
        @Schema(enumeration = {"ACCOUNT_BALANCE", "ACCOUNT_ENTRY_COUNT", "ACCOUNT_HELD_AMOUNT", "OPERATION_ENTRIES",
                "OPERATION_ACCOUNT_MOVE"}, description = """
                `ACCOUNT_BALANCE`: the stored ledger balance is not the sum of the account's entries; \
                `ACCOUNT_ENTRY_COUNT`: the stored statement position is not the number of entries; \
                `ACCOUNT_HELD_AMOUNT`: the held amount is not the sum of the active holds; \
                `OPERATION_ENTRIES`: the operation's credits do not add up to its amount (none before execution, \
                twice the amount for a bounced cheque); `OPERATION_ACCOUNT_MOVE`: an account the operation names \
                did not move by its amount.""", examples = "ACCOUNT_BALANCE") String kind,
        @Schema(description = "The account id, the operation id, or `operationId/accountId`",
                maxLength = 73, examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String subject,
        @Schema(description = "What the entries say", maxLength = 64, examples = "1250.000") String expected,
        @Schema(description = "What is stored", maxLength = 64, examples = "1350.000") String actual) {
}
