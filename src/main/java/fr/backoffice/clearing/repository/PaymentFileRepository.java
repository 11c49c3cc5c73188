package fr.backoffice.clearing.repository;

import fr.backoffice.clearing.PaymentFile;
import fr.backoffice.common.EntityRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class PaymentFileRepository implements EntityRepository<PaymentFile> {

    /** Newest first, {@code limit} rows at most after {@code beforeId} (ids follow creation order). */
    public Uni<List<PaymentFile>> page(UUID beforeId, int limit) {
        return beforeId == null ? find("order by id desc").range(0, limit - 1).list()
                : find("id < ?1 order by id desc", beforeId).range(0, limit - 1).list();
    }

    /** The next message id's number, from a sequence: unique, never reused. */
    public Uni<Long> nextNumber() {
        return getSession().flatMap(session -> session
                .createNativeQuery("select nextval('payment_file_number_seq')", Long.class).getSingleResult());
    }
}
