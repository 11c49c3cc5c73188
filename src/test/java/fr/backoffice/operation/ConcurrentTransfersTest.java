package fr.backoffice.operation;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients transferring at once among a few accounts (two of them hot, some with overdraft limits), with
 * duplicate idempotency keys fired at the same instant. Afterwards the ledger's invariants must hold exactly.
 */
@QuarkusTest
class ConcurrentTransfersTest {

    private static final int CLIENTS = 16;
    private static final int REQUESTS = 600;

    @Inject
    AgroalDataSource database;

    @Test
    void concurrent_transfers_never_lose_an_update_overdraw_or_execute_a_key_twice() throws Exception {
        String unit = Fixtures.unit();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String limit = i % 2 == 0 ? "100.00" : "0.00";
            accounts.add(Fixtures.account(unit, "CURRENT", "EUR", limit).getString("id"));
        }
        accounts.add(Fixtures.account(unit, "SAVINGS", "EUR", null).getString("id"));
        for (String account : accounts) {
            Ledgers.fund(account, "1000.00");
        }
        String token = Tokens.token("load-client", null, "front-office");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/operations");
        Random random = new Random(42);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, String> createdByKey = new ConcurrentHashMap<>();
        AtomicInteger replays = new AtomicInteger();

        List<Map.Entry<String, String>> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            // two thirds of the traffic touches the two hot accounts
            int from = random.nextInt(3) < 2 ? random.nextInt(2) : random.nextInt(accounts.size());
            int to = random.nextInt(accounts.size());
            if (to == from) {
                to = (to + 1) % accounts.size();
            }
            String amount = random.nextInt(20) == 0 ? "1200.00" : (1 + random.nextInt(250)) + "." + (10 + random.nextInt(90));
            String body = """
                    {"type":"TRANSFER","amount":"%s","currency":"EUR","debitAccountId":"%s","creditAccountId":"%s"}"""
                    .formatted(amount, accounts.get(from), accounts.get(to));
            String key = "load-" + unit + "-" + i;
            requests.add(Map.entry(key, body));
            if (random.nextInt(5) == 0) {
                requests.add(Map.entry(key, body)); // the same request again, at nearly the same instant
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (Map.Entry<String, String> request : requests) {
            done.add(pool.submit(() -> {
                HttpRequest post = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", request.getKey())
                        .POST(HttpRequest.BodyPublishers.ofString(request.getValue())).build();
                HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                if (response.statusCode() == 201) {
                    String id = response.body().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
                    if (response.headers().firstValue("Idempotent-Replayed").isPresent()) {
                        replays.incrementAndGet();
                    }
                    String previous = createdByKey.putIfAbsent(request.getKey(), id);
                    assertThat(previous == null || previous.equals(id)).as("one key, one operation").isTrue();
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(statuses.keySet()).as("statuses %s", statuses).allMatch(status -> status < 500);
        assertThat(statuses.get(201).get()).as("statuses %s", statuses).isGreaterThan(REQUESTS / 3);

        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            // every currency sums to zero over all accounts, internal ones included
            assertThat(rows(sql, "select currency from account group by currency having sum(ledger_balance) <> 0")).isEmpty();
            // each balance is the sum of its entries, each held amount the sum of its active holds
            assertThat(rows(sql, """
                    select a.id from account a left join ledger_entry e on e.account_id = a.id
                    group by a.id, a.ledger_balance having a.ledger_balance <> coalesce(sum(e.amount), 0)""")).isEmpty();
            assertThat(rows(sql, """
                    select a.id from account a left join hold h on h.account_id = a.id and h.released_at is null
                    group by a.id, a.held_amount having a.held_amount <> coalesce(sum(h.amount), 0)""")).isEmpty();
            // nobody below their limit
            assertThat(rows(sql, """
                    select id from account where overdraft_limit is not null
                    and ledger_balance - held_amount < -overdraft_limit""")).isEmpty();
            // on each account, entries in time order are entries in statement order (dated after the lock), so every
            // balance as of an instant is one the account really had
            assertThat(rows(sql, """
                    select account_id from (select account_id, posted_at,
                        lag(posted_at) over (partition by account_id order by account_seq) as before
                        from ledger_entry) e where posted_at < before""")).isEmpty();
            // every operation's entries sum to zero
            assertThat(rows(sql, "select operation_id from ledger_entry group by operation_id having sum(amount) <> 0")).isEmpty();
            // and the service's own verification agrees
            assertThat(Api.as(Tokens.auditor()).get("/ledger/verify").then().statusCode(200).extract().jsonPath()
                    .getList("listed")).isEmpty();
            // one operation per key that was answered 201, whatever the duplicates
            assertThat(count(sql, "select count(*) from operation where submitted_by = 'load-client'"))
                    .isEqualTo(createdByKey.size());
            // balances moved exactly by the executed operations
            for (String account : accounts) {
                BigDecimal moved = decimal(sql, """
                        select coalesce(sum(case when credit_account_id = '%1$s' then amount else -amount end), 0)
                        from operation where status = 'EXECUTED' and submitted_by = 'load-client'
                        and (debit_account_id = '%1$s' or credit_account_id = '%1$s')""".formatted(account));
                assertThat(new BigDecimal(Ledgers.balance(account))).isEqualByComparingTo(new BigDecimal("1000.00").add(moved));
            }
        }
    }

    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static BigDecimal decimal(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getBigDecimal(1);
        }
    }
}
