package fr.backoffice.audit;

import fr.backoffice.support.Json;
import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.restassured.path.json.JsonPath;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads the audit trail as an auditor would (GET /audit, GET /audit/verify), waiting where the trail lags. */
final class Trail {

    /** Bounds every wait: batches are written every 100 ms and records sealed every 100 ms in the test profile. */
    static final long PATIENCE_MS = 30_000;

    private Trail() {
    }

    /** Every record of an actor, oldest first (all pages). */
    static List<Map<String, Object>> of(String actor) {
        List<Map<String, Object>> records = new ArrayList<>();
        String after = null;
        do {
            var request = Api.as(Tokens.auditor()).queryParam("actor", actor).queryParam("limit", 200);
            if (after != null) {
                request.queryParam("after", after);
            }
            Json.Page page = Json.page(request.get("/audit").then().statusCode(200).extract().response());
            records.addAll(page.items());
            after = page.nextCursor();
        } while (after != null);
        return records;
    }

    /** The records of an actor once {@code done} holds of them (or the patience is exhausted: then it fails). */
    static List<Map<String, Object>> of(String actor, Predicate<List<Map<String, Object>>> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MS;
        while (true) {
            List<Map<String, Object>> records = of(actor);
            if (done.test(records)) {
                return records;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the audit trail of " + actor + " never got there: " + records);
            }
            Thread.sleep(50);
        }
    }

    /** The records of one request. */
    static List<Map<String, Object>> ofRequest(List<Map<String, Object>> records, String requestId) {
        return records.stream().filter(record -> requestId.equals(record.get("requestId"))).toList();
    }

    /** The one record of a request, once it is there. */
    static Map<String, Object> recordOf(String actor, String requestId) throws InterruptedException {
        List<Map<String, Object>> mine = ofRequest(of(actor, records -> !ofRequest(records, requestId).isEmpty()), requestId);
        if (mine.size() != 1) {
            throw new AssertionError("request " + requestId + " has " + mine.size() + " records: " + mine);
        }
        return mine.get(0);
    }

    /** The one record of a request, once it is sealed. */
    static Map<String, Object> sealedRecordOf(String actor, String requestId) throws InterruptedException {
        of(actor, records -> ofRequest(records, requestId).stream().anyMatch(record -> record.get("chainSeq") != null));
        return recordOf(actor, requestId);
    }

    static JsonPath verify() {
        return Api.as(Tokens.auditor()).get("/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    /** The verification once every record committed so far is sealed. */
    static JsonPath verifyAllSealed() throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MS;
        while (true) {
            JsonPath verification = verify();
            if (verification.getLong("unsealed") == 0) {
                return verification;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("records still unsealed: " + verification.prettify());
            }
            Thread.sleep(50);
        }
    }

    /** Rows of a query, each a map of column label to value. */
    static List<Map<String, Object>> rows(AgroalDataSource database, String sql, Object... args) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                query.setObject(i + 1, args[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns.getColumnCount(); c++) {
                        row.put(columns.getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    static int update(AgroalDataSource database, String sql, Object... args) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                update.setObject(i + 1, args[i]);
            }
            return update.executeUpdate();
        }
    }

    /**
     * Changes audit records behind the service's back, as an intruder with the owner's rights would: with the
     * append-only triggers off for this session only (session_replication_role, superuser only).
     */
    static int tamper(AgroalDataSource database, String sql, Object... args) throws Exception {
        try (Connection connection = database.getConnection()) {
            try (var off = connection.createStatement()) {
                off.execute("set session_replication_role = replica");
            }
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    update.setObject(i + 1, args[i]);
                }
                return update.executeUpdate();
            } finally {
                try (var on = connection.createStatement()) {
                    on.execute("reset session_replication_role");
                }
            }
        }
    }
}
