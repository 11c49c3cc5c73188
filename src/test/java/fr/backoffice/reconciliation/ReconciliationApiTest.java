package fr.backoffice.reconciliation;

import fr.backoffice.reconciliation.Camt.Tx;
import fr.backoffice.reconciliation.Day.Credit;
import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The settlement bank's statements of a unit's clearing settlement account, loaded and matched (docs/reconciliation.md
 * "Reconciliation"): each rule, the lines and entries left over in the queue, and their resolution.
 */
@QuarkusTest
class ReconciliationApiTest {

    private static final String ACME = "DE89370400440532013000";
    private static final String GLOBEX = "DE02120300000000202051";

    /**
     * A day: a payment file settled in one line, two credit batches (one booked as one line, one detailed), a return,
     * a credit found by amount, date and counterparty, a payment file's transactions against its settlement, a line the
     * ledger does not have and an entry the bank does not report. Every line ends MATCHED by its rule or in the queue,
     * and resolving the queue leaves both sides agreeing.
     */
    @Test
    void a_day_of_the_clearing_settlement_account_is_matched_rule_by_rule_and_what_is_left_is_resolved_by_hand() {
        Day.drain();
        Day day = new Day();
        // two credit batches from other banks
        String batch1 = Day.id("STET-A");
        day.incoming(batch1, List.of(new Credit("E2E-A1", "TA1", "100.00", "Acme GmbH", ACME),
                new Credit("E2E-A2", "TA2", "250.00", "Acme GmbH", ACME)));
        String batch2 = Day.id("STET-B");
        day.incoming(batch2, List.of(new Credit("NOTPROVIDED", "TB1", "40.00", "Globex", GLOBEX),
                new Credit("NOTPROVIDED", "TB2", "60.00", "Globex", GLOBEX)));
        // a credit the bank reports with no reference but its debtor
        day.incoming(Day.id("STET-C"), List.of(new Credit("NOTPROVIDED", "TC1", "77.00", "Initech", "DE75512108001245126199")));
        // a credit the bank will not report
        day.incoming(Day.id("STET-D"), List.of(new Credit("NOTPROVIDED", "TD1", "42.00", "Hooli", "DE91100000000123456789")));
        // a file of two transfers settled in one line, then returned one of them
        JsonPath t1 = day.transfer("120.00");
        JsonPath t2 = day.transfer("80.00");
        JsonPath file1 = Day.fileAccepted();
        Day.returned(file1.getString("messageId"), t2);
        // a file whose transactions the bank details one by one
        JsonPath t3 = day.transfer("30.00");
        JsonPath t4 = day.transfer("20.00");
        JsonPath file2 = Day.fileAccepted();
        Map<String, String> account = day.settlement();

        String messageId = Day.id("STMT");
        String statement = Camt.statement(messageId, 1, account.get("iban"), "1000.00", List.of(
                Camt.batch("350.00", "CRDT", batch1),
                Camt.details("100.00", "CRDT", new Tx("40.00", batch2, "NOTPROVIDED", "TB1", "Globex", null),
                        new Tx("60.00", batch2, "NOTPROVIDED", "TB2", "Globex", null)),
                Camt.details("77.00", "CRDT", new Tx("77.00", null, null, null, "Initech", "DE75512108001245126199")),
                Camt.batch("200.00", "DBIT", file1.getString("messageId")),
                Camt.details("80.00", "CRDT", new Tx("80.00", null, endToEndId(t2), null, "Dupont SARL", null)),
                Camt.details("50.00", "DBIT", new Tx("30.00", null, null, hex(t3), null, null),
                        new Tx("20.00", null, null, hex(t4), null, null)),
                Camt.details("5.00", "DBIT", new Tx("5.00", null, null, null, "Settlement bank", null)),
                Camt.details("42.00", "CRDT", new Tx("42.00", null, null, null, "H00LI INC", null))));

        JsonPath loaded = Camt.post(statement).then().statusCode(201).extract().jsonPath();
        assertThat(loaded.getString("accountId")).isEqualTo(account.get("id"));
        assertThat(loaded.getString("messageId")).isEqualTo(messageId);
        assertThat(loaded.getInt("lines")).isEqualTo(10);
        assertThat(loaded.getInt("matched")).isEqualTo(8);
        assertThat(loaded.getInt("unmatched")).isEqualTo(2);
        assertThat(loaded.getInt("unreportedEntries")).isEqualTo(1);

        JsonPath view = Api.as(Tokens.auditor()).get("/reconciliation/statements/{id}", loaded.getString("id"))
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = view.getList("items");
        assertThat(items.stream().map(i -> i.get("state") + " " + i.get("rule")).toList()).containsExactly(
                "MATCHED MESSAGE_ID", "MATCHED TRANSACTION_ID", "MATCHED TRANSACTION_ID", "MATCHED AMOUNT_DATE_COUNTERPARTY",
                "MATCHED MESSAGE_ID", "MATCHED END_TO_END_ID", "MATCHED PAYMENT_FILE", "MATCHED PAYMENT_FILE",
                "UNMATCHED null", "UNMATCHED null");
        // one line, the two credits of the first batch (one-to-many); two lines, the second file's settlement (many-to-one)
        assertThat((List<?>) items.get(0).get("entryIds")).hasSize(2);
        assertThat(items.get(6).get("entryIds")).isEqualTo(items.get(7).get("entryIds"));
        assertThat((List<?>) items.get(6).get("entryIds")).hasSize(1);
        assertThat(items.get(6).get("matchId")).isEqualTo(items.get(7).get("matchId"));
        assertThat(view.getList("unreportedEntryIds")).hasSize(1);

        // the queue: the fee line, the Hooli line, the Hooli entry
        List<Map<String, Object>> queue = queue(account.get("id"));
        assertThat(queue).extracting(q -> q.get("kind") + " " + q.get("amount") + " " + q.get("creditDebit"))
                .containsExactlyInAnyOrder("STATEMENT_LINE 5.00 DBIT", "STATEMENT_LINE 42.00 CRDT", "LEDGER_ENTRY 42.00 CRDT");
        Map<String, Object> fee = find(queue, "STATEMENT_LINE", "5.00");
        Map<String, Object> hooliEntry = find(queue, "LEDGER_ENTRY", "42.00");
        Map<String, Object> hooliLine = find(queue, "STATEMENT_LINE", "42.00");

        Api.as(Camt.desk()).body(Map.of("resolution", "BANK_ERROR", "reason", "Fee charged in error, refund announced"))
                .post("/reconciliation/exceptions/{id}/resolve", fee.get("id")).then().statusCode(200)
                .body(at("status", equalTo("RESOLVED"))).body(at("resolution", equalTo("BANK_ERROR")));
        Api.as(Camt.desk()).body(Map.of("resolution", "MANUAL_MATCH", "reason", "Hooli's credit, the bank misspelt the name",
                        "lineIds", List.of(hooliLine.get("lineId"))))
                .post("/reconciliation/exceptions/{id}/resolve", hooliEntry.get("id")).then().statusCode(200)
                .body(at("status", equalTo("RESOLVED"))).body(at("resolution", equalTo("MANUAL_MATCH")))
                .body(at("matchedTo", equalTo(List.of(hooliLine.get("lineId")))));
        // the line's own item went with it
        Api.as(Tokens.auditor()).get("/reconciliation/exceptions/{id}", hooliLine.get("id")).then().statusCode(200)
                .body(at("status", equalTo("RESOLVED"))).body(at("resolution", equalTo("MANUAL_MATCH")));
        assertThat(queue(account.get("id"))).isEmpty();
        Api.as(Tokens.auditor()).get("/reconciliation/statements/{id}", loaded.getString("id")).then().statusCode(200)
                .body(at("items[9].state", equalTo("MATCHED"))).body(at("items[9].rule", equalTo("MANUAL")))
                .body(at("items[8].state", equalTo("UNMATCHED")));

        assertThat(events("reconciliation-statement.loaded")).contains(loaded.getString("id"));
        assertThat(events("reconciliation-exception.resolved")).contains((String) fee.get("id"), (String) hooliEntry.get("id"),
                (String) hooliLine.get("id"));
        Api.as(Tokens.auditor()).queryParam("currency", "EUR").get("/ledger/trial-balance").then().statusCode(200)
                .body(at("balanced", equalTo(true)));
    }

