package fr.backoffice.account.rest;

import fr.backoffice.account.Account;
import fr.backoffice.account.AccountStatus;
import fr.backoffice.account.AccountType;
import fr.backoffice.common.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

public final class AccountDtos {

    private AccountDtos() {
    }

    @Schema(name = "Holder")
    public record Holder(
            @NotBlank @Size(max = 140) @Schema(required = true, maxLength = 140, examples = "Camille Martin") String name,
            @NotBlank @Size(max = 64) @Schema(required = true, maxLength = 64, examples = "C-000123",
                    description = "The customer's id in the bank's customer system") String customerId) {
    }

    @Schema(name = "NewAccount")
    public record NewAccount(
            @NotNull @Valid @Schema(required = true) Holder holder,
            @NotNull @Schema(required = true) AccountType type,
            @NotNull @Schema(required = true, pattern = "^[A-Z]{3}$", examples = "EUR", description = "ISO 4217 code") String currency,
            @NotNull @Schema(required = true, pattern = "^[A-Z]{3}-[0-9]{2}$", examples = "PAR-01") String unit,
            @Schema(pattern = "^[0-9]+(\\.[0-9]+)?$", examples = "500.00",
                    description = "Decimal string in the account currency, default 0; must be 0 for SAVINGS, absent for INTERNAL")
            String overdraftLimit,
            @Size(max = 42) @Schema(maxLength = 42, examples = "FR7630006000011234567890189",
                    description = "An existing IBAN to register (validated, unique); generated as a French IBAN when absent")
            String iban) {
    }

    @Schema(name = "HolderChange")
    public record HolderChange(
            @NotBlank @Size(max = 140) @Schema(required = true, maxLength = 140, examples = "Camille Martin-Durand") String name) {
    }

    @Schema(name = "AccountChange", description = "Fields to change; absent fields stay as they are. "
            + "An agent may change the holder's name; a supervisor the name and the overdraft limit.")
    public record AccountChange(
            @Valid HolderChange holder,
            @Schema(pattern = "^[0-9]+(\\.[0-9]+)?$", examples = "800.00") String overdraftLimit) {
    }

    @Schema(name = "StatusChangeReason")
    public record Reason(
            @Size(max = 500) @Schema(maxLength = 500, examples = "Suspected fraud reported by the customer") String reason) {
    }

    @Schema(name = "RequiredReason")
    public record RequiredReason(
            @NotBlank @Size(max = 500) @Schema(required = true, maxLength = 500, examples = "Suspected fraud reported by the customer")
            String reason) {
    }

    // nullable here rather than on the property: OpenAPI 3.0 ignores "nullable" beside a $ref, so validators
    // and client generators would reject the null every account carries until its first status change.
    @Schema(name = "StatusChange", nullable = true, description = "The last freeze, unfreeze or close of the account; null until the first")
    public record StatusChangeView(Instant at, @Schema(examples = "agent-042") String actor,
                                   @Schema(nullable = true, description = "Null when none was given") String reason) {
    }

    @Schema(name = "Account")
    public record AccountView(
            @Schema(examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String id,
            @Schema(examples = "FR7612548000010000000000146") String iban,
            Holder holder,
            AccountType type,
            @Schema(examples = "EUR") String currency,
            @Schema(examples = "PAR-01") String unit,
            AccountStatus status,
            @Schema(examples = "1250.00", description = "Sum of the posted entries") String ledgerBalance,
            @Schema(examples = "0.00", description = "Sum of the active holds") String heldAmount,
            @Schema(examples = "1250.00", description = "ledgerBalance − heldAmount") String availableBalance,
            @Schema(nullable = true, examples = "500.00", description = "How far below zero availableBalance may go; null (unlimited) for INTERNAL")
            String overdraftLimit,
            Instant openedAt,
            // an inline string: a nullable $ref to Instant would not admit null in OpenAPI 3.0
            @Schema(nullable = true, implementation = String.class, format = "date-time", examples = "2026-11-28T09:15:00Z")
            Instant closedAt,
            StatusChangeView lastStatusChange,
            @Schema(examples = "0") long version) {

        public static AccountView of(Account account) {
            return new AccountView(account.id.toString(), account.iban,
                    new Holder(account.holderName, account.customerId), account.type, account.currency, account.unit,
                    account.status, Money.format(account.ledgerBalance, account.currency),
                    Money.format(account.heldAmount, account.currency),
                    Money.format(account.availableBalance(), account.currency),
                    account.overdraftLimit == null ? null : Money.format(account.overdraftLimit, account.currency),
                    account.openedAt, account.closedAt,
                    account.statusChangedAt == null ? null
                            : new StatusChangeView(account.statusChangedAt, account.statusChangedBy, account.statusReason),
                    account.version);
        }
    }
}
