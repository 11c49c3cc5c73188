package fr.backoffice.common.idempotency;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock {@code idempotency_begin} takes while a request runs: one advisory lock per (client, key), on one 64-bit
 * hash ({@code hashtextextended}), so two different keys share a lock only on a 64-bit collision, and a duplicate of
 * a request in flight learns it at once instead of waiting.
 */
@QuarkusTest
class IdempotencyLockTest {

    @Inject
    AgroalDataSource database;

    private static boolean inFlight(Connection session, String client, String key) throws Exception {
        try (PreparedStatement begin = session.prepareStatement("select in_flight from idempotency_begin(?, ?)")) {
            begin.setString(1, client);
            begin.setString(2, key);
            try (ResultSet row = begin.executeQuery()) {
                return row.next() && row.getBoolean(1); // no row: free, and nothing stored under the key
            }
        }
    }

    @Test
    void a_key_in_flight_is_locked_on_one_64_bit_hash_of_client_and_key() throws Exception {
        String client = "front-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();
        try (Connection first = database.getConnection(); Connection second = database.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try {
                assertThat(inFlight(first, client, key)).isFalse();

                // the lock held is the bigint form (objsubid 1) of the documented 64-bit hash
                try (PreparedStatement held = first.prepareStatement("""
                        select count(*) from pg_locks l
                        where l.locktype = 'advisory' and l.pid = pg_backend_pid() and l.objsubid = 1
                          and ((l.classid::bigint << 32) | l.objid::bigint)
                              = hashtextextended(length(?) || ':' || ? || ?, 0)""")) {
                    held.setString(1, client);
                    held.setString(2, client);
                    held.setString(3, key);
                    try (ResultSet row = held.executeQuery()) {
                        row.next();
                        assertThat(row.getLong(1)).isEqualTo(1);
                    }
                }
                assertThat(inFlight(second, client, key)).as("the same key, while the first runs").isTrue();
                assertThat(inFlight(second, client, key + "-other")).as("another key of the same client").isFalse();
                assertThat(inFlight(second, client + "-other", key)).as("the same key of another client").isFalse();
                // the client's length is part of the hashed text: ("ab", "c") and ("a", "bc") are different keys
                assertThat(inFlight(second, client.substring(0, client.length() - 1),
                        client.substring(client.length() - 1) + key)).isFalse();
            } finally {
                first.rollback();
                second.rollback();
            }
            assertThat(inFlight(second, client, key)).as("free once the first transaction ended").isFalse();
            second.rollback();
        }
    }
}
