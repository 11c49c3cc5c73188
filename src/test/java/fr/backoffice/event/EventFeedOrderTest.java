package fr.backoffice.event;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed's order without a global lock (docs/events-and-audit.md "Event feed"): events are placed by transaction id
 * and read only below the oldest running transaction, with a resource's changes kept in the order they were made.
 */
@QuarkusTest
class EventFeedOrderTest {

    @Inject
    AgroalDataSource database;

    /** Inserts an event as the service's writers do, in the caller's transaction. */
    private static void insertEvent(Connection connection, String type, String resourceType, String resourceId)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into event (id, type, occurred_at, resource_type, resource_id, data)
                values (?, ?, now(), ?, ?, '{}')""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, type);
            insert.setString(3, resourceType);
            insert.setString(4, resourceId);
            insert.executeUpdate();
        }
    }

    /** Gives the transaction its id now, as a first write would. */
    private static void takeTransactionId(Connection connection) throws SQLException {
        try (PreparedStatement xid = connection.prepareStatement("select pg_current_xact_id()")) {
            xid.executeQuery().close();
        }
    }

    @Test
    void a_change_that_started_first_but_committed_last_comes_after_the_change_it_follows() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        Feed feed = Feed.fromNow();
        try (Connection slow = database.getConnection()) {
            slow.setAutoCommit(false);
            takeTransactionId(slow);

            // a later-starting transaction freezes the account and commits first
            Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "Fraud check")).post("/accounts/{id}/freeze", account)
                    .then().statusCode(200);
            // the slow one is still running: nothing from its id on is given out, so the freeze waits too
            assertThat(Feed.typesOf(feed.poll(), account)).as("held back by the running transaction").isEmpty();

            // then the slow transaction changes the same account (waiting for its row, as every writer does)
            try (PreparedStatement lock = slow.prepareStatement("update account set status_reason = status_reason where id = ?")) {
                lock.setObject(1, UUID.fromString(account));
                lock.executeUpdate();
            }
            insertEvent(slow, "account.changed", "account", account);
            slow.commit();
        }

        List<Map<String, Object>> events = feed.pollUntil(2, event -> account.equals(Feed.resourceId(event)));
        assertThat(Feed.typesOf(events, account)).as("the resource's changes in the order they were made")
                .containsExactly("account.frozen", "account.changed");
    }

    @Test
    void a_second_writer_on_its_own_connections_with_slow_transactions_loses_nothing_and_repeats_nothing()
            throws Exception {
        String unit = Fixtures.unit();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accounts.add(Fixtures.currentAccount(unit));
            Ledgers.fund(accounts.get(i), "1000.00");
        }
        Feed feed = Feed.fromNow();

        // the service's own writers (transfers through HTTP) and, beside them, another writer on other connections
        // whose transactions take their id, wait a little, then write and commit: the slow-starting case, many times
        Set<String> written = ConcurrentHashMap.newKeySet();
        List<Map<String, Object>> polled = new ArrayList<>(feed.pollDuring(() -> {
            ExecutorService writers = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                done.add(writers.submit(() -> {
                    String id = Ledgers.submit(Tokens.frontOffice(), Ledgers.transfer(accounts.get(n % 4),
                            accounts.get((n + 1) % 4), "1.00")).getString("id");
                    written.add(id);
                    return null;
                }));
                done.add(writers.submit(() -> {
                    String resource = UUID.randomUUID().toString();
                    try (Connection connection = database.getConnection()) {
                        connection.setAutoCommit(false);
                        takeTransactionId(connection);
                        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 40));
                        insertEvent(connection, "account.changed", "account", resource);
                        connection.commit();
                    }
                    written.add(resource);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(5, TimeUnit.MINUTES);
            }
            writers.shutdown();
            return null;
        }));
        feed.pollUntil(polled, written.size(), event -> written.contains(Feed.resourceId(event)));

        List<String> ids = polled.stream().map(event -> (String) event.get("id")).toList();
        assertThat(new HashSet<>(ids)).as("no event twice").hasSize(ids.size());
        Set<String> seen = new HashSet<>();
        polled.forEach(event -> seen.add(Feed.resourceId(event)));
        assertThat(seen).as("every writer's events").containsAll(written);
        for (String id : written) {
            List<String> types = Feed.typesOf(polled, id);
            assertThat(types).as("events of " + id).isIn(List.of("account.changed"),
                    List.of("operation.received", "operation.executed"));
        }
    }
}
