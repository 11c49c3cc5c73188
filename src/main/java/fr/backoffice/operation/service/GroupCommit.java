package fr.backoffice.operation.service;

import fr.backoffice.common.Persistence;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.operation.service.SubmissionBatch.Outcome;
import fr.backoffice.operation.service.SubmissionBatch.Submission;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Group commit of concurrent submissions (docs/performance.md "Group commit and batches"): the submissions that
 * arrive while calls are in flight are booked together by the next call of {@code operation_submit_batch}, in one
 * statement and one commit, each with its own outcome. No timer: a submission leaves at once while fewer than
 * {@code groups-in-flight} calls are in flight, so a lone request waits for nothing.
 *
 * <p>Two calls in flight never name the same account: a submission whose accounts a call in flight holds waits for
 * the next one, and so does every later submission sharing an account with it, so that each account's submissions
 * are booked in arrival order. A deadlock or serialization failure retries the whole call; any other failure of a
 * call of several books each of its submissions alone, so that only the faulty one fails.
 */
@ApplicationScoped
public class GroupCommit {

    private static final int ATTEMPTS = 3;

    private final Pool pool;
    private final BackOfficeConfig config;
    private final SubmissionRules rules;
    private final DistributionSummary groupSizes;

    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    /** The accounts named by the calls in flight. */
    private final Set<UUID> busy = new HashSet<>();
    private int inFlight;

    private record Waiting(Submission submission, Set<UUID> accounts, Context context, UniEmitter<? super Outcome> answer) {

        void complete(Outcome outcome) {
            on(() -> answer.complete(outcome));
        }

        void fail(Throwable failure) {
            on(() -> answer.fail(failure));
        }

        /** Answers on the request's own context, as if the request had made the call itself. */
        private void on(Runnable action) {
            if (context == null) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }

    public GroupCommit(Pool pool, BackOfficeConfig config, SubmissionRules rules, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.rules = rules;
        this.groupSizes = DistributionSummary.builder("backoffice.submissions.group.size")
                .description("Submissions booked by one call of operation_submit_batch").register(registry);
        Gauge.builder("backoffice.submissions.waiting", this, GroupCommit::waiting)
                .description("Submissions waiting for a call of operation_submit_batch").register(registry);
    }

    private synchronized double waiting() {
        return queue.size();
    }

    /** Books one submission with those that arrive at the same time; its outcome alone. */
    public Uni<Outcome> book(Submission submission) {
        return Uni.createFrom().emitter(answer -> {
            Waiting waiting = new Waiting(submission, submission.accounts(), Vertx.currentContext(), answer);
            synchronized (this) {
                if (queue.size() >= config.submissions().queueCapacity()) {
                    answer.fail(new ApiException(ProblemCode.SUBMISSIONS_QUEUE_FULL,
                            "Too many submissions are waiting to be booked; retry after the delay in Retry-After."));
                    return;
                }
                queue.add(waiting);
            }
            drain();
        });
    }

    private void drain() {
        while (true) {
            List<Waiting> group;
            synchronized (this) {
                if (inFlight >= config.submissions().groupsInFlight() || queue.isEmpty()) {
                    return;
                }
                group = take();
                if (group.isEmpty()) {
                    return;
                }
                inFlight++;
            }
            groupSizes.record(group.size());
            send(group, 1);
        }
    }

    /** The next group, in arrival order, leaving in the queue what shares an account with a call in flight. */
    private List<Waiting> take() {
        List<Waiting> group = new ArrayList<>();
        Set<UUID> blocked = new HashSet<>(busy);
        for (Iterator<Waiting> waiting = queue.iterator(); waiting.hasNext() && group.size() < config.submissions().groupSize(); ) {
            Waiting next = waiting.next();
            if (Collections.disjoint(next.accounts(), blocked)) {
                waiting.remove();
                group.add(next);
                busy.addAll(next.accounts());
            } else {
                blocked.addAll(next.accounts());
            }
        }
        return group;
    }

    private void send(List<Waiting> group, int attempt) {
        // deferred: a call refused before it is sent (a closed pool) must fail here too, or its slot and accounts
        // would stay taken and every later submission on them would wait for ever
        Uni.createFrom().deferred(() -> SubmissionBatch.book(pool, group.stream().map(Waiting::submission).toList(),
                        rules, false))
                .subscribe().with(outcomes -> {
                    release(group);
                    for (int i = 0; i < group.size(); i++) {
                        group.get(i).complete(outcomes.get(i));
                    }
                }, failure -> {
                    if (Persistence.isTransient(failure) && attempt < ATTEMPTS) {
                        send(group, attempt + 1);
                        return;
                    }
                    release(group);
                    if (group.size() == 1 || Persistence.isTransient(failure) || Persistence.isUnavailable(failure)) {
                        group.forEach(waiting -> waiting.fail(failure));
                    } else {
                        group.forEach(this::alone);
                    }
                });
    }

    private void alone(Waiting waiting) {
        Uni.createFrom().deferred(() -> SubmissionBatch.book(pool, List.of(waiting.submission()), rules, false))
                .subscribe().with(outcomes -> waiting.complete(outcomes.get(0)), waiting::fail);
    }

    private void release(List<Waiting> group) {
        synchronized (this) {
            inFlight--;
            group.forEach(waiting -> busy.removeAll(waiting.accounts()));
        }
        drain();
    }
}
