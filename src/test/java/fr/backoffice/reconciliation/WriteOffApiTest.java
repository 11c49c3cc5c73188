package fr.backoffice.reconciliation;

import fr.backoffice.reconciliation.Camt.Tx;
import fr.backoffice.reconciliation.Day.Credit;
import fr.backoffice.support.Json;
import fr.backoffice.support.Api;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Differences written off to the unit's reconciliation suspense account through an operation (docs/reconciliation.md
 * "Writing off"): a line the ledger does not have, an entry the bank never reported, four eyes, replays.
 */
@QuarkusTest
class WriteOffApiTest {

    private static final String HOOLI = "DE91100000000123456789";

    /**
     * The bank's fee line and our unreported credit are written off: each by a RECONCILIATION_WRITE_OFF operation,
     * executed, audited and evented; the next statement finds both sides agreeing, and the ledger verifies.
     */
    @Test
    void a_line_and_an_entry_are_written_off_through_operations_and_both_sides_then_agree() {
        java.time.Instant started = java.time.Instant.now().minusSeconds(5);
        Day day = new Day();
        day.incoming(Day.id("STET-W"), List.of(new Credit("NOTPROVIDED", "TW1", "42.00", "Hooli", HOOLI)));
        Map<String, String> account = day.settlement();
        String statement = Camt.statement(Day.id("STMT"), 1, account.get("iban"), "1000.00", List.of(
                Camt.details("5.00", "DBIT", new Tx("5.00", null, null, null, "Settlement bank", null))));
        JsonPath loaded = Camt.post(statement).then().statusCode(201).extract().jsonPath();
        List<Map<String, Object>> queue = queue(account.get("id"));
        Map<String, Object> fee = find(queue, "STATEMENT_LINE", "5.00");
        Map<String, Object> unreported = find(queue, "LEDGER_ENTRY", "42.00");
        String settlementBefore = Ledgers.balance(account.get("id"));

        String key = UUID.randomUUID().toString();
        Map<String, Object> writeOff = Map.of("resolution", "WRITE_OFF", "reason", "Account fee of the settlement bank, as agreed");
        JsonPath resolved = Api.as(Camt.desk()).header("Idempotency-Key", key).body(writeOff)
                .post("/reconciliation/exceptions/{id}/resolve", fee.get("id")).then().statusCode(200)
                .body(at("status", equalTo("RESOLVED"))).body(at("resolution", equalTo("WRITE_OFF")))
                .body(at("operationId", notNullValue())).extract().jsonPath();
        String feeOperation = resolved.getString("operationId");
        // the same request again answers what it did, and posts nothing more
        Api.as(Camt.desk()).header("Idempotency-Key", key).body(writeOff)
                .post("/reconciliation/exceptions/{id}/resolve", fee.get("id")).then().statusCode(200)
                .header("Idempotent-Replayed", "true").body(at("operationId", equalTo(feeOperation)));
        assertProblem(Api.as(Camt.desk()).body(writeOff).post("/reconciliation/exceptions/{id}/resolve", fee.get("id")),
                409, "INVALID_TRANSITION");

        JsonPath op = Api.as(Tokens.admin()).get("/operations/{id}", feeOperation).then().statusCode(200).extract().jsonPath();
        assertThat(op.getString("type")).isEqualTo("RECONCILIATION_WRITE_OFF");
        assertThat(op.getString("status")).isEqualTo("EXECUTED");
        assertThat(op.getString("amount")).isEqualTo("5.00");
        // the bank's DBIT is money out: our clearing settlement account credited, the suspense account debited
        assertThat(op.getString("creditAccountId")).isEqualTo(account.get("id"));
        String suspense = op.getString("debitAccountId");
        assertThat(Ledgers.account(suspense).getString("holder.name")).startsWith("Reconciliation suspense " + day.unit);

        String entryOperation = Api.as(Camt.desk()).body(Map.of("resolution", "WRITE_OFF", "reason",
                        "Hooli's credit never reached the settlement bank: taken back pending enquiry"))
                .post("/reconciliation/exceptions/{id}/resolve", unreported.get("id")).then().statusCode(200)
                .body(at("resolution", equalTo("WRITE_OFF"))).extract().jsonPath().getString("operationId");
        JsonPath taken = Api.as(Tokens.admin()).get("/operations/{id}", entryOperation).then().statusCode(200).extract().jsonPath();
        assertThat(taken.getString("creditAccountId")).isEqualTo(account.get("id"));
        assertThat(taken.getString("debitAccountId")).isEqualTo(suspense);
        assertThat(Ledgers.balance(suspense)).isEqualTo("-47.00");
        assertThat(new java.math.BigDecimal(Ledgers.balance(account.get("id"))))
                .isEqualByComparingTo(new java.math.BigDecimal(settlementBefore).add(new java.math.BigDecimal("47.00")));
        assertThat(queue(account.get("id"))).isEmpty();

        Api.as(Tokens.auditor()).get("/reconciliation/statements/{id}", loaded.getString("id")).then().statusCode(200)
                .body(at("items[0].state", equalTo("MATCHED"))).body(at("items[0].rule", equalTo("WRITE_OFF")));
        // the next statement reports nothing new: the write-offs' entries are matched, not unreported
        String next = Camt.statement(Day.id("STMT"), 2, account.get("iban"), "995.00", List.of());
        Camt.post(next).then().statusCode(201).body(at("unreportedEntries", equalTo(0)));

        assertThat(events("operation.executed")).contains(feeOperation, entryOperation);
        assertThat(events("reconciliation-exception.resolved")).contains((String) fee.get("id"), (String) unreported.get("id"));
        assertThat(Api.as(Tokens.admin()).queryParam("actor", "recon-ann").queryParam("from", started.toString())
                .queryParam("limit", 200).get("/audit").then().statusCode(200).extract().jsonPath()
                .getList("items.action", String.class))
                .contains("POST /reconciliation/exceptions/" + fee.get("id") + "/resolve",
                        "POST /reconciliation/exceptions/" + unreported.get("id") + "/resolve");
        assertThat(Api.as(Tokens.auditor()).get("/ledger/verify").then().statusCode(200).extract().jsonPath()
                .getBoolean("verified")).isTrue();
        Api.as(Tokens.auditor()).queryParam("currency", "EUR").get("/ledger/trial-balance").then().statusCode(200)
                .body(at("balanced", equalTo(true)));
    }

