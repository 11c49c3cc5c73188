package fr.backoffice.common;

import fr.backoffice.filing.FilingApi;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Control characters in JSON text (docs/api.md "Calling the API"). Finding: U+0001 was accepted in a label and written
 * raw into that day's camt.053, which was then not well-formed XML. No text field of any body holds a C0 control
 * (U+0000-U+001F), DEL (U+007F) or a C1 control (U+0080-U+009F); tab, CR and LF only the fields a person writes
 * lines in (reasons, comments, descriptions). A refusal is 400 {@code VALIDATION_FAILED} naming the field, and
 * nothing is written. Bodies are sent as JSON text with escapes, as a client would.
 */
@QuarkusTest
class ControlCharactersTest {

    @Inject
    AgroalDataSource database;

    @Test
    void a_label_with_a_control_character_is_refused_naming_the_label_and_nothing_is_booked() {
        String account = Fixtures.currentAccount(Fixtures.unit());
        String body = """
                {"type": "CASH_DEPOSIT", "amount": "50.00", "currency": "EUR", "creditAccountId": "%s", "label": "Rent\\u0001November"}"""
                .formatted(account);
        JsonPath problem = assertProblem(Api.invalidRequestAs(Tokens.agent(unitOf(account)))
                .header("Idempotency-Key", "control-label-" + account).body(body).post("/operations"), 400, "VALIDATION_FAILED");
        assertThat(problem.getString("errors[0].field")).isEqualTo("label");
        assertThat(problem.getString("errors[0].message")).contains("U+0001");

        assertThat(Ledgers.balance(account)).isEqualTo("0.00");
        assertThat(Api.as(Tokens.auditor()).queryParam("accountId", account).get("/operations")
                .then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void a_single_line_field_refuses_tab_cr_and_lf_naming_the_field() {
        String unit = Fixtures.unit();
        for (String control : List.of("\\t", "\\n", "\\r")) {
            String customerId = Fixtures.newCustomerId();
            String holder = """
                    {"holder": {"name": "Camille%sMartin", "customerId": "%s"}, "type": "CURRENT", "currency": "EUR", "unit": "%s"}"""
                    .formatted(control, customerId, unit);
            JsonPath problem = assertProblem(Api.invalidRequestAs(Tokens.frontOffice()).body(holder).post("/accounts"),
                    400, "VALIDATION_FAILED");
            assertThat(problem.getList("errors.field", String.class)).as(control).containsExactly("holder.name");
            nothingOpenedFor(customerId);
        }

        String code = Fixtures.newUnitCode();
        JsonPath unitName = assertProblem(Api.invalidRequestAs(Tokens.admin())
                .body("{\"code\": \"" + code + "\", \"name\": \"Paris\\nOpéra\", \"region\": \"IdF\"}").post("/units"), 400, "VALIDATION_FAILED");
        assertThat(unitName.getList("errors.field", String.class)).containsExactly("name");
        Api.as(Tokens.auditor()).get("/units/{code}", code).then().statusCode(404);

        String debit = Fixtures.currentAccount(unit);
        String transfer = """
                {"type": "TRANSFER", "amount": "10.00", "currency": "EUR", "debitAccountId": "%s",
                 "creditor": {"name": "Dupont\\tSARL", "iban": "DE89370400440532013000"}, "reference": "INV\\n1"}""".formatted(debit);
        JsonPath creditor = assertProblem(Api.invalidRequestAs(Tokens.frontOffice())
                .header("Idempotency-Key", "control-creditor-" + debit).body(transfer).post("/operations"), 400, "VALIDATION_FAILED");
        assertThat(creditor.getString("errors[0].field")).isIn("creditor.name", "reference");
        assertThat(Api.as(Tokens.auditor()).queryParam("accountId", debit).get("/operations")
                .then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void del_c1_controls_and_nul_are_refused_like_the_other_controls() {
        String unit = Fixtures.unit();
        for (String control : List.of("\\u007f", "\\u0085", "\\u009f", "\\u0000", "\\u001b")) {
            String customerId = Fixtures.newCustomerId();
            String holder = """
                    {"holder": {"name": "Camille%sMartin", "customerId": "%s"}, "type": "CURRENT", "currency": "EUR", "unit": "%s"}"""
                    .formatted(control, customerId, unit);
            JsonPath problem = assertProblem(Api.invalidRequestAs(Tokens.frontOffice()).body(holder).post("/accounts"),
                    400, "VALIDATION_FAILED");
            assertThat(problem.getList("errors.field", String.class)).as(control).containsExactly("holder.name");
            nothingOpenedFor(customerId);
        }
        // the same characters sent raw (UTF-8, unescaped) rather than as escapes; JSON itself forbids raw C0
        String customerId = Fixtures.newCustomerId();
        String raw = """
                {"holder": {"name": "Camille\u0085Martin\u007f", "customerId": "%s"}, "type": "CURRENT", "currency": "EUR", "unit": "%s"}"""
                .formatted(customerId, unit);
        assertProblem(Api.invalidRequestAs(Tokens.frontOffice()).body(raw).post("/accounts"), 400, "VALIDATION_FAILED");
        nothingOpenedFor(customerId);
        // printable text beyond Latin-1 is text, not a control: accepted as sent
        Map<String, Object> accepted = Map.of("holder", Map.of("name", "Zoë Ørsted-Łukasz 王", "customerId", Fixtures.newCustomerId()),
                "type", "CURRENT", "currency", "EUR", "unit", unit);
        Api.as(Tokens.frontOffice()).body(accepted).post("/accounts").then().statusCode(201);
    }

    @Test
    void a_reason_may_span_lines_but_holds_no_other_control_character() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        JsonPath refused = assertProblem(Api.invalidRequestAs(Tokens.agent(unit))
                .body("{\"reason\": \"Card stolen\\u0007\"}").post("/accounts/{id}/freeze", account), 400, "VALIDATION_FAILED");
        assertThat(refused.getList("errors.field", String.class)).containsExactly("reason");
        assertThat(Api.as(Tokens.auditor()).get("/accounts/{id}", account).then().statusCode(200).extract().jsonPath()
                .getString("status")).isEqualTo("ACTIVE");

        String lines = "Customer called at 09:12:\n\tcard stolen in the metro\r\nblock everything";
        JsonPath frozen = Api.as(Tokens.agent(unit)).body(Map.of("reason", lines)).post("/accounts/{id}/freeze", account)
                .then().statusCode(200).extract().jsonPath();
        assertThat(frozen.getString("lastStatusChange.reason")).isEqualTo(lines);
    }

    @Test
    void text_inside_filing_content_is_held_to_the_same_rule() {
        String declarant = FilingApi.declarant("MONTHLY", "12-31", null).getString("id");
        Map<String, Object> content = new HashMap<>(FilingApi.annualContent("2026-03-31"));
        content.put("approvalDate", "2026-03-31\u0001");
        JsonPath problem = assertProblem(Api.invalidRequestAs(Tokens.frontOffice())
                .body(FilingApi.newFiling("ANNUAL_ACCOUNTS", declarant, "2025-01-01", "2025-12-31", content)).post("/filings"),
                400, "VALIDATION_FAILED");
        assertThat(problem.getList("errors.field", String.class)).containsExactly("content.approvalDate");
    }

    /**
     * Defence in depth, the XML side of the finding: text the request rules would refuse today may be stored already
     * (written before them), and a label may hold a line break. That day's camt.053 is still well-formed and valid
     * ({@link Api} checks every XML answer against the ISO schema): the line break is written as it is, each
     * character XML forbids as U+FFFD.
     */
    @Test
    void a_statement_of_a_day_whose_label_holds_a_line_break_and_stored_controls_is_well_formed() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        // from the front office, so that it executes at once (an agent's own submission waits for a colleague)
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", "control-statement-" + account)
                .body(Map.of("type", "CASH_DEPOSIT", "amount", "50.00", "currency", "EUR", "creditAccountId", account,
                        "label", "Rent November"))
                .post("/operations").then().statusCode(201);
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement local = connection.createStatement();
                 PreparedStatement label = connection.prepareStatement("update ledger_entry set label = ? where account_id = ?::uuid");
                 PreparedStatement holder = connection.prepareStatement("update account set holder_name = ? where id = ?::uuid")) {
                // ledger entries are append-only for every role (V3__operations_and_ledger.sql); as stored before the rule, then
                local.execute("set local session_replication_role = replica");
                label.setString(1, "Rent\nNovember \u0001\u001b");
                label.setString(2, account);
                assertThat(label.executeUpdate()).isEqualTo(1);
                holder.setString(1, "Camille\u0008Martin");
                holder.setString(2, account);
                assertThat(holder.executeUpdate()).isEqualTo(1);
            }
            connection.commit();
        }

        String today = LocalDate.now(ZoneId.of("Europe/Paris")).toString();
        Response camt = Api.as(Tokens.agent(unit)).accept("application/xml").get("/accounts/{id}/statements/{date}", account, today);
        assertThat(camt.statusCode()).isEqualTo(200);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(camt.asByteArray()));
        String ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";
        assertThat(xml.getElementsByTagNameNS(ns, "Ustrd").item(0).getTextContent()).isEqualTo("Rent\nNovember \ufffd\ufffd");
        assertThat(xml.getElementsByTagNameNS(ns, "Ownr").item(0).getTextContent().strip()).isEqualTo("Camille\ufffdMartin");
    }

    private static String unitOf(String account) {
        return Api.as(Tokens.auditor()).get("/accounts/{id}", account).then().statusCode(200).extract().jsonPath().getString("unit");
    }

    private static void nothingOpenedFor(String customerId) {
        assertThat(Api.as(Tokens.auditor()).queryParam("customerId", customerId).get("/accounts")
                .then().statusCode(200).extract().jsonPath().getList("items")).as("accounts of %s", customerId).isEmpty();
    }
}
