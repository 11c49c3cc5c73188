package fr.backoffice.clearing;

import fr.backoffice.clearing.Clearing.Return;
import fr.backoffice.clearing.Clearing.TxStatus;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clearing system's status report on a payment file (pacs.002.001.10, docs/clearing-and-statements.md
 * "Clearing and statements"): the file accepted, rejected, or partly, each transaction settled or given back with its
 * ISO 20022 reason; replay-safe; four eyes. No XSD of pacs.002.001.10 is at hand: the reports are shaped as SEPA
 * clearings send them.
 */
@QuarkusTest
class StatusReportsTest {

    private static String reportId() {
        return "CSM-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static String txId(JsonPath transfer) {
        return transfer.getString("id").replace("-", "");
    }

    private static List<String> settlements(String unit) {
        return Api.as(Tokens.admin()).queryParam("unit", unit).queryParam("type", "CLEARING_SETTLEMENT").get("/operations")
                .then().statusCode(200).extract().jsonPath().getList("items.amount", String.class);
    }

    private static List<String> events(String type) {
        return Api.as(Tokens.admin()).queryParam("types", type).queryParam("limit", 200).get("/events").then().statusCode(200)
                .extract().jsonPath().getList("items.resource.id", String.class);
    }

    @Test
    void an_accepted_report_settles_the_file_and_a_replay_posts_nothing() {
        Clearing.drain();
        String paris = Fixtures.unit();
        String lyon = Fixtures.unit();
        String parisCustomer = Fixtures.currentAccount(paris);
        String lyonCustomer = Fixtures.currentAccount(lyon);
        Ledgers.fund(parisCustomer, "300.00");
        Ledgers.fund(lyonCustomer, "300.00");
        Clearing.externalTransfer(parisCustomer, "120.00", "Dupont SARL", null);
        Clearing.externalTransfer(lyonCustomer, "80.00", "Martin SA", null);
        JsonPath file = Clearing.closeFile();
        String report = Clearing.pacs002(reportId(), file.getString("messageId"), "ACSC", null, List.of());
        String key = UUID.randomUUID().toString();

        JsonPath outcome = Api.as(Tokens.clearing(Clearing.CHECKER)).header("Idempotency-Key", key).contentType("application/xml")
                .body(report).post("/payment-files/status-reports").then().statusCode(200).extract().jsonPath();

        assertThat(outcome.getBoolean("applied")).isTrue();
        assertThat(outcome.getString("file.status")).isEqualTo("ACCEPTED");
        assertThat(outcome.getString("file.acknowledgedBy")).isEqualTo(Clearing.CHECKER);
        assertThat(outcome.getString("file.statusReportId")).isEqualTo(outcome.getString("messageId"));
        assertThat(outcome.getList("accepted", String.class)).containsExactlyElementsOf(file.getList("operationIds", String.class));
        assertThat(outcome.getList("rejected")).isEmpty();
        assertThat(settlements(paris)).containsExactly("120.00");
        assertThat(settlements(lyon)).containsExactly("80.00");
        assertThat(Clearing.internalBalance(paris, "Outgoing transfers")).isEqualTo("0.00");
        assertThat(Clearing.internalBalance(lyon, "Clearing settlement")).isEqualTo("80.00");
        assertThat(events("payment-file.accepted")).contains(file.getString("id"));

        // the same request again under its key: the stored answer
        Response again = Api.as(Tokens.clearing(Clearing.CHECKER)).header("Idempotency-Key", key).contentType("application/xml")
                .body(report).post("/payment-files/status-reports");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        // the clearing sends it again, no key: nothing posted, the file as it stands
        JsonPath replay = Clearing.postStatusReport(report).then().statusCode(200).extract().jsonPath();
        assertThat(replay.getBoolean("applied")).isFalse();
        assertThat(replay.getString("file.status")).isEqualTo("ACCEPTED");
        assertThat(replay.getList("accepted")).isEmpty();
        assertThat(settlements(paris)).containsExactly("120.00");
        // a report the file was not acknowledged with is no different: nothing posted
        JsonPath contrary = Clearing.postStatusReport(Clearing.pacs002(reportId(), file.getString("messageId"), "RJCT", "FF01", List.of()))
                .then().statusCode(200).extract().jsonPath();
        assertThat(contrary.getBoolean("applied")).isFalse();
        assertThat(Ledgers.balance(parisCustomer)).isEqualTo("180.00");
        // and the manual acknowledgement is refused
        assertProblem(Clearing.acknowledge(file.getString("id"), Map.of("outcome", "REJECTED", "reason", "late")), 409, "INVALID_TRANSITION");
    }