    /** From the approval threshold, a write-off is claimed by one person and booked by another; refusals book nothing. */
    @Test
    void from_the_approval_threshold_a_write_off_needs_four_eyes_and_refusals_book_nothing() {
        Day day = new Day();
        day.incoming(Day.id("STET-X"), List.of(new Credit("NOTPROVIDED", "TX1", "10.00", "Acme GmbH", "DE89370400440532013000")));
        Map<String, String> account = day.settlement();
        Camt.post(Camt.statement(Day.id("STMT"), 1, account.get("iban"), "0.00", List.of(
                Camt.details("10.00", "CRDT", new Tx("10.00", null, "NOTPROVIDED", "TX1", "Acme GmbH", null)),
                Camt.details("15000.00", "CRDT", new Tx("15000.00", null, null, null, "Unknown payer", null))))).then().statusCode(201);
        Map<String, Object> line = find(queue(account.get("id")), "STATEMENT_LINE", "15000.00");
        String before = Ledgers.balance(account.get("id"));
        Map<String, Object> writeOff = Map.of("resolution", "WRITE_OFF", "reason", "Unknown payer: held in suspense until identified");

        assertProblem(Api.as(Camt.desk()).body(writeOff).post("/reconciliation/exceptions/{id}/resolve", line.get("id")),
                409, "CLAIM_REQUIRED");
        Api.as(Camt.desk()).post("/reconciliation/exceptions/{id}/claim", line.get("id")).then().statusCode(200);
        assertProblem(Api.as(Camt.desk()).body(writeOff).post("/reconciliation/exceptions/{id}/resolve", line.get("id")),
                403, "FOUR_EYES_VIOLATION");
        for (String token : List.of(Tokens.auditor(), Tokens.frontOffice(), Tokens.supervisor(day.unit))) {
            assertProblem(Api.as(token).body(writeOff).post("/reconciliation/exceptions/{id}/resolve", line.get("id")), 403, "FORBIDDEN");
        }
        assertProblem(Api.invalidRequestAs(Camt.checker()).body(Map.of("resolution", "WRITE_OF", "reason", "typo"))
                .post("/reconciliation/exceptions/{id}/resolve", line.get("id")), 400, "VALIDATION_FAILED");
        assertThat(Ledgers.balance(account.get("id"))).isEqualTo(before);

        String operationId = Api.as(Camt.checker()).body(writeOff).post("/reconciliation/exceptions/{id}/resolve", line.get("id"))
                .then().statusCode(200).body(at("resolvedBy", equalTo("recon-bob"))).extract().jsonPath().getString("operationId");
        // the bank's CRDT is money in: our clearing settlement account debited, the suspense account credited
        JsonPath op = Api.as(Tokens.admin()).get("/operations/{id}", operationId).then().statusCode(200).extract().jsonPath();
        assertThat(op.getString("debitAccountId")).isEqualTo(account.get("id"));
        assertThat(op.getString("amount")).isEqualTo("15000.00");
        assertThat(new java.math.BigDecimal(Ledgers.balance(account.get("id"))))
                .isEqualByComparingTo(new java.math.BigDecimal(before).subtract(new java.math.BigDecimal("15000.00")));
        // a write-off is the desk's: nobody submits one, and nothing acts on it
        assertProblem(Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("type", "RECONCILIATION_WRITE_OFF", "amount", "1.00",
                "currency", "EUR", "debitAccountId", account.get("id"))).post("/operations"), 400, "VALIDATION_FAILED");
        assertProblem(Api.as(Tokens.supervisor(day.unit)).body(Map.of("reason", "undo"))
                .post("/operations/{id}/reverse", operationId), 409, "INVALID_TRANSITION");
    }

    private static List<Map<String, Object>> queue(String accountId) {
        return Api.as(Tokens.auditor()).queryParam("accountId", accountId).get("/reconciliation/exceptions")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static Map<String, Object> find(List<Map<String, Object>> queue, String kind, String amount) {
        return queue.stream().filter(q -> kind.equals(q.get("kind")) && amount.equals(q.get("amount"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " of " + amount + " in " + queue));
    }

    /** The resource ids of the feed's events of this type, read to its end (the feed is oldest first). */
    private static List<String> events(String type) {
        List<String> ids = new java.util.ArrayList<>();
        String after = null;
        while (true) {
            var request = Api.as(Tokens.admin()).queryParam("types", type).queryParam("limit", 200);
            Json.Page page = Json.page((after == null ? request : request.queryParam("after", after)).get("/events")
                    .then().statusCode(200).extract().response());
            if (page.items().isEmpty()) {
                return ids;
            }
            page.items().forEach(event -> ids.add((String) ((Map<?, ?>) event.get("resource")).get("id")));
            after = page.nextCursor();
        }
    }
}
