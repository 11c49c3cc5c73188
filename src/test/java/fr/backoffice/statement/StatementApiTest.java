package fr.backoffice.statement;

import fr.backoffice.support.Contract;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Problems;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Ledgers.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code GET /accounts/{id}/statements/{date}}: a business day of an account as camt.053.001.08 or JSON, whose
 * balances are the ledger's. Entries are posted now by the database's clock, so the days read are today (the
 * statement so far) and yesterday (no entry).
 */
@QuarkusTest
class StatementApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String XML = "application/xml";

    /** The account, its counterpart in the same unit, and the operations of the day, in the order they posted. */
    private record Day(String unit, String account, String other, JsonPath accountView, JsonPath otherView,
                       String creditorIban, Map<String, String> operations) {
    }

    @Test
    void todays_statement_lists_every_entry_with_balances_that_match_the_ledger() throws Exception {
        Day day = aBusyDay();
        LocalDate today = LocalDate.now(PARIS);
        JsonPath json = Api.as(Tokens.agent(day.unit())).get("/accounts/{id}/statements/{date}", day.account(), today.toString())
                .then().statusCode(200).contentType("application/json").extract().jsonPath();

        // the statement, the account, the day
        String iban = day.accountView().getString("iban");
        assertThat(json.getString("id")).isEqualTo(today.toString().replace("-", "") + iban).hasSizeLessThanOrEqualTo(35);
        assertThat(json.getString("messageId")).matches("[0-9a-f]{32}");
        assertThat(json.getString("accountId")).isEqualTo(day.account());
        assertThat(json.getString("iban")).isEqualTo(iban);
        assertThat(json.getString("currency")).isEqualTo("EUR");
        assertThat(json.getString("ownerName")).isEqualTo(day.accountView().getString("holder.name"));
        assertThat(json.getString("date")).isEqualTo(today.toString());
        assertThat(json.getBoolean("complete")).isFalse();
        Instant start = today.atStartOfDay(PARIS).toInstant();
        assertThat(Instant.parse(json.getString("from"))).isEqualTo(start);

        // the balances are the ledger's at the instants the statement gives, and the entries between them
        assertThat(json.getString("openingBalance.at")).isEqualTo(start.minus(1, ChronoUnit.MICROS).toString());
        assertThat(json.getString("openingBalance.amount")).isEqualTo("0.00")
                .isEqualTo(balanceAt(day.account(), json.getString("openingBalance.at")))
                .isEqualTo(balanceAt(day.account(), today.toString()));
        assertThat(json.getString("openingBalance.creditDebit")).isEqualTo("CRDT");
        assertThat(json.getString("closingBalance.at")).isEqualTo(json.getString("to")).isEqualTo(json.getString("createdAt"));
        assertThat(json.getString("closingBalance.amount"))
                .isEqualTo(balanceAt(day.account(), json.getString("closingBalance.at")))
                .isEqualTo(Ledgers.balance(day.account()))
                .isEqualTo("618.00");
        assertThat(json.getString("closingBalance.creditDebit")).isEqualTo("CRDT");
        assertThat(json.getString("closingBalance.date")).isEqualTo(today.toString());
        List<String> amounts = json.getList("entries.amount");
        BigDecimal sum = amounts.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(new BigDecimal(json.getString("openingBalance.amount")).add(sum))
                .isEqualByComparingTo(json.getString("closingBalance.amount"));

        // one entry per ledger entry of the day, in posting order
        List<String> ledgerEntries = Api.as(Tokens.admin()).queryParam("from", today.toString())
                .get("/accounts/{id}/entries", day.account()).then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(json.getList("entries.entryId", String.class)).isEqualTo(ledgerEntries);
        assertThat(json.getList("entries.operationType", String.class)).containsExactly("CASH_DEPOSIT", "CASH_WITHDRAWAL",
                "TRANSFER", "TRANSFER", "TRANSFER", "FEE", "CHEQUE_DEPOSIT", "REVERSAL");
        assertThat(amounts).containsExactly("1000.00", "-100.00", "-200.00", "50.00", "-300.00", "-12.00", "80.00", "100.00");
        assertThat(json.getList("entries.creditDebit", String.class))
                .containsExactly("CRDT", "DBIT", "DBIT", "CRDT", "DBIT", "DBIT", "CRDT", "CRDT");
        assertThat(json.getList("entries.operationId", String.class)).containsExactlyElementsOf(day.operations().values());
        assertThat(json.getList("entries.bookingDate", String.class)).containsOnly(today.toString());
        assertThat(json.getList("entries.valueDate", String.class)).doesNotContainNull();
        assertThat(codes(json)).containsExactly("PMNT/CNTR/CDPT", "PMNT/CNTR/CWDL", "PMNT/ICDT/ESCT", "PMNT/RCDT/ESCT",
                "PMNT/ICDT/ESCT", "ACMT/MDOP/CHRG", "PMNT/RCHQ/CCHQ", "ACMT/MCOP/ADJT");
        String rent = day.operations().get("rent");
        assertThat(json.getString("entries[2].endToEndId")).isEqualTo("INV-2026-1142");
        assertThat(json.getString("entries[2].transactionId")).isEqualTo(rent.replace("-", ""));
        assertThat(json.getString("entries[0].endToEndId")).isEqualTo(day.operations().get("deposit").replace("-", ""));
        assertThat(json.getString("entries[2].label")).isEqualTo("Rent November");
        // counterparties: the other account both ways, the external creditor, the cheque's drawer, none for cash
        Map<String, Object> other = Map.of("name", day.otherView().getString("holder.name"), "iban", day.otherView().getString("iban"));
        assertThat(json.getMap("entries[2].counterparty")).isEqualTo(other);
        assertThat(json.getMap("entries[3].counterparty")).isEqualTo(other);
        assertThat(json.getString("entries[4].counterparty.name")).isEqualTo("Dupont SARL");
        assertThat(json.getString("entries[4].counterparty.iban")).isEqualTo(day.creditorIban());
        assertThat(json.getString("entries[6].counterparty.name")).isEqualTo("Jean Durand");
        assertThat(json.getString("entries[6].counterparty.iban")).isNull();
        assertThat(json.getString("entries[0].counterparty")).isNull();
        assertThat(json.getString("entries[1].counterparty")).isNull();
        assertThat(json.getString("entries[5].counterparty")).isNull();
        // the totals
        assertThat(json.getInt("summary.numberOfEntries")).isEqualTo(8);
        assertThat(json.getInt("summary.numberOfCredits")).isEqualTo(4);
        assertThat(json.getString("summary.sumOfCredits")).isEqualTo("1230.00");
        assertThat(json.getInt("summary.numberOfDebits")).isEqualTo(4);
        assertThat(json.getString("summary.sumOfDebits")).isEqualTo("612.00");
        assertThat(json.getString("summary.net")).isEqualTo("618.00");
        assertThat(new BigDecimal(json.getString("summary.net"))).isEqualByComparingTo(sum);

        // the same statement as camt.053: every field, the same numbers
        Response response = Api.as(Tokens.agent(day.unit())).accept(XML)
                .get("/accounts/{id}/statements/{date}", day.account(), today.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(XML);
        Xml xml = new Xml(response.asByteArray());
        assertThat(xml.text("/c:Document/c:BkToCstmrStmt/c:GrpHdr/c:MsgId")).matches("[0-9a-f]{32}");
        // read after the JSON one: created then or later, written to the second
        assertThat(Instant.parse(xml.text("/c:Document/c:BkToCstmrStmt/c:GrpHdr/c:CreDtTm")))
                .isAfterOrEqualTo(Instant.parse(json.getString("createdAt")).truncatedTo(ChronoUnit.SECONDS));
        String stmt = "/c:Document/c:BkToCstmrStmt/c:Stmt";
        assertThat(xml.text(stmt + "/c:Id")).isEqualTo(json.getString("id"));
        assertThat(xml.text(stmt + "/c:CreDtTm")).isEqualTo(xml.text("/c:Document/c:BkToCstmrStmt/c:GrpHdr/c:CreDtTm"));
        assertThat(Instant.parse(xml.text(stmt + "/c:FrToDt/c:FrDtTm"))).isEqualTo(start);
        assertThat(xml.text(stmt + "/c:Acct/c:Id/c:IBAN")).isEqualTo(iban);
        assertThat(xml.text(stmt + "/c:Acct/c:Ccy")).isEqualTo("EUR");
        assertThat(xml.text(stmt + "/c:Acct/c:Ownr/c:Nm")).isEqualTo(json.getString("ownerName"));
        assertThat(xml.text(stmt + "/c:Bal[c:Tp/c:CdOrPrtry/c:Cd='OPBD']/c:Amt")).isEqualTo("0.00");
        assertThat(xml.text(stmt + "/c:Bal[c:Tp/c:CdOrPrtry/c:Cd='OPBD']/c:Amt/@Ccy")).isEqualTo("EUR");
        assertThat(xml.text(stmt + "/c:Bal[c:Tp/c:CdOrPrtry/c:Cd='OPBD']/c:CdtDbtInd")).isEqualTo("CRDT");
        assertThat(xml.text(stmt + "/c:Bal[c:Tp/c:CdOrPrtry/c:Cd='OPBD']/c:Dt/c:Dt")).isEqualTo(today.toString());
        assertThat(xml.text(stmt + "/c:Bal[c:Tp/c:CdOrPrtry/c:Cd='CLBD']/c:Amt")).isEqualTo("618.00");
        assertThat(xml.text(stmt + "/c:Bal[c:Tp/c:CdOrPrtry/c:Cd='CLBD']/c:CdtDbtInd")).isEqualTo("CRDT");
        assertThat(xml.text(stmt + "/c:Bal[c:Tp/c:CdOrPrtry/c:Cd='CLBD']/c:Dt/c:Dt")).isEqualTo(today.toString());
        assertThat(xml.count(stmt + "/c:Bal")).isEqualTo(2);
        assertThat(xml.text(stmt + "/c:TxsSummry/c:TtlNtries/c:NbOfNtries")).isEqualTo("8");
        assertThat(xml.text(stmt + "/c:TxsSummry/c:TtlNtries/c:Sum")).isEqualTo("1842.00");
        assertThat(xml.text(stmt + "/c:TxsSummry/c:TtlNtries/c:TtlNetNtry/c:Amt")).isEqualTo("618.00");
        assertThat(xml.text(stmt + "/c:TxsSummry/c:TtlNtries/c:TtlNetNtry/c:CdtDbtInd")).isEqualTo("CRDT");
        assertThat(xml.text(stmt + "/c:TxsSummry/c:TtlCdtNtries/c:NbOfNtries")).isEqualTo("4");
        assertThat(xml.text(stmt + "/c:TxsSummry/c:TtlCdtNtries/c:Sum")).isEqualTo("1230.00");
        assertThat(xml.text(stmt + "/c:TxsSummry/c:TtlDbtNtries/c:NbOfNtries")).isEqualTo("4");
        assertThat(xml.text(stmt + "/c:TxsSummry/c:TtlDbtNtries/c:Sum")).isEqualTo("612.00");
        assertThat(xml.text(stmt + "/c:AddtlStmtInf")).startsWith("Statement so far");

        assertThat(xml.count(stmt + "/c:Ntry")).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            String ntry = stmt + "/c:Ntry[" + (i + 1) + "]";
            String line = "entries[" + i + "].";
            String amount = json.getString(line + "amount");
            assertThat(xml.text(ntry + "/c:NtryRef")).isEqualTo(json.getString(line + "entryId").replace("-", ""));
            assertThat(xml.text(ntry + "/c:Amt")).isEqualTo(amount.replace("-", ""));
            assertThat(xml.text(ntry + "/c:Amt/@Ccy")).isEqualTo("EUR");
            assertThat(xml.text(ntry + "/c:CdtDbtInd")).isEqualTo(json.getString(line + "creditDebit"))
                    .isEqualTo(amount.startsWith("-") ? "DBIT" : "CRDT");
            assertThat(xml.text(ntry + "/c:Sts/c:Cd")).isEqualTo("BOOK");
            assertThat(xml.text(ntry + "/c:BookgDt/c:Dt")).isEqualTo(today.toString());
            assertThat(xml.text(ntry + "/c:ValDt/c:Dt")).isEqualTo(json.getString(line + "valueDate"));
            assertThat(xml.text(ntry + "/c:BkTxCd/c:Domn/c:Cd") + "/" + xml.text(ntry + "/c:BkTxCd/c:Domn/c:Fmly/c:Cd") + "/"
                    + xml.text(ntry + "/c:BkTxCd/c:Domn/c:Fmly/c:SubFmlyCd")).isEqualTo(codes(json).get(i));
            String tx = ntry + "/c:NtryDtls/c:TxDtls";
            assertThat(xml.text(tx + "/c:Refs/c:EndToEndId")).isEqualTo(json.getString(line + "endToEndId"));
            assertThat(xml.text(tx + "/c:Refs/c:TxId")).isEqualTo(json.getString(line + "operationId").replace("-", ""));
            assertThat(xml.text(tx + "/c:Amt")).isEqualTo(amount.replace("-", ""));
            assertThat(xml.text(tx + "/c:CdtDbtInd")).isEqualTo(json.getString(line + "creditDebit"));
            assertThat(xml.text(tx + "/c:RmtInf/c:Ustrd")).isEqualTo(orEmpty(json.getString(line + "label")));
            String party = amount.startsWith("-") ? "Cdtr" : "Dbtr";
            String notParty = amount.startsWith("-") ? "Dbtr" : "Cdtr";
            assertThat(xml.text(tx + "/c:RltdPties/c:" + party + "/c:Pty/c:Nm"))
                    .isEqualTo(orEmpty(json.getString(line + "counterparty.name")));
            assertThat(xml.text(tx + "/c:RltdPties/c:" + party + "Acct/c:Id/c:IBAN"))
                    .isEqualTo(orEmpty(json.getString(line + "counterparty.iban")));
            assertThat(xml.count(tx + "/c:RltdPties/c:" + notParty)).isZero();
        }
        assertThat(xml.text(stmt + "/c:Ntry[3]/c:NtryDtls/c:TxDtls/c:RltdPties/c:Cdtr/c:Pty/c:Nm"))
                .isEqualTo(day.otherView().getString("holder.name"));
        assertThat(xml.text(stmt + "/c:Ntry[4]/c:NtryDtls/c:TxDtls/c:RltdPties/c:DbtrAcct/c:Id/c:IBAN"))
                .isEqualTo(day.otherView().getString("iban"));
        assertThat(xml.text(stmt + "/c:Ntry[5]/c:NtryDtls/c:TxDtls/c:RltdPties/c:CdtrAcct/c:Id/c:IBAN")).isEqualTo(day.creditorIban());
        assertThat(xml.text(stmt + "/c:Ntry[7]/c:NtryDtls/c:TxDtls/c:RltdPties/c:Dbtr/c:Pty/c:Nm")).isEqualTo("Jean Durand");
        assertThat(xml.count(stmt + "/c:Ntry[1]/c:NtryDtls/c:TxDtls/c:RltdPties")).isZero();

        // the other side of the transfers, on the counterpart's own statement
        JsonPath theirs = Api.as(Tokens.auditor()).get("/accounts/{id}/statements/{date}", day.other(), today.toString())
                .then().statusCode(200).extract().jsonPath();
        assertThat(theirs.getList("entries.amount", String.class)).containsExactly("100.00", "200.00", "-50.00");
        assertThat(codes(theirs)).containsExactly("PMNT/CNTR/CDPT", "PMNT/RCDT/ESCT", "PMNT/ICDT/ESCT");
        assertThat(theirs.getString("entries[1].counterparty.iban")).isEqualTo(iban);
        assertThat(theirs.getString("entries[2].counterparty.iban")).isEqualTo(iban);
    }

    @Test
    void the_documented_example_has_the_shape_of_a_real_answer() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        Ledgers.fund(account, "10.00");
        Map<String, Object> real = Api.as(Tokens.admin())
                .get("/accounts/{id}/statements/{date}", account, LocalDate.now(PARIS).toString())
                .then().statusCode(200).extract().jsonPath().getMap("");
        ObjectMapper json = new ObjectMapper();
        JsonNode example = Contract.served().at("/paths/~1accounts~1{id}~1statements~1{date}/get/responses/200/content/application~1json/examples");
        JsonNode value = example.elements().next().path("value");
        if (value.isTextual()) {
            value = json.readTree(value.asText());
        }
        Map<String, Object> documented = json.convertValue(value, new TypeReference<>() {
        });
        assertThat(documented.keySet()).isEqualTo(real.keySet());
        assertThat(((Map<?, ?>) documented.get("summary")).keySet()).isEqualTo(((Map<?, ?>) real.get("summary")).keySet());
        assertThat(((Map<?, ?>) documented.get("openingBalance")).keySet())
                .isEqualTo(((Map<?, ?>) real.get("openingBalance")).keySet());
        assertThat(((Map<?, ?>) ((List<?>) documented.get("entries")).get(0)).keySet())
                .isEqualTo(((Map<?, ?>) ((List<?>) real.get("entries")).get(0)).keySet());
    }

    @Test
    void an_open_authorization_is_information_on_the_statement_never_an_entry() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String other = Fixtures.currentAccount(unit);
        Ledgers.fund(account, "100.00");
        String id = Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("debitAccountId", account, "creditAccountId", other, "amount", "40.00", "currency", "EUR"))
                .post("/authorizations").then().statusCode(201).extract().path("id");
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString()).body(Map.of("amount", "15.00"))
                .post("/authorizations/{id}/capture", id).then().statusCode(200);
        String today = LocalDate.now(PARIS).toString();

        JsonPath json = Api.as(Tokens.agent(unit)).get("/accounts/{id}/statements/{date}", account, today)
                .then().statusCode(200).extract().jsonPath();
        assertThat(json.getInt("authorizations.open")).isEqualTo(1);
        assertThat(json.getString("authorizations.reserved")).isEqualTo("25.00");
        // the deposit and the capture are booked; what remains reserved is not
        assertThat(json.getList("entries.amount", String.class)).containsExactly("100.00", "-15.00");
        assertThat(json.getString("closingBalance.amount")).isEqualTo("85.00");
        Xml xml = new Xml(Api.as(Tokens.agent(unit)).accept(XML).get("/accounts/{id}/statements/{date}", account, today)
                .then().statusCode(200).extract().asByteArray());
        assertThat(xml.text("/c:Document/c:BkToCstmrStmt/c:Stmt/c:AddtlStmtInf"))
                .endsWith("1 authorization(s) open, reserving 25.00 EUR (not booked)");

        Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/authorizations/{id}/void", id).then().statusCode(200);
        json = Api.as(Tokens.agent(unit)).get("/accounts/{id}/statements/{date}", account, today)
                .then().statusCode(200).extract().jsonPath();
        assertThat(json.getInt("authorizations.open")).isZero();
        assertThat(json.getString("authorizations.reserved")).isEqualTo("0.00");
    }

    @Test
    void a_day_without_entries_still_has_both_balances() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        Ledgers.fund(account, "75.00");
        LocalDate yesterday = LocalDate.now(PARIS).minusDays(1);
        JsonPath json = Api.as(Tokens.frontOffice()).get("/accounts/{id}/statements/{date}", account, yesterday.toString())
                .then().statusCode(200).extract().jsonPath();
        assertThat(json.getBoolean("complete")).isTrue();
        assertThat(json.getList("entries")).isEmpty();
        assertThat(json.getInt("summary.numberOfEntries")).isZero();
        Instant end = yesterday.plusDays(1).atStartOfDay(PARIS).toInstant();
        assertThat(json.getString("to")).isEqualTo(end.minus(1, ChronoUnit.MICROS).toString());
        assertThat(json.getString("openingBalance.amount")).isEqualTo("0.00")
                .isEqualTo(balanceAt(account, json.getString("openingBalance.at")));
        assertThat(json.getString("closingBalance.amount")).isEqualTo("0.00")
                .isEqualTo(balanceAt(account, json.getString("closingBalance.at")))
                .isEqualTo(balanceAt(account, LocalDate.now(PARIS).toString()));

        Xml xml = new Xml(Api.as(Tokens.supervisor(unit)).accept(XML)
                .get("/accounts/{id}/statements/{date}", account, yesterday.toString())
                .then().statusCode(200).extract().asByteArray());
        String stmt = "/c:Document/c:BkToCstmrStmt/c:Stmt";
        assertThat(xml.text(stmt + "/c:Bal[c:Tp/c:CdOrPrtry/c:Cd='OPBD']/c:Amt")).isEqualTo("0.00");
        assertThat(xml.text(stmt + "/c:Bal[c:Tp/c:CdOrPrtry/c:Cd='CLBD']/c:Amt")).isEqualTo("0.00");
        assertThat(xml.text(stmt + "/c:Bal[c:Tp/c:CdOrPrtry/c:Cd='CLBD']/c:Dt/c:Dt")).isEqualTo(yesterday.toString());
        assertThat(xml.count(stmt + "/c:Ntry")).isZero();
        assertThat(xml.count(stmt + "/c:AddtlStmtInf")).isZero();
        assertThat(xml.text(stmt + "/c:TxsSummry/c:TtlNtries/c:NbOfNtries")).isEqualTo("0");
    }

    @Test
    void an_overdrawn_account_shows_its_balance_as_a_debit() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.account(unit, "CURRENT", "EUR", "500.00").getString("id");
        submit(Tokens.frontOffice(), Map.of("type", "CASH_WITHDRAWAL", "amount", "120.50", "currency", "EUR",
                "debitAccountId", account));
        String today = LocalDate.now(PARIS).toString();
        Api.as(Tokens.admin()).get("/accounts/{id}/statements/{date}", account, today).then().statusCode(200)
                .body(at("closingBalance.amount", equalTo("-120.50")))
                .body(at("closingBalance.creditDebit", equalTo("DBIT")))
                .body(at("summary.net", equalTo("-120.50")));
        Xml xml = new Xml(Api.as(Tokens.admin()).accept(XML).get("/accounts/{id}/statements/{date}", account, today)
                .then().statusCode(200).extract().asByteArray());
        String closing = "/c:Document/c:BkToCstmrStmt/c:Stmt/c:Bal[c:Tp/c:CdOrPrtry/c:Cd='CLBD']";
        assertThat(xml.text(closing + "/c:Amt")).isEqualTo("120.50");
        assertThat(xml.text(closing + "/c:CdtDbtInd")).isEqualTo("DBIT");
        assertThat(xml.text("/c:Document/c:BkToCstmrStmt/c:Stmt/c:TxsSummry/c:TtlNtries/c:TtlNetNtry/c:CdtDbtInd")).isEqualTo("DBIT");
    }

    @Test
    void json_is_the_default_and_xml_is_chosen_by_accept() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String today = LocalDate.now(PARIS).toString();
        Api.as(Tokens.admin()).accept("*/*").get("/accounts/{id}/statements/{date}", account, today)
                .then().statusCode(200).contentType("application/json");
        Api.as(Tokens.admin()).accept("application/xml;q=0.9, application/json;q=0.5")
                .get("/accounts/{id}/statements/{date}", account, today).then().statusCode(200).contentType(XML);
        Response csv = Api.invalidRequestAs(Tokens.admin()).accept("text/csv")
                .get("/accounts/{id}/statements/{date}", account, today);
        Problems.assertProblem(csv, 406, "NOT_ACCEPTABLE");
    }

    @Test
    void a_future_day_is_422_and_a_malformed_one_400() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String later = LocalDate.now(PARIS).plusDays(2).toString();
        Problems.assertProblem(Api.as(Tokens.agent(unit)).get("/accounts/{id}/statements/{date}", account, later),
                422, "STATEMENT_DATE_IN_FUTURE");
        Problems.assertProblem(Api.as(Tokens.agent(unit)).accept(XML).get("/accounts/{id}/statements/{date}", account, later),
                422, "STATEMENT_DATE_IN_FUTURE");
        for (String bad : List.of("2026-13-01", "2026-02-30", "yesterday", "20261130", "2026-11-30T00:00:00Z")) {
            JsonPath problem = Problems.assertProblem(Api.invalidRequestAs(Tokens.agent(unit))
                    .get("/accounts/{id}/statements/{date}", account, bad), 400, "VALIDATION_FAILED");
            assertThat(problem.getString("errors[0].field")).as(bad).isEqualTo("date");
        }
    }

    @Test
    void another_units_agent_and_an_unknown_account_get_404() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String today = LocalDate.now(PARIS).toString();
        Problems.assertProblem(Api.as(Tokens.agent(Fixtures.unit())).get("/accounts/{id}/statements/{date}", account, today),
                404, "NOT_FOUND");
        Problems.assertProblem(Api.as(Tokens.supervisor(Fixtures.unit())).accept(XML)
                .get("/accounts/{id}/statements/{date}", account, today), 404, "NOT_FOUND");
        Problems.assertProblem(Api.as(Tokens.admin()).get("/accounts/{id}/statements/{date}", UUID.randomUUID().toString(), today),
                404, "NOT_FOUND");
        Problems.assertProblem(Api.invalidRequestAs(Tokens.admin()).get("/accounts/{id}/statements/{date}", "not-an-id", today),
                404, "NOT_FOUND");
        Api.as(Tokens.agent(unit)).get("/accounts/{id}/statements/{date}", account, today).then().statusCode(200);
    }

    /**
     * A fresh account's day: a cash deposit, a withdrawal, an internal transfer out and one in, an external transfer,
     * a fee, a cheque deposit, and the reversal of the withdrawal: 1000 - 100 - 200 + 50 - 300 - 12 + 80 + 100 = 618.
     */
    private static Day aBusyDay() {
        String unit = Fixtures.unit();
        JsonPath accountView = Fixtures.account(unit, "CURRENT", "EUR", "0.00");
        JsonPath otherView = Fixtures.account(unit, "CURRENT", "EUR", "0.00");
        String account = accountView.getString("id");
        String other = otherView.getString("id");
        Ledgers.fund(other, "100.00");
        Map<String, String> ops = new LinkedHashMap<>();
        ops.put("deposit", submit(Tokens.frontOffice(), Ledgers.cashDeposit(account, "1000.00")).getString("id"));
        ops.put("withdrawal", submit(Tokens.frontOffice(), Map.of("type", "CASH_WITHDRAWAL", "amount", "100.00",
                "currency", "EUR", "debitAccountId", account)).getString("id"));
        Map<String, Object> rent = Ledgers.transfer(account, other, "200.00");
        rent.put("reference", "INV-2026-1142");
        rent.put("label", "Rent November");
        ops.put("rent", submit(Tokens.frontOffice(), rent).getString("id"));
        ops.put("refund", submit(Tokens.frontOffice(), Ledgers.transfer(other, account, "50.00")).getString("id"));
        String creditorIban = Fixtures.externalIban();
        Map<String, Object> external = new HashMap<>(Map.of("type", "TRANSFER", "amount", "300.00", "currency", "EUR",
                "debitAccountId", account, "creditor", Map.of("name", "Dupont SARL", "iban", creditorIban)));
        ops.put("external", submit(Tokens.frontOffice(), external).getString("id"));
        String fee = submit(Tokens.frontOffice(), Map.of("type", "FEE", "amount", "12.00", "currency", "EUR",
                "debitAccountId", account, "vatRate", "20")).getString("id");
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", fee).then().statusCode(200).body(at("status", equalTo("EXECUTED")));
        ops.put("fee", fee);
        String cheque = submit(Tokens.frontOffice(), Map.of("type", "CHEQUE_DEPOSIT", "amount", "80.00", "currency", "EUR",
                "creditAccountId", account, "cheque", Map.of("number", "0012345", "drawerName", "Jean Durand",
                        "drawerBank", "Banque Exemple", "issueDate", LocalDate.now(PARIS).minusDays(2).toString())))
                .getString("id");
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", cheque).then().statusCode(200).body(at("status", equalTo("EXECUTED")));
        ops.put("cheque", cheque);
        String reversal = Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "Counter error"))
                .post("/operations/{id}/reverse", ops.get("withdrawal")).then().statusCode(200)
                .extract().jsonPath().getString("reversedBy");
        ops.put("reversal", reversal);
        return new Day(unit, account, other, accountView, otherView, creditorIban, ops);
    }

    private static String balanceAt(String account, String at) {
        return Api.as(Tokens.admin()).queryParam("at", at).get("/accounts/{id}/balance", account)
                .then().statusCode(200).extract().jsonPath().getString("ledgerBalance");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static List<String> codes(JsonPath statement) {
        List<Map<String, String>> codes = statement.getList("entries.bankTransactionCode");
        return codes.stream().map(code -> code.get("domain") + "/" + code.get("family") + "/" + code.get("subFamily")).toList();
    }

    /** A camt.053 document read back with namespace-aware XPath; {@code c:} is the camt.053.001.08 namespace. */
    private static final class Xml {
        private final Document document;
        private final XPath xpath;

        Xml(byte[] bytes) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
            } catch (Exception e) {
                throw new AssertionError("not well-formed XML: " + new String(bytes), e);
            }
            assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo(Camt053.NAMESPACE);
            xpath = XPathFactory.newInstance().newXPath();
            xpath.setNamespaceContext(new NamespaceContext() {
                @Override
                public String getNamespaceURI(String prefix) {
                    return "c".equals(prefix) ? Camt053.NAMESPACE : XMLConstants.NULL_NS_URI;
                }

                @Override
                public String getPrefix(String namespaceURI) {
                    return null;
                }

                @Override
                public Iterator<String> getPrefixes(String namespaceURI) {
                    return null;
                }
            });
        }

        String text(String path) {
            try {
                return xpath.evaluate(path, document);
            } catch (Exception e) {
                throw new AssertionError(path, e);
            }
        }

        int count(String path) {
            try {
                return ((NodeList) xpath.evaluate(path, document, XPathConstants.NODESET)).getLength();
            } catch (Exception e) {
                throw new AssertionError(path, e);
            }
        }
    }
}
