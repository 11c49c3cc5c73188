package fr.backoffice.operation.service;

import fr.backoffice.audit.service.AuditTrail;
import fr.backoffice.common.idempotency.Idempotency;
import fr.backoffice.event.EventType;
import fr.backoffice.ledger.Posting;
import fr.backoffice.operation.BusinessCalendar;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationHistoryEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One call of {@code operation_submit_batch} (V3__operations_and_ledger.sql, last redefined by
 * V11__velocity_rules.sql): many submissions booked in one statement, with typed arrays, one element per submission,
 * and the outcome of each in the order given.
 */
final class SubmissionBatch {

    private static final String CALL = "select * from operation_submit_batch("
            + IntStream.rangeClosed(1, 65).mapToObj(i -> "$" + i).reduce((a, b) -> a + ", " + b).orElseThrow()
            + ")";

    /**
     * One submission as built in Java: the operation in its new state, the entries it posts when executed (else a
     * hold on its debit account), the events it emits, its answer and its audit record. Immutable once built: a
     * submission rebuilt (sent to four eyes by the day's total) is a new one.
     */
    record Submission(String client, String key, String fingerprint, Operation op, List<OperationHistoryEntry> history,
                      List<Posting> postings, List<UUID> entryIds, String entryLabel, UUID hold,
                      List<EventType> eventTypes, String body, AuditTrail.Entry audit, BusinessCalendar.Day day,
                      BusinessCalendar.Day month) {

        boolean execute() {
            return !postings.isEmpty();
        }

        String location() {
            return "/operations/" + op.id;
        }

        /** The accounts it locks: those it posts on, or those its hold is checked against. */
        Set<UUID> accounts() {
            Set<UUID> accounts = new HashSet<>();
            if (execute()) {
                postings.forEach(posting -> accounts.add(posting.accountId()));
            } else {
                Stream.of(op.debitAccountId, op.creditAccountId).filter(Objects::nonNull).forEach(accounts::add);
            }
            return accounts;
        }
    }

    /**
     * What became of one submission: DONE, IN_FLIGHT, REPLAY, REFUSED, NEEDS_APPROVAL or NOT_BOOKED; {@code limitId}
     * the limit that refused it (refusal LIMIT_EXCEEDED) or the limit or velocity rule that sends it to four eyes
     * (NEEDS_APPROVAL), see docs/operations-and-ledger.md "Velocity rules"; {@code creditWatched}: an executed internal
     * transfer whose credited account has an open expected payment (docs/reconciliation.md "Expected payments").
     */
    record Outcome(String outcome, String refusal, UUID refusingAccount, Idempotency.Stored stored, String limitId,
                   boolean creditWatched) {
    }

    private SubmissionBatch() {
    }

    /** Books the submissions in one statement; {@code atomic}: all or none. Outcomes in the order given. */
    static Uni<List<Outcome>> book(SqlClient client, List<Submission> submissions, SubmissionRules rules, boolean atomic) {
        return client.preparedQuery(CALL).execute(arguments(submissions, rules, atomic)).map(rows -> {
            List<Outcome> outcomes = new ArrayList<>(submissions.size());
            for (Row row : rows) {
                outcomes.add(new Outcome(row.getString("outcome"), row.getString("refusal"), row.getUUID("account_id"),
                        "REPLAY".equals(row.getString("outcome"))
                                ? new Idempotency.Stored(false, row.getString("request_fingerprint"),
                                row.getInteger("response_status"), row.getString("response_location"),
                                row.getString("response_body"))
                                : null, row.getString("limit_id"), Boolean.TRUE.equals(row.getBoolean("credit_watched"))));
            }
            return outcomes;
        });
    }

