package fr.backoffice.common;

import java.sql.SQLException;

/** Recognises database refusals that are expected outcomes rather than bugs. */
public final class Persistence {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

    private Persistence() {
    }

    /** True when a unique constraint refused a row that a concurrent request inserted first. */
    public static boolean isUniqueViolation(Throwable failure) {
        return hasSqlState(failure, UNIQUE_VIOLATION);
    }

    /** True when the database refused text it cannot hold (U+0000 in a query parameter, say): the client's doing. */
    public static boolean isUnstorableText(Throwable failure) {
        return hasSqlState(failure, CHARACTER_NOT_IN_REPERTOIRE);
    }

    private static boolean hasSqlState(Throwable failure, String sqlState) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof io.vertx.pgclient.PgException pg && sqlState.equals(pg.getSqlState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
