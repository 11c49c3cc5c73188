package fr.backoffice.filing.gateway;

import io.smallrye.mutiny.Uni;

/**
 * Hands submitted documents to the public administration. Called inside the transaction that submits the
 * filing: an implementation either records the deposit in that transaction (as the outbox does) or must be
 * safe to retry, since a failure rolls the submission back.
 *
 * <p>Implementations carry {@code @Identifier("<name>")}; configuration
 * {@code backoffice.administration-gateway=<name>} chooses one (default {@code outbox}).
 */
public interface AdministrationGateway {

    /** Deposits the document and answers the deposit reference under which the administration will know it. */
    Uni<String> deposit(Deposit deposit);
}
