package fr.backoffice.reconciliation.service;

import fr.backoffice.common.error.Outages;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.reconciliation.repository.ExpectedPaymentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The catch-up of the matching of expected payments, and their deadline (docs/reconciliation.md "Expected payments"):
 * credits are matched on arrival ({@link ExpectedPaymentArrivals}); this run matches, for each open expected payment,
 * a credit that arrived without being matched (booked by a path that does not tell its credits, or whose telling a
 * crash cut short), then marks overdue those whose window passed. Each run is one transaction; open expected payments
 * another instance is matching are skipped, and so are the accounts a credit is being matched on.
 */
@ApplicationScoped
public class ExpectedPaymentMatcher {

    private static final Logger LOG = Logger.getLogger(ExpectedPaymentMatcher.class);

    /** The most expected payments one run looks at; the next run takes the rest. */
    static final int MAX_PER_RUN = 500;

    private final ExpectedPaymentRepository repository;

    private final ExpectedPaymentBook book;

    private final TimeSource time;

    public ExpectedPaymentMatcher(ExpectedPaymentRepository repository, ExpectedPaymentBook book, TimeSource time) {
        this.repository = repository;
        this.book = book;
        this.time = time;
    }

    @Scheduled(every = "${backoffice.reconciliation.expected-payments-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return Outages.skippedDuringOutage("the matching of expected payments", run().invoke(changed -> {
            if (changed > 0) {
                LOG.infof("Expected payments: %d matched or overdue", changed);
            }
        }));
    }

    /** One run: matches, then overdue; answers how many expected payments changed. */
    public Uni<Integer> run() {
        return Panache.withTransaction(() -> repository.lockOpen(MAX_PER_RUN)
                .flatMap(open -> matchEach(open, 0, 0))
                .flatMap(matched -> repository.overdue(time.today(), MAX_PER_RUN)
                        .flatMap(overdue -> announceAll(overdue, EventType.EXPECTED_PAYMENT_OVERDUE)
                                .replaceWith(matched + overdue.size()))));
    }

    private Uni<Integer> matchEach(List<String> open, int index, int matched) {
        if (index == open.size()) {
            return Uni.createFrom().item(matched);
        }
        UUID id = UUID.fromString(open.get(index));
        Instant now = time.now();
        return repository.tryLockAccountOf(id).flatMap(locked -> !locked ? matchEach(open, index + 1, matched)
                : repository.creditFor(id).flatMap(operation -> operation == null
                ? matchEach(open, index + 1, matched)
                : repository.matched(id, UUID.fromString(operation), now)
                        .flatMap(n -> book.announce(id, EventType.EXPECTED_PAYMENT_MATCHED))
                        .flatMap(view -> matchEach(open, index + 1, matched + 1))));
    }

    private Uni<Void> announceAll(List<String> ids, EventType type) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (String id : ids) {
            done = done.call(() -> book.announce(UUID.fromString(id), type));
        }
        return done;
    }
}
