package fr.backoffice.reconciliation.repository;

import fr.backoffice.common.SqlArrays;
import fr.backoffice.reconciliation.Matching;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The reconciliation tables (V7__reconciliation.sql), in native SQL within the caller's transaction: rows are written
 * many at a time, as one JSON parameter ({@code jsonb_to_recordset}), and read back as text, so no value depends on how
 * the driver maps a type. Ledger entries and operations are only read.
 */
@ApplicationScoped
public class ReconciliationRepository {

    private static final Pattern OUR_TX_ID = Pattern.compile("^[0-9a-f]{32}$");

    /** An account a statement may name, found by its IBAN. */
    public record AccountRow(UUID id, String type, String purpose, String currency, String unit) {
    }

    /** A statement already loaded for the account, as the replay and continuity checks need it. */
    public record StatementRow(UUID id, String messageType, String messageId, Long sequenceNumber, String sha256,
                               BigDecimal closingBalance, LocalDate closingDate) {
    }

    /** An entry not matched yet, and whether it was posted by the end of the statement's period. */
    public record Candidate(Matching.Entry entry, boolean withinPeriod) {
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    public Uni<AccountRow> accountByIban(String iban) {
        return session().flatMap(s -> s.createNativeQuery("select id::text, type, purpose, currency, unit_code "
                        + "from account where iban = :iban", Object[].class)
                .setParameter("iban", iban).getResultList())
                .map(rows -> rows.isEmpty() ? null : new AccountRow(UUID.fromString((String) rows.get(0)[0]),
                        (String) rows.get(0)[1], (String) rows.get(0)[2], (String) rows.get(0)[3], (String) rows.get(0)[4]));
    }

    /**
     * Serialises the loading of statements of one account until the transaction ends (an advisory lock, not the account
     * row, which every posting on the account locks).
     */
    public Uni<Void> lockAccount(UUID accountId) {
        return session().flatMap(s -> s.createNativeQuery("select 1 from (select pg_advisory_xact_lock("
                        + "hashtextextended('reconciliation:' || :account, 0))) locked", Integer.class)
                .setParameter("account", accountId.toString()).getResultList()).replaceWithVoid();
    }

    private static final String STATEMENT_COLUMNS = "id::text, message_type, message_id, sequence_number::text, sha256, "
            + "closing_balance::text, closing_date::text";

    private static StatementRow statementRow(Object[] row) {
        return new StatementRow(UUID.fromString((String) row[0]), (String) row[1], (String) row[2],
                row[3] == null ? null : Long.valueOf((String) row[3]), (String) row[4],
                row[5] == null ? null : new BigDecimal((String) row[5]), row[6] == null ? null : LocalDate.parse((String) row[6]));
    }

    /** The statement of this account with this MsgId, or of this message type with this ElctrncSeqNb. */
    public Uni<StatementRow> loaded(UUID accountId, String messageId, String messageType, Long sequence) {
        return session().flatMap(s -> s.createNativeQuery("select " + STATEMENT_COLUMNS + " from reconciliation_statement "
                        + "where account_id = cast(:account as uuid) and (message_id = :message or (message_type = :type "
                        + "and sequence_number = cast(cast(:sequence as text) as bigint))) order by loaded_at limit 1", Object[].class)
                .setParameter("account", accountId.toString()).setParameter("message", messageId)
                .setParameter("type", messageType).setParameter("sequence", SqlArrays.text(sequence))
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : statementRow(rows.get(0)));
    }

    /** The last end-of-day statement loaded for the account, whose closing balance the next one opens with. */
    public Uni<StatementRow> lastEndOfDay(UUID accountId, String messageType) {
        return session().flatMap(s -> s.createNativeQuery("select " + STATEMENT_COLUMNS + " from reconciliation_statement "
                        + "where account_id = cast(:account as uuid) and message_type = :type "
                        + "order by loaded_at desc, id desc limit 1", Object[].class)
                .setParameter("account", accountId.toString()).setParameter("type", messageType).getResultList())
                .map(rows -> rows.isEmpty() ? null : statementRow(rows.get(0)));
    }

