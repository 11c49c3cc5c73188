package fr.backoffice.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Money reserved on an account: the debit of an operation not executed yet, a deposited cheque until it clears, or
 * what an authorization still reserves (then {@code operation_id} is null: V8__authorizations.sql). An account's
 * {@code heldAmount} is the sum of its active holds.
 */
@Entity
@Table(name = "hold")
public class Hold {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    public UUID accountId;

    @Column(name = "operation_id", updatable = false)
    public UUID operationId;

    @Column(nullable = false, updatable = false)
    public BigDecimal amount;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "released_at")
    public Instant releasedAt;
}