    /** The same document again answers what it did; another document under its MsgId or number is refused. */
    @Test
    void a_statement_loaded_again_is_a_replay_and_another_under_its_message_id_or_number_is_refused() {
        Day day = new Day();
        day.incoming(Day.id("STET-R"), List.of(new Credit("E2E-R1", "TR1", "10.00", "Acme GmbH", ACME)));
        String iban = day.settlement().get("iban");
        String messageId = Day.id("STMT");
        String statement = Camt.statement(messageId, 7, iban, "0.00", List.of(
                Camt.details("10.00", "CRDT", new Tx("10.00", null, "E2E-R1", null, null, null))));
        JsonPath first = Camt.post(statement).then().statusCode(201).extract().jsonPath();
        assertThat(first.getBoolean("replayed")).isFalse();

        JsonPath again = Camt.post(statement).then().statusCode(200).extract().jsonPath();
        assertThat(again.getString("id")).isEqualTo(first.getString("id"));
        assertThat(again.getBoolean("replayed")).isTrue();
        assertThat(again.getInt("matched")).isEqualTo(1);

        String sameId = Camt.statement(messageId, 8, iban, "10.00", List.of());
        assertProblem(Camt.post(sameId), 409, "STATEMENT_ALREADY_LOADED");
        String sameNumber = Camt.statement(Day.id("STMT"), 7, iban, "10.00", List.of());
        assertProblem(Camt.post(sameNumber), 409, "STATEMENT_ALREADY_LOADED");
        // with an Idempotency-Key, the retry gets the stored answer
        String next = Camt.statement(Day.id("STMT"), 8, iban, "10.00", List.of());
        String key = java.util.UUID.randomUUID().toString();
        String created = Api.as(Camt.desk()).header("Idempotency-Key", key).contentType("application/xml").body(next.getBytes())
                .post("/reconciliation/statements").then().statusCode(201).extract().jsonPath().getString("id");
        Api.as(Camt.desk()).header("Idempotency-Key", key).contentType("application/xml").body(next.getBytes())
                .post("/reconciliation/statements").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body(at("id", equalTo(created)));
    }

