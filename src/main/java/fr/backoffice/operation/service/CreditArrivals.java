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
}
