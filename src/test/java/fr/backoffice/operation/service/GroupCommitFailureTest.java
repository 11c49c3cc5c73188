package fr.backoffice.operation.service;

import fr.backoffice.ledger.Posting;
import fr.backoffice.operation.service.SubmissionBatch.Submission;
import fr.backoffice.support.TypedConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A call that fails before it reaches the database (docs/performance.md "Group commit and batches"): the pool refuses
 * the statement at once, as a closed pool does. Its submissions are answered with the failure, and the call's slot
 * and its accounts are free again, so the submissions after it are sent, not left waiting for ever.
 */
class GroupCommitFailureTest {

    private static final IllegalStateException CLOSED = new IllegalStateException("Pool closed");

    /** A pool whose every statement is refused when it is prepared, before anything is sent. */
    private static Pool closedPool() {
        io.vertx.sqlclient.Pool refusing = (io.vertx.sqlclient.Pool) Proxy.newProxyInstance(
                GroupCommitFailureTest.class.getClassLoader(), new Class<?>[]{io.vertx.sqlclient.Pool.class},
                (proxy, method, arguments) -> {
                    throw CLOSED;
                });
        return Pool.newInstance(refusing);
    }

    /** A transfer between these two accounts; the call is refused before its other parts are read. */
    private static Submission transfer(UUID debit, UUID credit) {
        return new Submission("front", UUID.randomUUID().toString(), "fingerprint", null, List.of(),
                List.of(new Posting(debit, new BigDecimal("-1.00")), new Posting(credit, new BigDecimal("1.00"))),
                List.of(), null, null, List.of(), null, null, null, null);
    }

    @Test
    void a_call_refused_at_once_answers_its_submission_and_frees_its_slot_and_accounts() {
        GroupCommit groupCommit = new GroupCommit(closedPool(), TypedConfig.with(Map.of()),
                new SubmissionRules(TypedConfig.with(Map.of())), new SimpleMeterRegistry());
        UUID debit = UUID.randomUUID();
        UUID credit = UUID.randomUUID();
        // more refused calls than calls may be in flight (2 by default), all on the same accounts
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> groupCommit.book(transfer(debit, credit)).await().atMost(Duration.ofSeconds(5)))
                    .as("submission " + i).isSameAs(CLOSED);
        }
    }
}