    /** An end-of-day statement opens with the last one's closing balance, or it is refused naming the gap. */
    @Test
    void a_statement_that_does_not_open_with_the_last_closing_balance_is_refused_naming_the_gap() {
        Day day = new Day();
        day.incoming(Day.id("STET-G"), List.of(new Credit("E2E-G1", "TG1", "10.00", "Acme GmbH", ACME)));
        String iban = day.settlement().get("iban");
        Camt.post(Camt.statement(Day.id("STMT"), 1, iban, "500.00", List.of(
                Camt.details("10.00", "CRDT", new Tx("10.00", null, "E2E-G1", null, null, null))))).then().statusCode(201);

        JsonPath gap = assertProblem(Camt.post(Camt.statement(Day.id("STMT"), 3, iban, "530.00", List.of())), 422, "BALANCE_GAP");
        assertThat(gap.getString("detail")).contains("530.00", "510.00", "a gap of 20.00", "ElctrncSeqNb 2");
        assertThat(gap.getString("errors[0].field")).isEqualTo("/Document/BkToCstmrStmt/Stmt/Bal");
        // nothing was loaded: the right one still follows
        Camt.post(Camt.statement(Day.id("STMT"), 2, iban, "510.00", List.of())).then().statusCode(201);
    }

    /** Group totals and balances that disagree with the entries refuse the statement whole. */
    @Test
    void totals_or_balances_that_disagree_with_the_entries_refuse_the_statement_whole() {
        Day day = new Day();
        day.incoming(Day.id("STET-T"), List.of(new Credit("E2E-T1", "TT1", "10.00", "Acme GmbH", ACME)));
        String iban = day.settlement().get("iban");
        List<Camt.Entry> entries = List.of(Camt.details("10.00", "CRDT", new Tx("10.00", null, "E2E-T1", null, null, null)));
        String wrongCount = Camt.statement(Day.id("STMT"), 1, iban, "0.00", "10.00", entries,
                Camt.summary(entries).replace("<NbOfNtries>1</NbOfNtries><Sum>10.00", "<NbOfNtries>2</NbOfNtries><Sum>10.00"));
        assertThat(assertProblem(Camt.post(wrongCount), 400, "INVALID_MESSAGE").getString("errors[0].field"))
                .isEqualTo("/Document/BkToCstmrStmt/Stmt/TxsSummry/TtlNtries/NbOfNtries");
        String wrongSum = Camt.statement(Day.id("STMT"), 1, iban, "0.00", "10.00", entries,
                Camt.summary(entries).replace("<TtlCdtNtries><NbOfNtries>1</NbOfNtries><Sum>10.00", "<TtlCdtNtries><NbOfNtries>1</NbOfNtries><Sum>11.00"));
        assertThat(assertProblem(Camt.post(wrongSum), 400, "INVALID_MESSAGE").getString("errors[0].field"))
                .isEqualTo("/Document/BkToCstmrStmt/Stmt/TxsSummry/TtlCdtNtries/Sum");
        String wrongClosing = Camt.statement(Day.id("STMT"), 1, iban, "0.00", "12.00", entries, Camt.summary(entries));
        assertThat(assertProblem(Camt.post(wrongClosing), 400, "INVALID_MESSAGE").getString("errors[0].field"))
                .isEqualTo("/Document/BkToCstmrStmt/Stmt/Bal[2]");
        String wrongBatch = Camt.statement(Day.id("STMT"), 1, iban, "0.00", List.of(Camt.details("10.00", "CRDT",
                new Tx("4.00", null, "E2E-T1", null, null, null), new Tx("5.00", null, "X", null, null, null))));
        assertThat(assertProblem(Camt.post(wrongBatch), 400, "INVALID_MESSAGE").getString("errors[0].field"))
                .isEqualTo("/Document/BkToCstmrStmt/Stmt/Ntry/Amt");
        // nothing half-loaded: the right statement is the first
        Camt.post(Camt.statement(Day.id("STMT"), 1, iban, "0.00", entries)).then().statusCode(201).body(at("matched", equalTo(1)));
    }