    /** The entries of the account no match took yet, in posting order, with what their operations say. */
    public Uni<List<Candidate>> unmatchedEntries(UUID accountId, Instant until) {
        return session().flatMap(s -> s.createNativeQuery("""
                        select e.id::text, e.amount::text, e.value_date::text, o.type, replace(o.id::text, '-', ''),
                               o.end_to_end_id, orig.end_to_end_id, o.reference, ic.message_id, ic.transaction_id,
                               coalesce(o.debtor_name, o.creditor_name), coalesce(o.debtor_iban, o.creditor_iban),
                               (e.posted_at <= cast(cast(:until as text) as timestamptz))::text
                        from ledger_entry e
                        join operation o on o.id = e.operation_id
                        left join operation orig on orig.id = o.reversal_of
                        left join incoming_credit ic on ic.operation_id = o.id
                        where e.account_id = cast(:account as uuid)
                          and not exists (select 1 from reconciliation_matched_entry m where m.entry_id = e.id)
                        order by e.account_seq""", Object[].class)
                .setParameter("account", accountId.toString()).setParameter("until", until.toString())
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Candidate(new Matching.Entry(UUID.fromString((String) r[0]),
                        new BigDecimal((String) r[1]), LocalDate.parse((String) r[2]), (String) r[3], (String) r[4],
                        (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10],
                        (String) r[11]), "true".equals(r[12]))).toList());
    }

