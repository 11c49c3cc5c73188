package fr.backoffice.filing.gateway;

import fr.backoffice.common.config.BackOfficeConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Chooses the administration gateway by configuration ({@code backoffice.administration-gateway}, default
 * {@code outbox}): a real transport replaces the outbox by being a bean with its own {@code @Identifier}.
 * An unknown name stops the start-up with a message rather than failing the first submission.
 */
@ApplicationScoped
public class AdministrationGatewayProducer {

    private final BackOfficeConfig config;

    public AdministrationGatewayProducer(BackOfficeConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    AdministrationGateway gateway(@Any Instance<AdministrationGateway> gateways) {
        Instance<AdministrationGateway> chosen = gateways.select(Identifier.Literal.of(config.administrationGateway()));
        if (!chosen.isResolvable()) {
            throw new IllegalStateException("backoffice.administration-gateway=" + config.administrationGateway()
                    + " names no administration gateway (the built-in one is '" + AdministrationOutbox.NAME + "').");
        }
        return chosen.get();
    }

    /** Resolving the gateway here makes a wrong name fail the start-up. */
    void checkAtStartup(@Observes StartupEvent start, AdministrationGateway gateway) {
    }
}
