package fr.backoffice.common;

import java.sql.SQLException;

/** Recognises database refusals that are expected outcomes rather than bugs. */
public final class Persistence {

    private static final String UNIQUE_VIOLATION = "23505";

    private Persistence() {
    }

    /** True when a unique constraint refused a row that a concurrent request inserted first. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
