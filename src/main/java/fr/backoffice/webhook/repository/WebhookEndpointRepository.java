package fr.backoffice.webhook.repository;

import fr.backoffice.common.EntityRepository;
import fr.backoffice.webhook.WebhookEndpoint;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class WebhookEndpointRepository implements EntityRepository<WebhookEndpoint> {

    /** Endpoints by id after {@code after} (all when null), of one owner (every owner when null), {@code limit} rows. */
    public Uni<List<WebhookEndpoint>> page(String owner, UUID after, int limit) {
        UUID from = after == null ? new UUID(0, 0) : after;
        return owner == null
                ? find("id > ?1 order by id", from).range(0, limit - 1).list()
                : find("owner = ?1 and id > ?2 order by id", owner, from).range(0, limit - 1).list();
    }
}
