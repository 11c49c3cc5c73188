package fr.backoffice.ledger.repository;

import fr.backoffice.ledger.Hold;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
@WithSession
public class HoldRepository implements PanacheRepositoryBase<Hold, UUID> {
}