    /**
     * For the TxIds and EndToEndIds given, those of transfers we sent in a payment file: each with that file's MsgId.
     * Our TxId is the operation's id without dashes.
     */
    public Uni<Map<String, String>> filesOfTransactions(Collection<String> transactionIds, Collection<String> endToEndIds) {
        List<UUID> ids = transactionIds.stream().filter(id -> id != null && OUR_TX_ID.matcher(id).matches())
                .map(id -> UUID.fromString(id.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"))).distinct().toList();
        JsonArray refs = new JsonArray();
        endToEndIds.stream().filter(id -> id != null).distinct().forEach(refs::add);
        if (ids.isEmpty() && refs.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session().flatMap(s -> s.createNativeQuery("""
                        select replace(o.id::text, '-', ''), o.end_to_end_id, pf.message_id
                        from operation o join payment_file pf on pf.id = o.payment_file_id
                        where o.id = any(cast(cast(:ids as text) as uuid[]))
                           or (o.payment_file_id is not null and o.end_to_end_id in
                               (select value from jsonb_array_elements_text(cast(cast(:refs as text) as jsonb))))""", Object[].class)
                .setParameter("ids", SqlArrays.of(ids)).setParameter("refs", refs.encode()).getResultList())
                .map(rows -> {
                    Map<String, String> files = new HashMap<>();
                    for (Object[] r : rows) {
                        files.put((String) r[0], (String) r[2]);
                        files.putIfAbsent((String) r[1], (String) r[2]);
                    }
                    return files;
                });
    }

    /** A new statement's row. */
    public record NewStatement(UUID id, UUID accountId, String messageType, String messageId, String statementRef,
                               Long sequenceNumber, String currency, BigDecimal openingBalance, LocalDate openingDate,
                               BigDecimal closingBalance, LocalDate closingDate, Instant periodEnd, String sha256,
                               Instant loadedAt, String loadedBy, int lines, int matched, int unmatched) {
    }

    public Uni<Void> insert(NewStatement st) {
        return session().flatMap(s -> s.createNativeQuery("""
                        insert into reconciliation_statement (id, account_id, message_type, message_id, statement_ref,
                            sequence_number, currency, opening_balance, opening_date, closing_balance, closing_date, period_end,
                            sha256, loaded_at, loaded_by, lines, matched, unmatched)
                        values (cast(:id as uuid), cast(:account as uuid), :type, :message, :ref,
                            cast(cast(:sequence as text) as bigint), :currency, cast(cast(:opening as text) as numeric),
                            cast(cast(:openingDate as text) as date), cast(cast(:closing as text) as numeric),
                            cast(cast(:closingDate as text) as date), cast(cast(:periodEnd as text) as timestamptz), :sha256,
                            cast(cast(:loadedAt as text) as timestamptz), :by, :lines, :matched, :unmatched)""")
                .setParameter("id", st.id().toString()).setParameter("account", st.accountId().toString())
                .setParameter("type", st.messageType()).setParameter("message", st.messageId())
                .setParameter("ref", st.statementRef()).setParameter("sequence", SqlArrays.text(st.sequenceNumber()))
                .setParameter("currency", st.currency()).setParameter("opening", plain(st.openingBalance()))
                .setParameter("openingDate", SqlArrays.text(st.openingDate()))
                .setParameter("closing", plain(st.closingBalance())).setParameter("closingDate", SqlArrays.text(st.closingDate()))
                .setParameter("periodEnd", st.periodEnd().toString()).setParameter("sha256", st.sha256())
                .setParameter("loadedAt", st.loadedAt().toString()).setParameter("by", st.loadedBy())
                .setParameter("lines", st.lines()).setParameter("matched", st.matched()).setParameter("unmatched", st.unmatched())
                .executeUpdate()).replaceWithVoid();
    }

    /** Inserts rows given as JSON objects into {@code table}: {@code columns} names them and their SQL types. */
    public Uni<Void> insertRows(String table, String columns, String types, JsonArray rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session().flatMap(s -> s.createNativeQuery("insert into " + table + " (" + columns + ") select " + columns
                        + " from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(" + types + ")")
                .setParameter("rows", rows.encode()).executeUpdate()).replaceWithVoid();
    }

    /** The matches' rows: {@code (id, account_id, rule, shape, matched_at, matched_by)}. */
    public Uni<Void> insertMatches(JsonArray rows) {
        return insertRows("reconciliation_match", "id, account_id, rule, shape, matched_at, matched_by",
                "id uuid, account_id uuid, rule text, shape text, matched_at timestamptz, matched_by text", rows);
    }

    public Uni<Void> insertMatchedEntries(JsonArray rows) {
        return insertRows("reconciliation_matched_entry", "entry_id, match_id", "entry_id uuid, match_id uuid", rows);
    }

    public Uni<Void> insertLines(JsonArray rows) {
        return insertRows("reconciliation_line", "id, statement_id, account_id, line_number, path, amount, credit_debit, "
                        + "booking_date, value_date, account_servicer_ref, end_to_end_id, transaction_id, message_id, remittance, "
                        + "counterparty_name, counterparty_iban, state, rule, match_id",
                "id uuid, statement_id uuid, account_id uuid, line_number int, path text, amount numeric, credit_debit text, "
                        + "booking_date date, value_date date, account_servicer_ref text, end_to_end_id text, transaction_id text, "
                        + "message_id text, remittance text, counterparty_name text, counterparty_iban text, state text, rule text, "
                        + "match_id uuid", rows);
    }

    public Uni<Void> insertCandidates(JsonArray rows) {
        return insertRows("reconciliation_candidate", "line_id, entry_id", "line_id uuid, entry_id uuid", rows);
    }

    /** New exceptions; an entry already in the queue (from an earlier statement) is not queued twice. */
    public Uni<Integer> insertExceptions(JsonArray rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String columns = "id, kind, account_id, statement_id, line_id, entry_id, amount, credit_debit, value_date, status, "
                + "created_at, version";
        return session().flatMap(s -> s.createNativeQuery("insert into reconciliation_exception (" + columns + ") select "
                        + columns + " from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(id uuid, kind text, "
                        + "account_id uuid, statement_id uuid, line_id uuid, entry_id uuid, amount numeric, credit_debit text, "
                        + "value_date date, status text, created_at timestamptz, version bigint) on conflict do nothing")
                .setParameter("rows", rows.encode()).executeUpdate());
    }

    /** The open exceptions of these entries, now matched: RESOLVED as {@code resolution}. Answers their ids. */
    public Uni<List<UUID>> resolveEntries(Collection<UUID> entryIds, String resolution, String reason, Instant at, String by) {
        if (entryIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session().flatMap(s -> s.createNativeQuery("""
                        update reconciliation_exception set status = 'RESOLVED', resolution = :resolution, reason = :reason,
                               resolved_at = cast(cast(:at as text) as timestamptz), resolved_by = :by, version = version + 1
                        where entry_id = any(cast(cast(:entries as text) as uuid[])) and status <> 'RESOLVED'
                        returning id::text""", String.class)
                .setParameter("resolution", resolution).setParameter("reason", reason).setParameter("at", at.toString())
                .setParameter("by", by).setParameter("entries", SqlArrays.of(entryIds)).getResultList())
                .map(ids -> ids.stream().map(UUID::fromString).toList());
    }

    // --- reading a statement back

    public Uni<Object[]> statement(UUID id) {
        return session().flatMap(s -> s.createNativeQuery("""
                        select id::text, account_id::text, message_type, message_id, statement_ref, sequence_number::text,
                               currency, opening_balance::text, opening_date::text, closing_balance::text, closing_date::text,
                               loaded_at::text, loaded_by, lines, matched, unmatched
                        from reconciliation_statement where id = cast(:id as uuid)""", Object[].class)
                .setParameter("id", id.toString()).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** The lines of a statement in order, each with its matched entries and candidates (comma-separated ids). */
    public Uni<List<Object[]>> lines(UUID statementId) {
        return session().flatMap(s -> s.createNativeQuery("""
                        select l.id::text, l.path, l.amount::text, l.credit_debit, l.booking_date::text, l.value_date::text,
                               l.account_servicer_ref, l.end_to_end_id, l.transaction_id, l.message_id, l.remittance,
                               l.counterparty_name, l.counterparty_iban, l.state, l.rule, l.match_id::text,
                               (select string_agg(m.entry_id::text, ',' order by m.entry_id) from reconciliation_matched_entry m
                                where m.match_id = l.match_id),
                               (select string_agg(c.entry_id::text, ',' order by c.entry_id) from reconciliation_candidate c
                                where c.line_id = l.id)
                        from reconciliation_line l where l.statement_id = cast(:id as uuid) order by l.line_number""", Object[].class)
                .setParameter("id", statementId.toString()).getResultList());
    }

    /** The entries this statement queued as unreported. */
    public Uni<List<String>> unreportedEntries(UUID statementId) {
        return session().flatMap(s -> s.createNativeQuery("select entry_id::text from reconciliation_exception "
                        + "where statement_id = cast(:id as uuid) and kind = 'LEDGER_ENTRY' order by created_at, id", String.class)
                .setParameter("id", statementId.toString()).getResultList());
    }

    // --- the queue

    private static final String EXCEPTION_COLUMNS = """
            x.id::text, x.kind, x.account_id::text, x.statement_id::text, x.line_id::text, x.entry_id::text, x.amount::text,
            x.credit_debit, x.value_date::text, x.status, x.assignee, x.resolution, x.reason, x.created_at::text,
            x.resolved_at::text, x.resolved_by, x.version::text,
            (select string_agg(t, ',') from (
                 select m.entry_id::text as t from reconciliation_line l join reconciliation_matched_entry m on m.match_id = l.match_id
                 where l.id = x.line_id and x.resolution = 'MANUAL_MATCH'
                 union all
                 select l.id::text from reconciliation_matched_entry m join reconciliation_line l on l.match_id = m.match_id
                 where m.entry_id = x.entry_id and x.resolution = 'MANUAL_MATCH') matched),
            x.operation_id::text""";

    public Uni<Object[]> exception(UUID id, boolean lock) {
        return session().flatMap(s -> s.createNativeQuery("select " + EXCEPTION_COLUMNS + " from reconciliation_exception x "
                        + "where x.id = cast(:id as uuid)" + (lock ? " for update of x" : ""), Object[].class)
                .setParameter("id", id.toString()).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<List<Object[]>> exceptions(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session().flatMap(s -> s.createNativeQuery("select " + EXCEPTION_COLUMNS + " from reconciliation_exception x "
                        + "where x.id = any(cast(cast(:ids as text) as uuid[])) order by x.id", Object[].class)
                .setParameter("ids", SqlArrays.of(ids)).getResultList());
    }

    /** A page of the queue, by id, filtered by status (null: not RESOLVED), account and kind when given. */
    public Uni<List<Object[]>> exceptionPage(String status, UUID accountId, String kind, UUID after, int limit) {
        return session().flatMap(s -> s.createNativeQuery("select " + EXCEPTION_COLUMNS + " from reconciliation_exception x "
                        + "where (cast(cast(:status as text) as text) is null and x.status <> 'RESOLVED' or x.status = :status) "
                        + "and (cast(cast(:account as text) as uuid) is null or x.account_id = cast(cast(:account as text) as uuid)) "
                        + "and (cast(cast(:kind as text) as text) is null or x.kind = :kind) "
                        + "and (cast(cast(:after as text) as uuid) is null or x.id > cast(cast(:after as text) as uuid)) "
                        + "order by x.id limit :limit", Object[].class)
                .setParameter("status", status).setParameter("account", SqlArrays.text(accountId))
                .setParameter("kind", kind).setParameter("after", SqlArrays.text(after)).setParameter("limit", limit)
                .getResultList());
    }

    public Uni<Integer> claim(UUID id, String by) {
        return session().flatMap(s -> s.createNativeQuery("update reconciliation_exception set status = 'CLAIMED', "
                        + "assignee = :by, version = version + 1 where id = cast(:id as uuid)")
                .setParameter("by", by).setParameter("id", id.toString()).executeUpdate());
    }

    public Uni<Integer> resolve(UUID id, String resolution, String reason, Instant at, String by) {
        return session().flatMap(s -> s.createNativeQuery("update reconciliation_exception set status = 'RESOLVED', "
                        + "resolution = :resolution, reason = :reason, resolved_at = cast(cast(:at as text) as timestamptz), "
                        + "resolved_by = :by, version = version + 1 where id = cast(:id as uuid)")
                .setParameter("resolution", resolution).setParameter("reason", reason).setParameter("at", at.toString())
                .setParameter("by", by).setParameter("id", id.toString()).executeUpdate());
    }

    /** Unmatched (UNMATCHED or PARTIAL) lines of the account among these, locked: (id, amount, credit_debit). */
    public Uni<List<Object[]>> lockOpenLines(UUID accountId, List<UUID> lineIds) {
        return session().flatMap(s -> s.createNativeQuery("select id::text, amount::text, credit_debit from reconciliation_line "
                        + "where account_id = cast(:account as uuid) and state <> 'MATCHED' "
                        + "and id = any(cast(cast(:ids as text) as uuid[])) order by id for update", Object[].class)
                .setParameter("account", accountId.toString()).setParameter("ids", SqlArrays.of(lineIds)).getResultList());
    }

    /** Entries of the account among these that no match took: (id, amount). */
    public Uni<List<Object[]>> unmatchedEntriesAmong(UUID accountId, List<UUID> entryIds) {
        return session().flatMap(s -> s.createNativeQuery("select e.id::text, e.amount::text from ledger_entry e "
                        + "where e.account_id = cast(:account as uuid) and e.id = any(cast(cast(:ids as text) as uuid[])) "
                        + "and not exists (select 1 from reconciliation_matched_entry m where m.entry_id = e.id)", Object[].class)
                .setParameter("account", accountId.toString()).setParameter("ids", SqlArrays.of(entryIds)).getResultList());
    }

    /** Lines now matched by a person: MATCHED by {@code rule} (MANUAL, WRITE_OFF), in that match. */
    public Uni<Void> matchLines(List<UUID> lineIds, UUID matchId, String rule) {
        return session().flatMap(s -> s.createNativeQuery("update reconciliation_line set state = 'MATCHED', rule = :rule, "
                        + "match_id = cast(:match as uuid) where id = any(cast(cast(:ids as text) as uuid[]))")
                .setParameter("rule", rule).setParameter("match", matchId.toString())
                .setParameter("ids", SqlArrays.of(lineIds)).executeUpdate())
                .replaceWithVoid();
    }

    /** The unit and currency of an account: {@code (unit_code, currency)}. */
    public Uni<Object[]> unitAndCurrency(UUID accountId) {
        return session().flatMap(s -> s.createNativeQuery("select unit_code, currency from account where id = cast(:id as uuid)",
                        Object[].class).setParameter("id", accountId.toString()).getResultList())
                .map(rows -> rows.get(0));
    }

    /** The entry an operation posted on the account. */
    public Uni<UUID> entryOf(UUID operationId, UUID accountId) {
        return session().flatMap(s -> s.createNativeQuery("select id::text from ledger_entry where operation_id = cast(:op as uuid) "
                        + "and account_id = cast(:account as uuid)", String.class)
                .setParameter("op", operationId.toString()).setParameter("account", accountId.toString()).getSingleResult())
                .map(UUID::fromString);
    }

    /** The item RESOLVED as WRITE_OFF by the operation that booked it. */
    public Uni<Integer> writtenOff(UUID id, UUID operationId, String reason, Instant at, String by) {
        return session().flatMap(s -> s.createNativeQuery("update reconciliation_exception set status = 'RESOLVED', "
                        + "resolution = 'WRITE_OFF', operation_id = cast(:op as uuid), reason = :reason, "
                        + "resolved_at = cast(cast(:at as text) as timestamptz), resolved_by = :by, version = version + 1 "
                        + "where id = cast(:id as uuid)")
                .setParameter("op", operationId.toString()).setParameter("reason", reason).setParameter("at", at.toString())
                .setParameter("by", by).setParameter("id", id.toString()).executeUpdate());
    }

    /** The open exceptions of these lines: RESOLVED as MANUAL_MATCH with the reason. Answers their ids. */
    public Uni<List<UUID>> resolveLines(List<UUID> lineIds, String reason, Instant at, String by) {
        return session().flatMap(s -> s.createNativeQuery("""
                        update reconciliation_exception set status = 'RESOLVED', resolution = 'MANUAL_MATCH', reason = :reason,
                               resolved_at = cast(cast(:at as text) as timestamptz), resolved_by = :by, version = version + 1
                        where line_id = any(cast(cast(:ids as text) as uuid[])) and status <> 'RESOLVED'
                        returning id::text""", String.class)
                .setParameter("reason", reason).setParameter("at", at.toString()).setParameter("by", by)
                .setParameter("ids", SqlArrays.of(lineIds)).getResultList())
                .map(ids -> ids.stream().map(UUID::fromString).toList());
    }

    // --- the daily report (docs/reconciliation.md "Daily report")

    /** An account by id: {@code (type, purpose, currency, iban)}, or null. */
    public Uni<Object[]> account(UUID id) {
        return session().flatMap(s -> s.createNativeQuery("select type, purpose, currency, iban from account "
                        + "where id = cast(:id as uuid)", Object[].class)
                .setParameter("id", id.toString()).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * The camt.053 of the account about that day (its closing balance's date), in the order they were loaded:
     * {@code (id, opening_balance, closing_balance)}.
     */
    public Uni<List<Object[]>> endOfDayStatements(UUID accountId, LocalDate day) {
        return session().flatMap(s -> s.createNativeQuery("select id::text, opening_balance::text, closing_balance::text "
                        + "from reconciliation_statement where account_id = cast(:account as uuid) and message_type = :type "
                        + "and closing_date = cast(cast(:day as text) as date) order by loaded_at, id", Object[].class)
                .setParameter("account", accountId.toString()).setParameter("type", "camt.053.001.08")
                .setParameter("day", day.toString()).getResultList());
    }

    /** The sum of the account's entries posted before {@code before} (credits positive), 0 without any. */
    public Uni<BigDecimal> ledgerBalance(UUID accountId, Instant before) {
        return session().flatMap(s -> s.createNativeQuery("select coalesce(sum(amount), 0)::text from ledger_entry "
                        + "where account_id = cast(:account as uuid) and posted_at < cast(cast(:before as text) as timestamptz)",
                        String.class)
                .setParameter("account", accountId.toString()).setParameter("before", before.toString()).getSingleResult())
                .map(BigDecimal::new);
    }

    /**
     * The account's lines booked that day (their booking date, else their value date), of every statement, by state:
     * {@code (state, count, net)}, the net as the bank writes it (CRDT positive).
     */
    public Uni<List<Object[]>> linesOfDay(UUID accountId, LocalDate day) {
        return session().flatMap(s -> s.createNativeQuery("""
                        select state, count(*)::text,
                               sum(case when credit_debit = 'CRDT' then amount else -amount end)::text
                        from reconciliation_line
                        where account_id = cast(:account as uuid)
                          and coalesce(booking_date, value_date) = cast(cast(:day as text) as date)
                        group by state""", Object[].class)
                .setParameter("account", accountId.toString()).setParameter("day", day.toString()).getResultList());
    }

    /**
     * The account's entries posted in {@code [from, to)} that no match took (no line reports them):
     * {@code (count, sum)}, the sum as the ledger keeps it (credits positive).
     */
    public Uni<Object[]> unreportedOfDay(UUID accountId, Instant from, Instant to) {
        return session().flatMap(s -> s.createNativeQuery("""
                        select count(*)::text, coalesce(sum(e.amount), 0)::text from ledger_entry e
                        where e.account_id = cast(:account as uuid)
                          and e.posted_at >= cast(cast(:from as text) as timestamptz)
                          and e.posted_at < cast(cast(:to as text) as timestamptz)
                          and not exists (select 1 from reconciliation_matched_entry m where m.entry_id = e.id)""", Object[].class)
                .setParameter("account", accountId.toString()).setParameter("from", from.toString())
                .setParameter("to", to.toString()).getSingleResult());
    }

    /** The account's items of the queue not RESOLVED about that day: a line booked that day, an entry posted that day. */
    public Uni<Long> openExceptionsOfDay(UUID accountId, LocalDate day, Instant from, Instant to) {
        return session().flatMap(s -> s.createNativeQuery("""
                        select count(*)::text from reconciliation_exception x
                        left join reconciliation_line l on l.id = x.line_id
                        left join ledger_entry e on e.id = x.entry_id
                        where x.account_id = cast(:account as uuid) and x.status <> 'RESOLVED'
                          and (coalesce(l.booking_date, l.value_date) = cast(cast(:day as text) as date)
                               or (e.posted_at >= cast(cast(:from as text) as timestamptz)
                                   and e.posted_at < cast(cast(:to as text) as timestamptz)))""", String.class)
                .setParameter("account", accountId.toString()).setParameter("day", day.toString())
                .setParameter("from", from.toString()).setParameter("to", to.toString()).getSingleResult())
                .map(Long::valueOf);
    }

    public static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    public static JsonObject row(Object... namesAndValues) {
        JsonObject row = new JsonObject();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            row.put((String) namesAndValues[i], value == null ? null : value instanceof Number || value instanceof Boolean
                    ? value : value.toString());
        }
        return row;
    }

    public static <T> List<T> split(Object commaSeparated, Function<String, T> each) {
        List<T> values = new ArrayList<>();
        if (commaSeparated != null && !((String) commaSeparated).isEmpty()) {
            for (String value : ((String) commaSeparated).split(",")) {
                values.add(each.apply(value));
            }
        }
        return values;
    }

    public static Instant instant(Object text) {
        return text == null ? null : OffsetDateTime.parse(((String) text).replace(' ', 'T')
                .replaceFirst("([+-]\\d\\d)$", "$1:00")).toInstant();
    }
}
