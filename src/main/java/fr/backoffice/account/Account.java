package fr.backoffice.account;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.UUID;

/** An account and the rules that concern it alone. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String iban;

    @Column(name = "holder_name", nullable = false)
    public String holderName;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public AccountType type;

    /** Set on the internal accounts the service creates for its own postings; null otherwise. */
    @Column(updatable = false)
    public String purpose;

    @Column(nullable = false, updatable = false)
    public String currency;

    @Column(name = "unit_code", nullable = false, updatable = false)
    public String unit;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccountStatus status;

    // Balances move only through the ledger's database functions (V3__operations_and_ledger.sql):
    // never written back from here, so an account read before a posting can never undo it.
    @Column(name = "ledger_balance", nullable = false, updatable = false)
    public BigDecimal ledgerBalance;

    @Column(name = "held_amount", nullable = false, updatable = false)
    public BigDecimal heldAmount;

    /** Null means unlimited, which only internal accounts are. */
    @Column(name = "overdraft_limit")
    public BigDecimal overdraftLimit;

    @Column(name = "opened_at", nullable = false, updatable = false)
    public Instant openedAt;

    @Column(name = "opened_by", nullable = false, updatable = false)
    public String openedBy;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "status_changed_at")
    public Instant statusChangedAt;

    @Column(name = "status_changed_by")
    public String statusChangedBy;

    @Column(name = "status_reason")
    public String statusReason;

    /** How many entries were ever posted to the account: the last statement position. */
    @Column(name = "entry_count", nullable = false, updatable = false)
    public long entryCount;

    @Version
    public long version;

    /** An account as a row of the table holds it, read by SQL rather than by Hibernate. */
    public record Stored(UUID id, String iban, String holderName, String customerId, AccountType type, String purpose,
                         String currency, String unit, AccountStatus status, BigDecimal ledgerBalance,
                         BigDecimal heldAmount, BigDecimal overdraftLimit, Instant openedAt, String openedBy,
                         Instant closedAt, Instant statusChangedAt, String statusChangedBy, String statusReason,
                         long entryCount, long version) {
    }

    /** A customer's new account, opened by {@code actor} ({@link #open}); {@code overdraftLimit} already checked. */
    public static Account opened(UUID id, String iban, String holderName, String customerId, AccountType type,
                                 String currency, String unit, BigDecimal overdraftLimit, String actor, Instant at) {
        Account account = new Account();
        account.id = Objects.requireNonNull(id, "id");
        account.iban = Objects.requireNonNull(iban, "iban");
        account.holderName = Objects.requireNonNull(holderName, "holderName");
        account.customerId = Objects.requireNonNull(customerId, "customerId");
        account.type = Objects.requireNonNull(type, "type");
        account.currency = Objects.requireNonNull(currency, "currency");
        account.unit = Objects.requireNonNull(unit, "unit");
        account.overdraftLimit = overdraftLimit;
        account.open(actor, at);
        return account;
    }

    /** The account a row holds, as it stands in the database: nothing checked, nothing moved. */
    public static Account of(Stored row) {
        Account account = new Account();
        account.id = row.id();
        account.iban = row.iban();
        account.holderName = row.holderName();
        account.customerId = row.customerId();
        account.type = row.type();
        account.purpose = row.purpose();
        account.currency = row.currency();
        account.unit = row.unit();
        account.status = row.status();
        account.ledgerBalance = row.ledgerBalance();
        account.heldAmount = row.heldAmount();
        account.overdraftLimit = row.overdraftLimit();
        account.openedAt = row.openedAt();
        account.openedBy = row.openedBy();
        account.closedAt = row.closedAt();
        account.statusChangedAt = row.statusChangedAt();
        account.statusChangedBy = row.statusChangedBy();
        account.statusReason = row.statusReason();
        account.entryCount = row.entryCount();
        account.version = row.version();
        return account;
    }

    /** A new account opens ACTIVE, with nothing posted or held; its balances then move only in the ledger. */
    public void open(String actor, Instant at) {
        if (status != null) {
            throw new IllegalStateException("account " + id + " is already open");
        }
        status = AccountStatus.ACTIVE;
        ledgerBalance = BigDecimal.ZERO;
        heldAmount = BigDecimal.ZERO;
        openedAt = at;
        openedBy = actor;
    }

    public BigDecimal availableBalance() {
        return ledgerBalance.subtract(heldAmount);
    }

    public void freeze(String actor, String reason, Instant at) {
        changeStatus(AccountStatus.FROZEN, "freeze", actor, reason, at);
    }

    public void unfreeze(String actor, String reason, Instant at) {
        changeStatus(AccountStatus.ACTIVE, "unfreeze", actor, reason, at);
    }

    /** Only an empty account closes: nothing posted is left and nothing is held. */
    public void close(String actor, String reason, Instant at) {
        status.require(AccountStatus.CLOSED, "close");
        if (ledgerBalance.signum() != 0 || heldAmount.signum() != 0) {
            throw new ApiException(ProblemCode.ACCOUNT_NOT_EMPTY,
                    "The account can only be closed with a zero balance and nothing held (balance "
                            + ledgerBalance.toPlainString() + ", held " + heldAmount.toPlainString() + ").");
        }
        changeStatus(AccountStatus.CLOSED, "close", actor, reason, at);
        closedAt = at;
    }

    /** Savings accounts cannot be overdrawn and internal ones have no limit; a limit in use cannot shrink below the use. */
    public void changeOverdraftLimit(BigDecimal limit) {
        requireOpen();
        checkOverdraftAllowed(type, limit);
        if (availableBalance().add(limit).signum() < 0) {
            throw new ApiException(ProblemCode.OVERDRAFT_IN_USE,
                    "The account already uses more overdraft than the new limit allows (available balance "
                            + availableBalance().toPlainString() + ").");
        }
        overdraftLimit = limit;
    }

    public void renameHolder(String name) {
        requireOpen();
        holderName = name;
    }

    /**
     * The overdraft limit an account of this type opens with when none is asked for, and the most an opening may
     * grant: the bank's default ({@code bankDefault}) for a current account, at the currency's scale, cut down (a yen
     * account cannot have 0.50 of credit); none for a savings account, which cannot be overdrawn. A negative default
     * grants nothing.
     */
    public static BigDecimal defaultOverdraftLimit(AccountType type, BigDecimal bankDefault, Currency currency) {
        BigDecimal limit = type == AccountType.CURRENT ? bankDefault.max(BigDecimal.ZERO) : BigDecimal.ZERO;
        return limit.setScale(currency.getDefaultFractionDigits(), RoundingMode.DOWN);
    }

    public static void checkOverdraftAllowed(AccountType type, BigDecimal limit) {
        if (type == AccountType.INTERNAL) {
            throw new ApiException(ProblemCode.OVERDRAFT_NOT_ALLOWED, "Internal accounts have no overdraft limit.");
        }
        if (type == AccountType.SAVINGS && limit.signum() != 0) {
            throw new ApiException(ProblemCode.OVERDRAFT_NOT_ALLOWED, "Savings accounts cannot be overdrawn.");
        }
    }

    private void requireOpen() {
        if (status == AccountStatus.CLOSED) {
            throw new ApiException(ProblemCode.ACCOUNT_CLOSED, "The account is closed.");
        }
    }

    /** The only place an open account's status changes: through the machine ({@link AccountStatus}), else 409. */
    private void changeStatus(AccountStatus next, String action, String actor, String reason, Instant at) {
        status.require(next, action);
        status = next;
        statusChangedAt = at;
        statusChangedBy = actor;
        statusReason = reason;
    }
}