    @Test
    void a_rejected_report_gives_every_transfer_back_with_the_iso_reason() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "500.00");
        JsonPath first = Clearing.externalTransfer(from, "200.00", "Dupont SARL", null);
        JsonPath second = Clearing.externalTransfer(from, "50.00", "Martin SA", null);
        JsonPath file = Clearing.closeFile();

        JsonPath outcome = Clearing.postStatusReport(Clearing.pacs002(reportId(), file.getString("messageId"), "RJCT", "DU01", List.of()))
                .then().statusCode(200).extract().jsonPath();

        assertThat(outcome.getString("file.status")).isEqualTo("REJECTED");
        assertThat(outcome.getString("file.rejectionReason")).contains("DU01").contains("Rejected by the CSM");
        assertThat(outcome.getList("rejected.operationId", String.class)).containsExactly(first.getString("id"), second.getString("id"));
        assertThat(outcome.getList("rejected.reason", String.class)).containsExactly("DU01", "DU01");
        assertThat(Ledgers.balance(from)).isEqualTo("500.00");
        assertThat(Clearing.internalBalance(unit, "Outgoing transfers")).isEqualTo("0.00");
        JsonPath returned = Clearing.operation(first.getString("id"));
        assertThat(returned.getString("status")).isEqualTo("RETURNED");
        assertThat(returned.getString("returnReason")).isEqualTo("DU01");
        assertThat(returned.getString("reasonComment")).contains(outcome.getString("messageId"));
        assertThat(events("payment-file.rejected")).contains(file.getString("id"));
        assertThat(events("operation.returned-by-clearing")).contains(first.getString("id"), second.getString("id"));
    }

    @Test
    void a_partial_report_settles_what_was_accepted_and_gives_back_what_was_rejected() {
        Clearing.drain();
        String paris = Fixtures.unit();
        String lyon = Fixtures.unit();
        String parisCustomer = Fixtures.currentAccount(paris);
        String lyonCustomer = Fixtures.currentAccount(lyon);
        Ledgers.fund(parisCustomer, "500.00");
        Ledgers.fund(lyonCustomer, "500.00");
        JsonPath rejected = Clearing.externalTransfer(parisCustomer, "100.00", "Dupont SARL", "INV-" + UUID.randomUUID().toString().substring(0, 8));
        JsonPath accepted = Clearing.externalTransfer(parisCustomer, "40.00", "Martin SA", null);
        JsonPath unnamed = Clearing.externalTransfer(lyonCustomer, "25.00", "Durand SAS", null);
        JsonPath file = Clearing.closeFile();
        String report = Clearing.pacs002(reportId(), file.getString("messageId"), "PART", null, List.of(
                new TxStatus(rejected.getString("reference"), txId(rejected), "RJCT", "AC01"),
                new TxStatus(accepted.getString("id").replace("-", ""), null, "ACCP", null)));

        JsonPath outcome = Clearing.postStatusReport(report).then().statusCode(200).extract().jsonPath();

        assertThat(outcome.getString("file.status")).isEqualTo("PARTIALLY_ACCEPTED");
        assertThat(outcome.getList("accepted", String.class)).containsExactly(accepted.getString("id"), unnamed.getString("id"));
        assertThat(outcome.getList("rejected.operationId", String.class)).containsExactly(rejected.getString("id"));
        assertThat(outcome.getList("rejected.reason", String.class)).containsExactly("AC01");
        assertThat(settlements(paris)).containsExactly("40.00");
        assertThat(settlements(lyon)).containsExactly("25.00");
        assertThat(Ledgers.balance(parisCustomer)).isEqualTo("460.00");
        assertThat(Clearing.internalBalance(paris, "Outgoing transfers")).isEqualTo("0.00");
        assertThat(Clearing.internalBalance(paris, "Clearing settlement")).isEqualTo("40.00");
        assertThat(Clearing.operation(rejected.getString("id")).getString("returnReason")).isEqualTo("AC01");
        assertThat(Clearing.operation(accepted.getString("id")).getString("status")).isEqualTo("EXECUTED");
        assertThat(events("payment-file.partially-accepted")).contains(file.getString("id"));
        assertThat(Api.as(Tokens.auditor()).get("/ledger/verify").then().statusCode(200).extract().jsonPath()
                .getInt("differences")).isZero();

        // what was accepted is settled: the creditor's bank may still return it
        JsonPath returns = Clearing.post("/payment-files/returns", Clearing.pacs004("RTR-" + UUID.randomUUID().toString().substring(0, 8),
                        List.of(new Return(file.getString("messageId"), accepted.getString("id").replace("-", ""), txId(accepted), "40.00", "AC04"))),
                Tokens.admin()).then().statusCode(200).extract().jsonPath();
        assertThat(returns.getList("operationIds", String.class)).containsExactly(accepted.getString("id"));
        assertThat(Ledgers.balance(parisCustomer)).isEqualTo("500.00");
    }

    @Test
    void a_report_naming_an_unknown_file_or_transaction_or_no_final_status_is_refused_and_posts_nothing() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        JsonPath transfer = Clearing.externalTransfer(from, "60.00", "Dupont SARL", null);
        JsonPath file = Clearing.closeFile();
        String msgId = file.getString("messageId");

        JsonPath unknownFile = assertProblem(Clearing.postStatusReport(Clearing.pacs002(reportId(), "BO-19990101-00000001", "ACCP", null,
                List.of())), 422, "UNKNOWN_PAYMENT_FILE");
        assertThat(unknownFile.getString("errors[0].field")).isEqualTo("/Document/FIToFIPmtStsRpt/OrgnlGrpInfAndSts/OrgnlMsgId");
        JsonPath unknownTx = assertProblem(Clearing.postStatusReport(Clearing.pacs002(reportId(), msgId, "PART", null, List.of(
                new TxStatus(null, txId(transfer), "ACCP", null),
                new TxStatus("NOT-OURS", null, "RJCT", "AC01")))), 422, "UNKNOWN_TRANSACTION");
        assertThat(unknownTx.getString("errors[0].field")).isEqualTo("/Document/FIToFIPmtStsRpt/TxInfAndSts[2]");
        // the TxId and the EndToEndId must name the same transfer
        assertProblem(Clearing.postStatusReport(Clearing.pacs002(reportId(), msgId, "PART", null, List.of(
                new TxStatus("NOT-OURS", txId(transfer), "RJCT", "AC01")))), 422, "UNKNOWN_TRANSACTION");
        JsonPath pending = assertProblem(Clearing.postStatusReport(Clearing.pacs002(reportId(), msgId, "ACTC", null, List.of())),
                422, "STATUS_NOT_FINAL");
        assertThat(pending.getString("errors[0].field")).isEqualTo("/Document/FIToFIPmtStsRpt/OrgnlGrpInfAndSts/GrpSts");
        assertProblem(Clearing.postStatusReport(Clearing.pacs002(reportId(), msgId, "PART", null, List.of(
                new TxStatus(null, txId(transfer), "PDNG", null)))), 422, "STATUS_NOT_FINAL");
        assertProblem(Clearing.postStatusReport(Clearing.pacs002(reportId(), msgId, "ACCP", null, List.of(
                new TxStatus(null, txId(transfer), "RJCT", "AC01")))), 400, "INVALID_MESSAGE");
        assertProblem(Api.invalidRequestAs(Tokens.clearing(Clearing.CHECKER)).contentType("application/xml").body("<Document/>")
                .post("/payment-files/status-reports"), 400, "INVALID_MESSAGE");

        assertThat(Api.as(Tokens.auditor()).get("/payment-files/{id}", file.getString("id")).then().statusCode(200)
                .extract().jsonPath().getString("status")).isEqualTo("GENERATED");
        assertThat(Clearing.operation(transfer.getString("id")).getString("status")).isEqualTo("EXECUTED");
        assertThat(Clearing.internalBalance(unit, "Outgoing transfers")).isEqualTo("60.00");
    }

    @Test
    void whoever_closed_the_file_cannot_post_its_status_report_and_a_units_supervisor_none() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        Clearing.externalTransfer(from, "60.00", "Dupont SARL", null);
        JsonPath file = Clearing.closeFile();
        String report = Clearing.pacs002(reportId(), file.getString("messageId"), "ACCP", null, List.of());

        assertProblem(Clearing.postStatusReport(report, Tokens.clearing(Clearing.CLOSER)), 403, "FOUR_EYES_VIOLATION");
        assertProblem(Clearing.postStatusReport(report, Tokens.supervisor(unit)), 403, "FORBIDDEN");
        assertProblem(Clearing.postStatusReport(report, Tokens.auditor()), 403, "FORBIDDEN");
        assertThat(Api.as(Tokens.auditor()).get("/payment-files/{id}", file.getString("id")).then().statusCode(200)
                .extract().jsonPath().getString("status")).isEqualTo("GENERATED");
        Clearing.postStatusReport(report, Tokens.admin()).then().statusCode(200);
    }
}
