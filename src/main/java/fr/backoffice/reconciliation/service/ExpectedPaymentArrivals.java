package fr.backoffice.reconciliation.service;

import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.operation.service.CreditArrivals;
import fr.backoffice.reconciliation.repository.ExpectedPaymentRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
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

    private final Pool pool;

    public ExpectedPaymentArrivals(ExpectedPaymentRepository repository, ExpectedPaymentBook book, TimeSource time,
                                   Pool pool) {
        this.repository = repository;
        this.book = book;
        this.time = time;
        this.pool = pool;
    }

    /** An open expected payment on the account: one lookup in expected_payment_account_idx. */
    @Override
    public Uni<Boolean> mayConcern(UUID creditAccountId) {
        return pool.preparedQuery("select exists (select 1 from expected_payment where account_id = $1 and status = 'OPEN')")
                .execute(Tuple.of(creditAccountId)).map(rows -> rows.iterator().next().getBoolean(0));
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
