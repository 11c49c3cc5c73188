package fr.backoffice.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One line of the ledger; append-only (the database refuses updates and deletes). */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {

    @Id
    public UUID id;

    @Column(name = "operation_id", nullable = false, updatable = false)
    public UUID operationId;

    @Column(name = "account_id", nullable = false, updatable = false)
    public UUID accountId;

    @Column(nullable = false, updatable = false)
    public String currency;

    /** Signed: debits negative, credits positive. */
    @Column(nullable = false, updatable = false)
    public BigDecimal amount;

    @Column(name = "balance_after", nullable = false, updatable = false)
    public BigDecimal balanceAfter;

    /** Position in the account's statement, numbered under the account's lock. */
    @Column(name = "account_seq", nullable = false, updatable = false)
    public long accountSeq;

    @Column(name = "posted_at", nullable = false, updatable = false)
    public Instant postedAt;

    @Column(name = "value_date", nullable = false, updatable = false)
    public LocalDate valueDate;

    @Column(updatable = false)
    public String label;
}
