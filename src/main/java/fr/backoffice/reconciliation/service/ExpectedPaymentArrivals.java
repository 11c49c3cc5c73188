package fr.backoffice.reconciliation.service;

import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.operation.service.CreditArrivals;
import fr.backoffice.reconciliation.repository.ExpectedPaymentRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Matches a credit to the oldest open expected payment it fits as it is booked,
 * docs/reconciliation.md "Expected payments", in the booking's transaction: the expected payment MATCHED with its {@code expected-payment.matched}
 * event commit with the credit, or not at all. Exactly once: the credited account's matching is serialised (an
 * advisory lock), the expected payment is locked and taken only while OPEN, and a credit matches one at most (the
 * database's unique key).
 */
@ApplicationScoped
public class ExpectedPaymentArrivals implements CreditArrivals {

    private final ExpectedPaymentRepository repository;

    private final ExpectedPaymentBook book;

    private final TimeSource time;

    public ExpectedPaymentArrivals(ExpectedPaymentRepository repository, ExpectedPaymentBook book, TimeSource time) {
        this.repository = repository;
        this.book = book;
        this.time = time;
    }

    @Override
    public Uni<Void> arrived(UUID operationId) {
        return repository.lockAccountOf(operationId)
                .flatMap(locked -> repository.expectedFor(operationId))
                .flatMap(id -> id == null ? Uni.createFrom().voidItem()
                        : repository.matched(UUID.fromString(id), operationId, time.now())
                                .flatMap(n -> book.announce(UUID.fromString(id), EventType.EXPECTED_PAYMENT_MATCHED))
                                .replaceWithVoid());
    }
}