    /** Malformed and hostile documents are 4xx problems, never a 500, and load nothing. */
    @Test
    void malformed_and_hostile_documents_are_refused_with_problems() {
        Day day = new Day();
        day.incoming(Day.id("STET-H"), List.of(new Credit("E2E-H1", "TH1", "10.00", "Acme GmbH", ACME)));
        String iban = day.settlement().get("iban");
        String good = Camt.statement(Day.id("STMT"), 1, iban, "0.00", List.of());
        String xxe = good.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")
                .replace("<Id>STMT", "<Id>&x;STMT");
        assertProblem(invalid(xxe), 400, "INVALID_MESSAGE");
        assertProblem(invalid("not xml at all"), 400, "INVALID_MESSAGE");
        assertProblem(invalid(good.replace("camt.053.001.08", "pacs.008.001.08")), 400, "INVALID_MESSAGE");
        assertProblem(invalid(good.replace("<Cd>OPBD</Cd>", "<Cd>PRCD</Cd>")), 400, "INVALID_MESSAGE");
        String deep = good.replace("<GrpHdr>", "<GrpHdr>" + "<a>".repeat(40) + "</a>".repeat(40));
        assertProblem(invalid(deep), 413, "MESSAGE_LIMIT_EXCEEDED");
        assertThat(oversized()).startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE");
        assertProblem(Camt.post(Camt.statement(Day.id("STMT"), 1, day.customerIban, "0.00", List.of())), 422,
                "UNKNOWN_SETTLEMENT_ACCOUNT");
        // nothing was loaded
        Camt.post(good).then().statusCode(201);
    }