    private static Tuple arguments(List<Submission> batch, SubmissionRules rules, boolean atomic) {
        Tuple args = Tuple.tuple()
                .addValue(each(batch, String[]::new, Submission::client))
                .addValue(each(batch, String[]::new, Submission::key))
                .addValue(each(batch, String[]::new, Submission::fingerprint))
                .addValue(each(batch, UUID[]::new, s -> s.op().id))
                .addValue(each(batch, String[]::new, s -> s.op().type.name()))
                .addValue(each(batch, String[]::new, s -> s.op().status.name()))
                .addValue(each(batch, Numeric[]::new, s -> Numeric.create(s.op().amount)))
                .addValue(each(batch, String[]::new, s -> s.op().currency))
                .addValue(each(batch, UUID[]::new, s -> s.op().debitAccountId))
                .addValue(each(batch, UUID[]::new, s -> s.op().creditAccountId))
                .addValue(each(batch, String[]::new, s -> s.op().creditorName))
                .addValue(each(batch, String[]::new, s -> s.op().creditorIban))
                .addValue(each(batch, String[]::new, s -> s.op().creditorBic))
                .addValue(each(batch, String[]::new, s -> s.op().chequeNumber))
                .addValue(each(batch, String[]::new, s -> s.op().chequeDrawerName))
                .addValue(each(batch, String[]::new, s -> s.op().chequeDrawerBank))
                .addValue(each(batch, LocalDate[]::new, s -> s.op().chequeIssueDate))
                .addValue(each(batch, Numeric[]::new, s -> s.op().vatRate == null ? null : Numeric.create(s.op().vatRate)))
                .addValue(each(batch, String[]::new, s -> s.op().reference))
                .addValue(each(batch, String[]::new, s -> s.op().label))
                .addValue(each(batch, String[]::new, s -> s.op().unit))
                .addValue(each(batch, LocalDate[]::new, s -> s.op().requestedExecutionDate))
                .addValue(each(batch, LocalDate[]::new, s -> s.op().valueDate))
                .addValue(each(batch, OffsetDateTime[]::new, s -> utc(s.op().receivedAt)))
                .addValue(each(batch, OffsetDateTime[]::new, s -> utc(s.op().executedAt)))
                .addValue(each(batch, String[]::new, s -> s.op().submittedBy))
                .addValue(each(batch, Boolean[]::new, s -> s.op().requiresApproval))
                .addValue(each(batch, Boolean[]::new, Submission::execute))
                .addValue(each(batch, String[]::new, Submission::entryLabel))
                .addValue(each(batch, UUID[]::new, Submission::hold));
        addEntries(args, batch);
        addHistory(args, batch);
        addEvents(args, batch);
        return args
                .addValue(each(batch, String[]::new, Submission::location))
                .addValue(each(batch, String[]::new, Submission::body))
                .addValue(each(batch, OffsetDateTime[]::new, s -> s.audit() == null ? null : utc(s.audit().at())))
                .addValue(each(batch, String[]::new, s -> s.audit() == null ? null : s.audit().actor()))
                .addValue(each(batch, String[]::new, s -> s.audit() == null ? null : s.audit().roles()))
                .addValue(each(batch, String[]::new, s -> s.audit() == null ? null : s.audit().action()))
                .addValue(each(batch, String[]::new, s -> s.audit() == null ? null : s.audit().resourceType()))
                .addValue(each(batch, String[]::new, s -> s.audit() == null ? null : s.audit().resourceId()))
                .addValue(each(batch, String[]::new, s -> s.audit() == null ? null : s.audit().outcome()))
                .addValue(each(batch, String[]::new, s -> s.audit() == null ? null : s.audit().requestId()))
                .addValue(each(batch, OffsetDateTime[]::new, s -> utc(s.day().start())))
                .addValue(each(batch, OffsetDateTime[]::new, s -> utc(s.day().end())))
                .addValue(numeric(rules.externalLimit()))
                .addValue(atomic)
                .addValue(each(batch, OffsetDateTime[]::new, s -> utc(s.month().start())))
                .addValue(each(batch, OffsetDateTime[]::new, s -> utc(s.month().end())))
                .addValue(numeric(rules.newCreditorAmount()))
                .addValue(rules.burstCount())
                .addValue(rules.burstMinutes())
                .addValue(numeric(rules.unusualFactor()))
                .addValue(rules.unusualDays())
                .addValue(rules.unusualMinDebits());
    }

    private static void addEntries(Tuple args, List<Submission> batch) {
        List<Integer> items = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<UUID> accounts = new ArrayList<>();
        List<Numeric> amounts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Submission submission = batch.get(i);
            for (int p = 0; p < submission.postings().size(); p++) {
                items.add(i + 1);
                ids.add(submission.entryIds().get(p));
                accounts.add(submission.postings().get(p).accountId());
                amounts.add(Numeric.create(submission.postings().get(p).amount()));
            }
        }
        args.addValue(items.toArray(Integer[]::new)).addValue(ids.toArray(UUID[]::new))
                .addValue(accounts.toArray(UUID[]::new)).addValue(amounts.toArray(Numeric[]::new));
    }

    private static void addHistory(Tuple args, List<Submission> batch) {
        List<Integer> items = new ArrayList<>();
        List<OffsetDateTime> at = new ArrayList<>();
        List<String> actors = new ArrayList<>();
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            for (OperationHistoryEntry entry : batch.get(i).history()) {
                items.add(i + 1);
                at.add(utc(entry.at));
                actors.add(entry.actor);
                from.add(entry.from == null ? null : entry.from.name());
                to.add(entry.to.name());
                reasons.add(entry.reason);
            }
        }
        args.addValue(items.toArray(Integer[]::new)).addValue(at.toArray(OffsetDateTime[]::new))
                .addValue(actors.toArray(String[]::new)).addValue(from.toArray(String[]::new))
                .addValue(to.toArray(String[]::new)).addValue(reasons.toArray(String[]::new));
    }

    private static void addEvents(Tuple args, List<Submission> batch) {
        List<Integer> items = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            for (EventType type : batch.get(i).eventTypes()) {
                items.add(i + 1);
                ids.add(fr.backoffice.common.Ids.newId());
                types.add(type.type());
            }
        }
        args.addValue(items.toArray(Integer[]::new)).addValue(ids.toArray(UUID[]::new))
                .addValue(types.toArray(String[]::new));
    }

    private static <T> T[] each(List<Submission> batch, java.util.function.IntFunction<T[]> array,
                                Function<Submission, T> value) {
        T[] values = array.apply(batch.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(batch.get(i));
        }
        return values;
    }

    private static Numeric numeric(BigDecimal value) {
        return value == null ? null : Numeric.create(value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
