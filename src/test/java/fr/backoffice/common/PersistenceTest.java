package fr.backoffice.common;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which database failures are an outage (503 with Retry-After), a conflict to retry, or neither. */
class PersistenceTest {

    private static PgException pg(String sqlState) {
        return new PgException("refused", "ERROR", sqlState, null);
    }

    @Test
    void an_unreachable_or_overloaded_database_is_unavailable() {
        assertThat(Persistence.isUnavailable(new CompletionException(new ConnectException("Connection refused")))).isTrue();
        assertThat(Persistence.isUnavailable(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(Persistence.isUnavailable(pg("53300"))).as("too many connections").isTrue();
        assertThat(Persistence.isUnavailable(pg("57P01"))).as("server shutting down").isTrue();
        assertThat(Persistence.isUnavailable(pg("08006"))).as("connection failure").isTrue();
        assertThat(Persistence.isUnavailable(pg("57014"))).as("statement timeout").isTrue();
    }

    @Test
    void a_refusal_of_the_data_is_not_an_outage() {
        assertThat(Persistence.isUnavailable(pg("23505"))).isFalse();
        assertThat(Persistence.isUnavailable(pg("40P01"))).isFalse();
        assertThat(Persistence.isUnavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(Persistence.isTransient(pg("40P01"))).isTrue();
        assertThat(Persistence.isTransient(pg("40001"))).isTrue();
    }
}