    /** A camt.054 notification is matched like a statement; it names no balance and reports no entry unseen. */
    @Test
    void an_intraday_camt054_notification_is_matched_and_reports_nothing_unseen() {
        Day day = new Day();
        day.incoming(Day.id("STET-N"), List.of(new Credit("NOTPROVIDED", "TN1", "15.00", "Acme GmbH", ACME),
                new Credit("NOTPROVIDED", "TN2", "16.00", "Acme GmbH", ACME)));
        String iban = day.settlement().get("iban");
        String notification = Camt.notification(Day.id("NTF"), 1, iban, List.of(
                Camt.details("15.00", "CRDT", new Tx("15.00", null, "NOTPROVIDED", "TN1", null, null)),
                new Camt.Entry("16.00", "CRDT", null, List.of(new Tx("16.00", null, null, "TN2", null, null)), "PDNG")));
        JsonPath loaded = Camt.post(notification).then().statusCode(201).extract().jsonPath();
        assertThat(loaded.getString("messageType")).isEqualTo("camt.054.001.08");
        assertThat(loaded.getInt("lines")).isEqualTo(1);
        assertThat(loaded.getInt("matched")).isEqualTo(1);
        assertThat(loaded.getInt("unreportedEntries")).isZero();
        Api.as(Tokens.admin()).get("/reconciliation/statements/{id}", loaded.getString("id")).then().statusCode(200)
                .body(at("openingBalance", equalTo(null))).body(at("items[0].rule", equalTo("TRANSACTION_ID")));
    }

    /** The reconciliation desk and admins load and resolve, auditors read, nobody else. */
    @Test
    void only_the_reconciliation_desk_and_admins_load_and_resolve_auditors_read() {
        Day day = new Day();
        day.incoming(Day.id("STET-P"), List.of(new Credit("NOTPROVIDED", "TP1", "9.00", "Acme GmbH", ACME)));
        String iban = day.settlement().get("iban");
        String statement = Camt.statement(Day.id("STMT"), 1, iban, "0.00", List.of());
        for (String token : List.of(Tokens.frontOffice(), Tokens.supervisor(day.unit), Tokens.agent(day.unit), Tokens.auditor(),
                Tokens.clearing("clearing-someone"))) {
            assertProblem(Camt.post(statement, token), 403, "FORBIDDEN");
        }
        String id = Camt.post(statement, Tokens.admin()).then().statusCode(201).extract().jsonPath().getString("id");
        Map<String, Object> entry = queue(day.settlement().get("id")).get(0);
        for (String token : List.of(Tokens.frontOffice(), Tokens.supervisor(day.unit))) {
            assertProblem(Api.as(token).get("/reconciliation/statements/{id}", id), 403, "FORBIDDEN");
            assertProblem(Api.as(token).get("/reconciliation/exceptions"), 403, "FORBIDDEN");
            assertProblem(Api.as(token).body(Map.of("resolution", "BANK_ERROR", "reason", "x"))
                    .post("/reconciliation/exceptions/{id}/resolve", entry.get("id")), 403, "FORBIDDEN");
        }
        assertProblem(Api.as(Tokens.auditor()).post("/reconciliation/exceptions/{id}/claim", entry.get("id")), 403, "FORBIDDEN");
        Api.as(Tokens.auditor()).get("/reconciliation/statements/{id}", id).then().statusCode(200);
        // an entry of ours is no error of the bank's
        assertProblem(Api.as(Tokens.admin()).body(Map.of("resolution", "BANK_ERROR", "reason", "x"))
                .post("/reconciliation/exceptions/{id}/resolve", entry.get("id")), 422, "RESOLUTION_NOT_ALLOWED");
    }

