package fr.backoffice.operation.service;

import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Told of every credit to an account as it is booked: an executed INCOMING_TRANSFER, or an executed internal
 * TRANSFER (docs/reconciliation.md "Expected payments"). A feature above this one implements it (the reconciliation's
 * expected payments), so that the operations never depend on it. Runs in the caller's transaction; a failure rolls it
 * back.
 */
public interface CreditArrivals {

    Uni<Void> arrived(UUID operationId);

    /**
     * Whether a credit to this account may concern it at all, read outside any transaction in one query. A
     * straight-through credit, told after its own commit, is told only when it may: the hot path of internal transfers
     * pays one indexed read, not a transaction (docs/performance.md "Group commit and batches"). What became concerned
     * in the meantime is the implementation's catch-up's.
     */
    Uni<Boolean> mayConcern(UUID creditAccountId);
}
