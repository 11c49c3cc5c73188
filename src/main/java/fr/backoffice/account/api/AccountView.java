package fr.backoffice.account.api;

import fr.backoffice.account.Account;
import fr.backoffice.account.AccountStatus;
import fr.backoffice.account.AccountType;
import fr.backoffice.common.money.Money;
import fr.backoffice.common.openapi.Limits;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** An account as the API shows it, in answers and in {@code account.*} events. */
@Schema(name = "Account")
public record AccountView(
        @Schema(format = "uuid", examples = "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70") String id,
        @Schema(pattern = Limits.IBAN, maxLength = Limits.IBAN_LENGTH, examples = "FR7612548000010000000000146") String iban,
        Holder holder,
        AccountType type,
        @Schema(pattern = Limits.CURRENCY, maxLength = 3, examples = "EUR") String currency,
        @Schema(pattern = Limits.UNIT_CODE, maxLength = 6, examples = "PAR-01") String unit,
        AccountStatus status,
        @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1250.00", description = "Sum of the posted entries") String ledgerBalance,
        @Schema(pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "0.00", description = "Sum of the active holds: operations not executed yet, deposited cheques not cleared, what open authorizations still reserve") String heldAmount,
        @Schema(pattern = Limits.SIGNED_AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "1250.00", description = "ledgerBalance − heldAmount") String availableBalance,
        @Schema(nullable = true, pattern = Limits.AMOUNT, maxLength = Limits.AMOUNT_LENGTH, examples = "500.00", description = "How far below zero availableBalance may go; null (unlimited) for INTERNAL")
        String overdraftLimit,
        Instant openedAt,
        // an inline string: a nullable $ref to Instant would not admit null in OpenAPI 3.0
        @Schema(nullable = true, implementation = String.class, format = "date-time", examples = "2026-11-28T09:15:00Z")
        Instant closedAt,
        StatusChangeView lastStatusChange,
        @Schema(minimum = "0", examples = "0") long version) {

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
