package fr.backoffice.support;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail as the database holds it, by request id: refusals are recorded off the request path
 * (docs/events-and-audit.md "Audit trail"), so a test waits for them.
 */
public final class AuditRecords {

    private static final long PATIENCE_MS = 30_000;

    private AuditRecords() {
    }

    /** The outcomes recorded for a request ({@code X-Request-Id}), once there is one; empty if none came. */
    public static List<String> outcomesOf(String requestId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MS;
        while (true) {
            List<String> outcomes = read(requestId);
            if (!outcomes.isEmpty() || System.currentTimeMillis() > deadline) {
                return outcomes;
            }
            Thread.sleep(50);
        }
    }

    private static List<String> read(String requestId) {
        AgroalDataSource database = Arc.container().instance(AgroalDataSource.class).get();
        try (var connection = database.getConnection();
             var query = connection.prepareStatement("select outcome from audit_record where request_id = ? order by seq")) {
            query.setString(1, requestId);
            List<String> outcomes = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    outcomes.add(rows.getString(1));
                }
            }
            return outcomes;
        } catch (SQLException unreadable) {
            throw new AssertionError(unreadable);
        }
    }
}
