package fr.backoffice.common;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

/** Recognises database refusals that are expected outcomes rather than bugs. */
public final class Persistence {

    private static final String UNIQUE_VIOLATION = "23505";
    /** Deadlock detected, serialization failure: the transaction may simply be run again. */
    private static final Set<String> TRANSIENT = Set.of("40P01", "40001");
    private static final int ATTEMPTS = 3;
    private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

    private Persistence() {
    }

    /** True when a unique constraint refused a row that a concurrent request inserted first. */
    public static boolean isUniqueViolation(Throwable failure) {
        return UNIQUE_VIOLATION.equals(sqlState(failure));
    }

    /** True when the database refused text it cannot hold (U+0000 in a query parameter, say): the client's doing. */
    public static boolean isUnstorableText(Throwable failure) {
        return CHARACTER_NOT_IN_REPERTOIRE.equals(sqlState(failure));
    }

    /** True when PostgreSQL aborted the transaction only because of concurrent ones. */
    public static boolean isTransient(Throwable failure) {
        String state = sqlState(failure);
        return state != null && TRANSIENT.contains(state);
    }

    /**
     * Runs a transaction again, a bounded number of times, when PostgreSQL aborted it for a deadlock or a
     * serialization failure. Each attempt must open its own transaction; the retry re-subscribes at once,
     * on the same event loop, so no session ever crosses threads.
     */
    public static <T> Uni<T> retryOnConflict(Supplier<Uni<T>> attempt) {
        return Uni.createFrom().<T>deferred(attempt::get).onFailure(Persistence::isTransient).retry().atMost(ATTEMPTS - 1);
    }

    /**
     * True when the database cannot be reached or cannot serve now: connection refused, dropped or timed out, too
     * many connections, server shutting down, statement cancelled by its timeout. The request may be retried later.
     */
    public static boolean isUnavailable(Throwable failure) {
        String state = sqlState(failure);
        if (state != null) {
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || "57014".equals(state);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof io.vertx.sqlclient.ClosedConnectionException
                    || cause instanceof io.netty.channel.ConnectTimeoutException
                    || cause instanceof io.vertx.core.VertxException vertx && isConnectionFailure(vertx.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(String message) {
        return message != null && (message.contains("Connection refused") || message.contains("Timeout")
                || message.contains("closed") || message.contains("Connection reset"));
    }

    public static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState();
            }
        }
        return null;
    }
}
