package fr.backoffice.common;

import fr.backoffice.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/** A repository of entities with UUID ids, and the one way to find one or answer 404. */
public interface EntityRepository<E> extends PanacheRepositoryBase<E, UUID> {

    /**
     * The entity with this id (as the path gave it), or a 404 {@code NOT_FOUND} problem naming {@code what} when the
     * id is malformed or unknown.
     */
    default Uni<E> require(String id, String what) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound(what + " " + id));
        return findById(uuid).onItem().ifNull().failWith(() -> ApiException.notFound(what + " " + id));
    }
}