    /** From the approval threshold, one person claims an item and another resolves it. */
    @Test
    void from_the_approval_threshold_one_person_claims_and_another_resolves() {
        Day day = new Day();
        day.incoming(Day.id("STET-F"), List.of(new Credit("NOTPROVIDED", "TF1", "10.00", "Acme GmbH", ACME)));
        String iban = day.settlement().get("iban");
        Camt.post(Camt.statement(Day.id("STMT"), 1, iban, "0.00", List.of(
                Camt.details("12000.00", "CRDT", new Tx("12000.00", null, null, null, "Big Corp", null))))).then().statusCode(201);
        Map<String, Object> line = find(queue(day.settlement().get("id")), "STATEMENT_LINE", "12000.00");
        Map<String, Object> error = Map.of("resolution", "BANK_ERROR", "reason", "Not ours: the bank booked another bank's credit");
        assertProblem(Api.as(Camt.desk()).body(error).post("/reconciliation/exceptions/{id}/resolve", line.get("id")), 409, "CLAIM_REQUIRED");
        Api.as(Camt.desk()).post("/reconciliation/exceptions/{id}/claim", line.get("id")).then().statusCode(200)
                .body(at("status", equalTo("CLAIMED"))).body(at("assignee", equalTo("recon-ann")));
        assertProblem(Api.as(Camt.desk()).body(error).post("/reconciliation/exceptions/{id}/resolve", line.get("id")), 403, "FOUR_EYES_VIOLATION");
        Api.as(Camt.checker()).body(error).post("/reconciliation/exceptions/{id}/resolve", line.get("id")).then().statusCode(200)
                .body(at("status", equalTo("RESOLVED"))).body(at("resolvedBy", equalTo("recon-bob")));
        assertProblem(Api.as(Camt.checker()).body(error).post("/reconciliation/exceptions/{id}/resolve", line.get("id")), 409,
                "INVALID_TRANSITION");
        assertThat(events("reconciliation-exception.claimed")).contains((String) line.get("id"));
    }

    /** A statement announced over 5 MiB is refused before it is read (the answer comes while it is still being sent). */
    private static String oversized() {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /reconciliation/statements HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Camt.desk() + "\r\nContent-Type: application/xml\r\n"
                    + "Content-Length: " + (5 * 1024 * 1024 + 1) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            byte[] chunk = new byte[1024];
            for (int read; !answer.toString().contains("PAYLOAD_TOO_LARGE") && (read = socket.getInputStream().read(chunk)) > 0; ) {
                answer.append(new String(chunk, 0, read, java.nio.charset.StandardCharsets.UTF_8));
            }
            return answer.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static io.restassured.response.Response invalid(String xml) {
        return Api.invalidRequestAs(Camt.desk()).contentType("application/xml").body(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/reconciliation/statements");
    }

    private static List<Map<String, Object>> queue(String accountId) {
        return Api.as(Tokens.auditor()).queryParam("accountId", accountId).get("/reconciliation/exceptions")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static Map<String, Object> find(List<Map<String, Object>> queue, String kind, String amount) {
        return queue.stream().filter(q -> kind.equals(q.get("kind")) && amount.equals(q.get("amount"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " of " + amount + " in " + queue));
    }

    private static String hex(JsonPath operation) {
        return operation.getString("id").replace("-", "");
    }

    private static String endToEndId(JsonPath operation) {
        return Api.as(Tokens.admin()).get("/operations/{id}", operation.getString("id")).then().statusCode(200)
                .extract().jsonPath().getString("endToEndId");
    }

    /** The resource ids of the feed's events of this type (the latest 200). */
    private static List<String> events(String type) {
        return Api.as(Tokens.admin()).queryParam("types", type).queryParam("limit", 200).get("/events").then().statusCode(200)
                .extract().jsonPath().getList("items.resource.id", String.class);
    }
}
