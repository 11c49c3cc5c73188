package fr.backoffice.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.support.TypedConfig;
import fr.backoffice.webhook.repository.DeliveryQueue;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delivery that fails before it is sent (docs/webhooks.md "Webhooks"): its attempt's slot comes back, so the
 * dispatcher keeps claiming up to {@code max-in-flight} deliveries a round, however many such failures came before.
 * Plain Java: a queue that hands out deliveries whose signing fails (no secret), and records what it was asked for.
 */
class WebhookDispatcherFailureTest {

    /** The rooms the dispatcher asked the queue for, round after round. */
    private static final class FailingQueue extends DeliveryQueue {

        final List<Integer> asked = new ArrayList<>();

        FailingQueue() {
            super(null);
        }

        @Override
        public Uni<Integer> fanOut(int batch, Instant now) {
            return Uni.createFrom().item(0);
        }

        @Override
        public Uni<List<Claimed>> claim(Instant now, Instant leaseUntil, int limit) {
            asked.add(limit);
            return Uni.createFrom().item(IntStream.range(0, limit).mapToObj(i -> new Claimed(UUID.randomUUID(),
                    UUID.randomUUID(), "unit.created", "{}", 0, "http://127.0.0.1:9/", null, null, null, null)).toList());
        }
    }

    @Test
    void deliveries_that_fail_before_they_are_sent_give_their_slots_back() {
        BackOfficeConfig config = TypedConfig.with(Map.of("backoffice.webhooks.max-in-flight", "3"));
        FailingQueue queue = new FailingQueue();
        WebhookDispatcher dispatcher = new WebhookDispatcher(queue, null, null, config, new TimeSource(config),
                new ObjectMapper(), null);
        for (int round = 0; round < 5; round++) {
            dispatcher.round().onFailure().recoverWithItem(0).await().atMost(Duration.ofSeconds(5));
        }
        assertThat(queue.asked).as("each round's room").containsExactly(3, 3, 3, 3, 3);
    }
}
