package fr.backoffice.account.api;

import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One limit of an account as {@code GET /accounts/{id}/limits} shows it (docs/operations-and-ledger.md
 * "Limits and decisions"): what it bounds, its value, what the current window used and what remains.
 */
@Schema(name = "AccountLimit", description = "A limit on the account's debits (or its customer's), in the current window")
public record AccountLimitView(
        @Schema(required = true, pattern = "^[A-Z][A-Z0-9_]{1,63}$", maxLength = 64, examples = "EXTERNAL_TRANSFERS_PER_DAY") String id,
        @Schema(required = true, enumeration = {"ACCOUNT", "CUSTOMER"}, examples = "ACCOUNT",
                description = "ACCOUNT counts this account's debits; CUSTOMER those of every account of its customerId") String scope,
        @Schema(required = true, enumeration = {"AMOUNT", "COUNT"}, examples = "AMOUNT",
                description = "AMOUNT bounds the amount (of one operation, or the window's total); COUNT the number of debits in the window") String kind,
        @Schema(required = true, enumeration = {"OPERATION", "DAY", "MONTH"}, examples = "DAY",
                description = "OPERATION: each operation alone; DAY, MONTH: the calendar day or month in the bank's time zone (Europe/Paris)") String window,
        @Schema(required = true, maxItems = 3, examples = "[\"EXTERNAL_TRANSFER\"]",
                description = "The debits it counts: EXTERNAL_TRANSFER (to another bank), INTERNAL_TRANSFER, CASH_WITHDRAWAL")
        List<DebitKind> operationTypes,
        @Schema(nullable = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "10000.00",
                description = "The value in force (an override, else the default); null: unlimited") String limit,
        @Schema(required = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "2500.00",
                description = "What the current window counted so far (0 for an OPERATION limit)") String used,
        @Schema(nullable = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "7500.00",
                description = "limit − used, never below 0; null when unlimited") String remaining,
        @Schema(required = true, enumeration = {"DENY", "REVIEW"}, examples = "REVIEW",
                description = "DENY: an operation over it is refused (422 LIMIT_EXCEEDED); REVIEW: it waits for four eyes in its unit's queue") String onExceed,
        @Schema(nullable = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "10000.00",
                description = "The default for the account's type; null: unlimited") String defaultLimit,
        @Schema(required = true, description = "Whether a supervisor's override is in force") boolean overridden,
        @Schema(nullable = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "20000.00",
                description = "A raise a supervisor asked for, waiting for another supervisor to confirm it") String pendingLimit,
        @Schema(nullable = true, maxLength = 255, examples = "supervisor-paris-1",
                description = "Who asked for the pending raise") String pendingBy) {

    /** The debits a limit counts. */
    public enum DebitKind { EXTERNAL_TRANSFER, INTERNAL_TRANSFER, CASH_WITHDRAWAL }

    /** The body of {@code GET /accounts/{id}/limits}. */
    @Schema(name = "AccountLimits")
    public record Page(@Schema(required = true, maxItems = 100) List<AccountLimitView> items) {
    }
}
