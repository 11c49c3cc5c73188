package fr.backoffice.operation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.common.Ids;
import fr.backoffice.common.Persistence;
import fr.backoffice.common.config.BackOfficeConfig;
import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.Problem;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.common.http.Reply;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.common.paging.Cursor;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.common.security.Caller;
import fr.backoffice.common.security.Roles;
import fr.backoffice.common.time.TimeSource;
import fr.backoffice.event.EventType;
import fr.backoffice.ledger.Posting;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.api.BatchOperation;
import fr.backoffice.operation.api.NewOperation;
import fr.backoffice.operation.api.NewOperationBatch.BatchMode;
import fr.backoffice.operation.api.NewOperationBatch;
import fr.backoffice.operation.api.OperationBatchView.Result;
import fr.backoffice.operation.api.OperationBatchView;
import fr.backoffice.operation.service.OperationSubmission.Prepared;
import fr.backoffice.operation.service.SubmissionBatch.Outcome;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /operation-batches} and {@code GET /operation-batches/{id}}
 * (docs/operations-and-ledger.md "Operation batches"). Every operation is read and checked as {@code POST /operations} reads it ({@link OperationSubmission}),
 * while the request is served; then all are booked by {@code operation_submit_batch} (V3__operations_and_ledger.sql),
 * in one call for an ATOMIC batch, in calls of at most {@link #CALL_SIZE} for an INDEPENDENT one. A small batch is
 * answered when booked; a large one is answered 202 once checked, booked in the background, and announced by an
 * {@code operation-batch.completed} event for its client.
 *
 * <p>The batch's Idempotency-Key is claimed by inserting its row: a retry of a batch that is done replays its answer,
 * one still running is answered 202, and one whose run stopped (a failure, an instance gone) for {@link #STALE} is
 * run again. Running a batch again books nothing twice: each operation's own key makes it a replay.
 */
@ApplicationScoped
public class OperationBatches {

    private static final Logger LOG = Logger.getLogger(OperationBatches.class);
    private static final String BATCHES = "/operation-batches";
    private static final String REQUEST_LINE = "POST " + BATCHES;
    private static final String OPERATION_LINE = "POST /operations";
    /** The most operations one call of operation_submit_batch books for an INDEPENDENT batch. */
    static final int CALL_SIZE = 1000;
    /** A batch RUNNING since longer than this with no instance at work on it is run again by a retry. */
    static final Duration STALE = Duration.ofSeconds(60);
    private static final TypeReference<List<Result>> RESULTS = new TypeReference<>() {
    };

    private static final String CLAIM = """
            insert into operation_batch (id, client_id, idempotency_key, request_fingerprint, mode, status,
                                         operation_count, created_at, started_at)
            values ($1, $2, $3, $4, $5, 'RUNNING', $6, $7, $7)
            on conflict (client_id, idempotency_key) do nothing returning id""";
    private static final String BY_KEY = "select * from operation_batch where client_id = $1 and idempotency_key = $2";
    private static final String BY_ID = "select * from operation_batch where id = $1";
    /** Takes over a stale run: only one retry wins it. */
    private static final String RESTART = """
            update operation_batch set started_at = $3 where id = $1 and status = 'RUNNING' and started_at = $2
            returning id""";
    private static final String ABANDON = "update operation_batch set started_at = '-infinity' where id = $1 and status = 'RUNNING'";
    /** The results, written once, and the batch's event, for its client only (visible_to), in one statement. */
    private static final String FINISH = """
            with done as (
                update operation_batch set status = $2, results = $3, booked_count = $4, refused_count = $5,
                                           completed_at = $6
                where id = $1 and status = 'RUNNING' returning id)
            insert into event (id, type, occurred_at, resource_type, resource_id, data, visible_to)
            select $7, $8, $6, 'operation-batch', $1::text, $9, $10 from done""";

    private final Pool pool;

    private final OperationSubmission submission;

    private final OperationIntake intake;

    private final Idempotency idempotency;

    private final Caller caller;

    private final TimeSource time;

    private final BackOfficeConfig config;

    private final SubmissionRules rules;

    private final ObjectMapper json;

    public OperationBatches(Pool pool, OperationSubmission submission, OperationIntake intake, Idempotency idempotency,
            Caller caller, TimeSource time, BackOfficeConfig config, SubmissionRules rules, ObjectMapper json) {
        this.pool = pool;
        this.submission = submission;
        this.intake = intake;
        this.idempotency = idempotency;
        this.caller = caller;
        this.time = time;
        this.config = config;
        this.rules = rules;
        this.json = json;
    }

    /** One operation of the batch as it is being booked. */
    private static final class Item {
        final BatchOperation request;
        final String fingerprint;
        Operation op;
        List<Posting> postings;
        Prepared prepared;
        Result result;

        Item(BatchOperation request, String fingerprint) {
            this.request = request;
            this.fingerprint = fingerprint;
        }
    }

    public Uni<Reply> submit(String key, NewOperationBatch request) {
        checkOperations(request);
        String client = caller.id();
        String fingerprint = idempotency.fingerprint(REQUEST_LINE, request);
        UUID id = Ids.newId();
        Instant now = time.now();
        Tuple claim = Tuple.of(id, client, key, fingerprint).addValue(request.mode().name())
                .addValue(request.operations().size()).addValue(now.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(CLAIM).execute(claim).flatMap(claimed -> {
            if (claimed.size() == 1) {
                return run(id, now, request, false);
            }
            return pool.preparedQuery(BY_KEY).execute(Tuple.of(client, key))
                    .flatMap(rows -> existing(rows.iterator().next(), fingerprint, request));
        });
    }

    public Uni<OperationBatchView> get(UUID id, PageRequest page) {
        int limit = page.limit();
        int after = (int) Math.min(page.afterSeq(), Integer.MAX_VALUE);
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound("Operation batch " + id);
            }
            Row row = rows.iterator().next();
            if (!row.getString("client_id").equals(caller.id()) && !caller.is(Roles.ADMIN) && !caller.is(Roles.AUDITOR)) {
                throw ApiException.notFound("Operation batch " + id);
            }
            return page(view(row), after, limit);
        });
    }

    /** The batch with a page of its results, after the first {@code after}. */
    private static OperationBatchView page(OperationBatchView batch, int after, int limit) {
        if (batch.results() == null) {
            return batch;
        }
        List<Result> results = batch.results();
        int to = Math.min(results.size(), after + limit);
        List<Result> shown = after >= results.size() ? List.of() : results.subList(after, to);
        return batch.withResults(shown, to < results.size() ? Cursor.encode(Integer.toString(to)) : null);
    }

    private void checkOperations(NewOperationBatch request) {
        int max = config.submissions().batchMaxOperations();
        if (request.operations().isEmpty() || request.operations().size() > max) {
            throw ApiException.invalidField("operations", "must hold 1 to " + max + " operations");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < request.operations().size(); i++) {
            String key = request.operations().get(i).key();
            try {
                Idempotency.checkKey(key, true);
            } catch (ApiException invalid) {
                throw ApiException.invalidField("operations[" + i + "].key", "must be 1 to 255 printable ASCII characters");
            }
            if (!keys.add(key)) {
                throw ApiException.invalidField("operations[" + i + "].key", "is the key of an earlier operation of the batch");
            }
        }
    }

    /** The batch already claimed under this key: its answer, or a run taken over when it stopped. */
    private Uni<Reply> existing(Row row, String fingerprint, NewOperationBatch request) {
        if (!row.getString("request_fingerprint").equals(fingerprint)) {
            throw new ApiException(ProblemCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request.");
        }
        OperationBatchView batch = view(row);
        if (!"RUNNING".equals(batch.status())) {
            return Uni.createFrom().item(new Reply(200, page(batch, 0, PageRequest.MAX_LIMIT), location(batch.id()), null, true));
        }
        OffsetDateTime started = row.getOffsetDateTime("started_at");
        Instant now = time.now();
        if (started.toInstant().isAfter(now.minus(STALE))) {
            return Uni.createFrom().item(new Reply(202, batch, location(batch.id()), null, true));
        }
        UUID id = UUID.fromString(batch.id());
        return pool.preparedQuery(RESTART).execute(Tuple.of(id, started, now.atOffset(ZoneOffset.UTC)))
                .flatMap(restarted -> restarted.size() == 1 ? run(id, batch.createdAt(), request, true)
                        : Uni.createFrom().item(new Reply(202, batch, location(batch.id()), null, true)));
    }

    /** Checks every operation now, while the caller is known; books now, or in the background for a large batch. */
    private Uni<Reply> run(UUID id, Instant createdAt, NewOperationBatch request, boolean resumed) {
        String client = caller.id();
        boolean atOnce = request.operations().size() <= config.submissions().batchAnswerAtOnce();
        List<Item> items = request.operations().stream()
                .map(operation -> new Item(operation, idempotency.fingerprint(OPERATION_LINE, operation.operation())))
                .toList();
        OperationBatchView running = new OperationBatchView(id.toString(), request.mode(), "RUNNING", items.size(),
                null, null, createdAt, null, null, null);
        Uni<List<Item>> checked = Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> checked(item, client))
                .collect().asList();
        if (atOnce) {
            return checked.flatMap(all -> book(items, request.mode(), resumed))
                    .flatMap(results -> finish(running, results, client))
                    .onFailure().call(failure -> abandon(id))
                    .map(batch -> new Reply(200, batch, location(batch.id()), null, false));
        }
        return checked.invoke(all -> book(items, request.mode(), resumed)
                        .flatMap(results -> finish(running, results, client))
                        .subscribe().with(batch -> { }, failure -> {
                            LOG.warnf(failure, "Operation batch %s stopped; a retry of the batch runs it again", id);
                            abandon(id).subscribe().with(ignored -> { });
                        }))
                .map(all -> new Reply(202, running, location(id.toString()), null, false));
    }

    /** What {@code POST /operations} checks before booking; a refusal becomes the item's result. */
    private Uni<Item> checked(Item item, String client) {
        NewOperation operation = item.request.operation();
        try {
            item.op = intake.received(operation);
        } catch (ApiException refused) {
            item.result = refused(item, refused);
            return Uni.createFrom().item(item);
        }
        return submission.planned(item.op)
                .map(postings -> {
                    item.postings = postings;
                    item.prepared = submission.prepare(item.op, postings, item.request.key(), item.fingerprint, null, client);
                    return item;
                })
                .onFailure(ApiException.class).recoverWithItem(refused -> {
                    item.result = refused(item, (ApiException) refused);
                    return item;
                });
    }

    /** Books the checked items; the results in the order sent. */
    private Uni<List<Result>> book(List<Item> items, BatchMode mode, boolean resumed) {
        if (mode == BatchMode.ATOMIC) {
            if (items.stream().anyMatch(item -> item.result != null)) {
                return Uni.createFrom().item(results(items, true));
            }
            return call(items, true, resumed).replaceWith(() -> results(items, true));
        }
        List<Item> pending = items.stream().filter(item -> item.result == null).toList();
        List<List<Item>> calls = new ArrayList<>();
        for (int from = 0; from < pending.size(); from += CALL_SIZE) {
            calls.add(pending.subList(from, Math.min(pending.size(), from + CALL_SIZE)));
        }
        return Multi.createFrom().iterable(calls).onItem().transformToUniAndConcatenate(part -> call(part, false, resumed))
                .collect().asList().map(done -> results(items, false));
    }

    /**
     * One call for these items ({@code resumed}: the batch's run was taken over from one that stopped, so replays are
     * of its own operations). Those over the day's total of transfers to other banks are rebuilt as waiting for
     * four eyes and booked by a second call (for an ATOMIC batch, the whole batch again: the first wrote nothing).
     */
    private Uni<Void> call(List<Item> items, boolean atomic, boolean resumed) {
        List<SubmissionBatch.Submission> submissions = items.stream().map(item -> item.prepared.submission()).toList();
        return Persistence.retryOnConflict(() -> SubmissionBatch.book(pool, submissions, rules, atomic))
                .flatMap(outcomes -> {
                    List<Item> again = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        Item item = items.get(i);
                        Outcome outcome = outcomes.get(i);
                        if ("NEEDS_APPROVAL".equals(outcome.outcome())) {
                            submission.toReview(item.op, outcome);
                            item.prepared = submission.prepare(item.op, List.of(), item.request.key(), item.fingerprint,
                                    null, item.op.submittedBy);
                            again.add(item);
                        } else if (atomic && !resumed && "REPLAY".equals(outcome.outcome())) {
                            // nothing was booked: this operation exists already, so the batch cannot book all of it
                            // (a run taken over from a stopped one finds its own operations booked: replays, answered)
                            item.result = refused(item, new ApiException(ProblemCode.OPERATION_KEY_ALREADY_USED,
                                    "This operation's key was already used: an ATOMIC batch books all of its operations "
                                            + "itself, or none."));
                        } else if (!atomic || !"NOT_BOOKED".equals(outcome.outcome())) {
                            item.result = result(item, outcome);
                        }
                    }
                    if (again.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return call(atomic ? items : again, atomic, resumed);
                });
    }

    private Result result(Item item, Outcome outcome) {
        return switch (outcome.outcome()) {
            case "DONE" -> {
                submission.counted(item.op, item.postings.size());
                yield new Result(item.request.key(), "CREATED", json.valueToTree(item.prepared.view()), null);
            }
            case "REFUSED" -> refused(item, OperationSubmission.refusal(outcome, item.op));
            case "IN_FLIGHT" -> refused(item, Idempotency.inFlight());
            case "NOT_BOOKED" -> new Result(item.request.key(), "NOT_BOOKED", null, null);
            default -> {
                try {
                    Reply replay = idempotency.answer(outcome.stored(), item.fingerprint);
                    yield new Result(item.request.key(), "REPLAYED", json.valueToTree(replay.body()), null);
                } catch (ApiException reused) {
                    yield refused(item, reused);
                }
            }
        };
    }

    /** The results in order; in an ATOMIC batch, every operation not refused itself was NOT_BOOKED when one was. */
    private static List<Result> results(List<Item> items, boolean atomic) {
        boolean refused = atomic && items.stream().anyMatch(item -> item.result != null && "REFUSED".equals(item.result.status()));
        return items.stream().map(item -> {
            if (refused && (item.result == null || !"REFUSED".equals(item.result.status()))) {
                return new Result(item.request.key(), "NOT_BOOKED", null, null);
            }
            return item.result;
        }).toList();
    }

    private static Result refused(Item item, ApiException problem) {
        return new Result(item.request.key(), "REFUSED", null,
                Problem.of(problem.code(), problem.getMessage(), BATCHES, problem.errors()));
    }

    /** Writes the results and the batch's event; the batch done, with all its results. */
    private Uni<OperationBatchView> finish(OperationBatchView running, List<Result> results, String client) {
        int booked = (int) results.stream().filter(r -> "CREATED".equals(r.status()) || "REPLAYED".equals(r.status())).count();
        String status = running.mode() == BatchMode.ATOMIC && booked < results.size() ? "REFUSED" : "DONE";
        Instant now = time.now();
        OperationBatchView done = new OperationBatchView(running.id(), running.mode(), status, results.size(), booked,
                results.size() - booked, running.createdAt(), now, null, null);
        Tuple args = Tuple.of(UUID.fromString(running.id()), status, write(results), booked)
                .addValue(results.size() - booked).addValue(now.atOffset(ZoneOffset.UTC)).addValue(Ids.newId())
                .addValue(EventType.OPERATION_BATCH_COMPLETED.type()).addValue(write(done)).addValue(client);
        return Persistence.retryOnConflict(() -> pool.preparedQuery(FINISH).execute(args))
                .replaceWith(() -> done.withResults(results, null));
    }

    private Uni<Void> abandon(UUID id) {
        return pool.preparedQuery(ABANDON).execute(Tuple.of(id)).replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private OperationBatchView view(Row row) {
        String results = row.getString("results");
        OffsetDateTime completed = row.getOffsetDateTime("completed_at");
        try {
            return new OperationBatchView(row.getUUID("id").toString(), BatchMode.valueOf(row.getString("mode")),
                    row.getString("status"), row.getInteger("operation_count"), row.getInteger("booked_count"),
                    row.getInteger("refused_count"), row.getOffsetDateTime("created_at").toInstant(),
                    completed == null ? null : completed.toInstant(),
                    results == null ? null : json.readValue(results, RESULTS), null);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("Stored batch results are not JSON", corrupt);
        }
    }

    private String write(Object value) {
        return idempotency.write(value);
    }

    private static String location(String id) {
        return BATCHES + "/" + id;
    }
}
