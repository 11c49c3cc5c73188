package fr.backoffice.common;

import fr.backoffice.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;

import java.util.UUID;
import java.util.function.Function;

/** A repository of entities with UUID ids, and the one way to find one or answer 404. */
public interface EntityRepository<E> extends PanacheRepositoryBase<E, UUID> {

    /**
     * The entity with this id (as the path gave it), or a 404 {@code NOT_FOUND} problem naming {@code what} when the
     * id is malformed or unknown.
     */
    default Uni<E> require(String id, String what) {
        return require(id, what, this::findById);
    }

    /** As {@link #require(String, String)}, with the entity's row locked ({@code FOR UPDATE}) until the transaction ends. */
    default Uni<E> requireLocked(String id, String what) {
        return require(id, what, uuid -> findById(uuid, LockModeType.PESSIMISTIC_WRITE));
    }

    private Uni<E> require(String id, String what, Function<UUID, Uni<E>> find) {
        UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound(what + " " + id));
        return find.apply(uuid).onItem().ifNull().failWith(() -> ApiException.notFound(what + " " + id));
    }
}
