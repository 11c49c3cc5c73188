package fr.backoffice.clearing;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Outgoing payment files (pacs.008) and their acknowledgement, through HTTP, read back with XPath. */
@QuarkusTest
class PaymentFilesTest {

    private static final String TX = "/d:Document/d:FIToFICstmrCdtTrf/d:CdtTrfTxInf";

    @Test
    void executed_external_transfers_go_into_one_pacs008_file_with_every_field_the_scheme_needs() throws Exception {
        Clearing.drain();
        String paris = Fixtures.unit();
        String lyon = Fixtures.unit();
        String from = Fixtures.currentAccount(paris);
        String other = Fixtures.currentAccount(lyon);
        Ledgers.fund(from, "900.00");
        Ledgers.fund(other, "900.00");
        // 70 characters, the most a creditor name may have; "Œ" becomes "OE" in the SEPA set, so it must be cut again
        String longName = "Œuvres Générales d'Équipements & Fournitures Industrielles du Grand Es";
        JsonPath first = Clearing.externalTransfer(from, "100.10", "Dupont SARL", "INV-2026-0042");
        JsonPath second = Clearing.externalTransfer(other, "250.00", longName, "Facture n°12 // été");
        JsonPath third = Clearing.externalTransfer(from, "0.90", "Zoë Œuvre", null);

        JsonPath file = Clearing.closeFile();

        assertThat(file.getString("status")).isEqualTo("GENERATED");
        assertThat(file.getInt("numberOfTransactions")).isEqualTo(3);
        assertThat(file.getString("controlSum")).isEqualTo("351.00");
        assertThat(file.getString("currency")).isEqualTo("EUR");
        assertThat(file.getString("messageId")).matches("BO-\\d{8}-\\d{8}");
        assertThat(file.getList("operationIds", String.class))
                .containsExactly(first.getString("id"), second.getString("id"), third.getString("id"));

        byte[] document = Clearing.document(file.getString("id"));
        assertThat(Clearing.document(file.getString("id"))).isEqualTo(document);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document)))
                .isEqualTo(file.getString("sha256"));

        Clearing.Xml xml = new Clearing.Xml(document, "pacs.008.001.08");
        String header = "/d:Document/d:FIToFICstmrCdtTrf/d:GrpHdr";
        assertThat(xml.text(header + "/d:MsgId")).isEqualTo(file.getString("messageId"));
        assertThat(xml.text(header + "/d:CreDtTm")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(xml.text(header + "/d:NbOfTxs")).isEqualTo("3");
        assertThat(xml.text(header + "/d:TtlIntrBkSttlmAmt")).isEqualTo("351.00");
        assertThat(xml.text(header + "/d:TtlIntrBkSttlmAmt/@Ccy")).isEqualTo("EUR");
        assertThat(xml.text(header + "/d:IntrBkSttlmDt")).isEqualTo(file.getString("settlementDate"));
        assertThat(xml.text(header + "/d:SttlmInf/d:SttlmMtd")).isEqualTo("CLRG");
        assertThat(xml.count(TX)).isEqualTo(3);

        JsonPath debtor = Ledgers.account(from);
        assertThat(xml.text(TX + "[1]/d:PmtId/d:EndToEndId")).isEqualTo("INV-2026-0042");
        assertThat(xml.text(TX + "[1]/d:PmtId/d:TxId")).isEqualTo(first.getString("id").replace("-", ""));
        assertThat(xml.text(TX + "[1]/d:IntrBkSttlmAmt")).isEqualTo("100.10");
        assertThat(xml.text(TX + "[1]/d:IntrBkSttlmAmt/@Ccy")).isEqualTo("EUR");
        assertThat(xml.text(TX + "[1]/d:ChrgBr")).isEqualTo("SLEV");
        assertThat(xml.text(TX + "[1]/d:Dbtr/d:Nm")).isEqualTo(debtor.getString("holder.name"));
        assertThat(xml.text(TX + "[1]/d:DbtrAcct/d:Id/d:IBAN")).isEqualTo(debtor.getString("iban"));
        assertThat(xml.text(TX + "[1]/d:DbtrAgt/d:FinInstnId/d:BICFI")).isEqualTo("BOFRFRPPXXX");
        assertThat(xml.text(TX + "[1]/d:CdtrAgt/d:FinInstnId/d:BICFI")).isEqualTo(first.getString("creditor.bic"))
                .isEqualTo(Fixtures.EXTERNAL_BIC);
        assertThat(xml.count(TX + "/d:CdtrAgt/d:FinInstnId/d:Othr")).isZero();
        assertThat(xml.text(TX + "[1]/d:Cdtr/d:Nm")).isEqualTo("Dupont SARL");
        assertThat(xml.text(TX + "[1]/d:CdtrAcct/d:Id/d:IBAN")).isEqualTo(first.getString("creditor.iban"));
        // a reference outside the SEPA character set is not sent: the id is the EndToEndId
        assertThat(xml.text(TX + "[2]/d:PmtId/d:EndToEndId")).isEqualTo(second.getString("id").replace("-", ""));
        String cut = xml.text(TX + "[2]/d:Cdtr/d:Nm");
        assertThat(cut).hasSize(70).isEqualTo("OEuvres Generales d'Equipements + Fournitures Industrielles du Grand E");
        assertThat(xml.text(TX + "[2]/d:Dbtr/d:Nm")).isEqualTo(Ledgers.account(other).getString("holder.name"));
        assertThat(xml.text(TX + "[3]/d:IntrBkSttlmAmt")).isEqualTo("0.90");
        assertThat(xml.text(TX + "[3]/d:Cdtr/d:Nm")).isEqualTo("Zoe OEuvre");
        assertThat(xml.text(TX + "[3]/d:PmtId/d:EndToEndId")).isEqualTo(third.getString("id").replace("-", ""));
        for (int i = 1; i <= 3; i++) {
            assertThat(xml.text(TX + "[" + i + "]/d:Cdtr/d:Nm") + xml.text(TX + "[" + i + "]/d:Dbtr/d:Nm"))
                    .matches("[A-Za-z0-9/\\-?:().,'+ ]*");
        }

        JsonPath filed = Clearing.operation(second.getString("id"));
        assertThat(filed.getString("paymentFileId")).isEqualTo(file.getString("id"));
        assertThat(filed.getString("endToEndId")).isEqualTo(second.getString("id").replace("-", ""));
        assertThat(Api.as(Tokens.admin()).get("/payment-files/{id}", file.getString("id")).then().statusCode(200)
                .extract().jsonPath().getString("sha256")).isEqualTo(file.getString("sha256"));
        assertThat(Api.as(Tokens.auditor()).get("/payment-files").then().statusCode(200).extract().jsonPath()
                .getString("items[0].id")).isEqualTo(file.getString("id"));
        // the money has left: a reversal is refused, the clearing system alone gives it back
        assertProblem(Api.as(Tokens.supervisor(paris)).body(Map.of("reason", "customer asked"))
                .post("/operations/{id}/reverse", first.getString("id")), 409, "SENT_TO_CLEARING");
        assertProblem(Api.as(Tokens.clearing(Clearing.CLOSER)).post("/payment-files"), 422, "NOTHING_TO_SEND");
        assertThat(Api.as(Tokens.admin()).queryParam("types", "payment-file.generated").queryParam("limit", 200)
                .get("/events").then().statusCode(200).extract().jsonPath().getList("items.resource.id", String.class))
                .contains(file.getString("id"));
    }

    @Test
    void a_file_of_varied_transfers_passes_the_iso_and_the_epc_schemas() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "1100.00");
        // 140 characters, the most a label may have: accents, an ampersand, a ß that becomes two letters
        String label = ("Loyer & charges Décembre 2026 – Résidence Les Érables, bâtiment Ä, Straße " + "x".repeat(80)).substring(0, 140);
        Map<String, Object> given = new java.util.HashMap<>(Map.of("type", "TRANSFER", "amount", "12.34", "currency", "EUR",
                "debitAccountId", from, "label", label, "reference", "LOYER-2026-12",
                "creditor", Map.of("name", "Société Immobilière & Foncière de l'Île-de-France – Gestion Locative SA".substring(0, 70),
                        "iban", org.iban4j.Iban.random(org.iban4j.CountryCode.NO).toString(), "bic", "DNBANOKK")));
        JsonPath withBic = Ledgers.submit(Tokens.frontOffice(), given);
        JsonPath fromDirectory = Clearing.externalTransfer(from, "999.99", "Jürgen Groß & Söhne GmbH", "RE 2026/12/001");
        JsonPath plain = Clearing.externalTransfer(from, "0.01", "A", null);

        JsonPath file = Clearing.closeFile();
        // the tests' HTTP client validated it against ISO's pacs.008.001.08 and the EPC's SCT inter-PSP schema
        Clearing.Xml xml = new Clearing.Xml(Clearing.document(file.getString("id")), "pacs.008.001.08");

        assertThat(xml.count(TX)).isEqualTo(3);
        assertThat(xml.text(TX + "[1]/d:CdtrAgt/d:FinInstnId/d:BICFI")).isEqualTo("DNBANOKK");
        assertThat(xml.text(TX + "[1]/d:PmtId/d:EndToEndId")).isEqualTo("LOYER-2026-12");
        assertThat(xml.text(TX + "[1]/d:Cdtr/d:Nm")).hasSize(70).startsWith("Societe Immobiliere + Fonciere de l'Ile-de-France");
        assertThat(xml.text(TX + "[1]/d:RmtInf/d:Ustrd")).hasSize(140)
                .startsWith("Loyer + charges Decembre 2026 . Residence Les Erables, batiment A, Strasse x");
        assertThat(xml.text(TX + "[2]/d:CdtrAgt/d:FinInstnId/d:BICFI")).isEqualTo(fromDirectory.getString("creditor.bic"))
                .isEqualTo(Fixtures.EXTERNAL_BIC);
        assertThat(xml.text(TX + "[2]/d:PmtId/d:EndToEndId")).isEqualTo("RE 2026/12/001");
        assertThat(xml.text(TX + "[2]/d:Cdtr/d:Nm")).isEqualTo("Jurgen Gross + Sohne GmbH");
        assertThat(xml.text(TX + "[2]/d:IntrBkSttlmAmt")).isEqualTo("999.99");
        assertThat(xml.text(TX + "[3]/d:IntrBkSttlmAmt")).isEqualTo("0.01");
        assertThat(xml.text(TX + "[3]/d:PmtId/d:EndToEndId")).isEqualTo(plain.getString("id").replace("-", ""));
        for (int i = 1; i <= 3; i++) {
            assertThat(xml.text(TX + "[" + i + "]/d:PmtTpInf/d:SvcLvl/d:Cd")).isEqualTo("SEPA");
            assertThat(xml.text(TX + "[" + i + "]/d:ChrgBr")).isEqualTo("SLEV");
        }
        assertThat(file.getString("controlSum")).isEqualTo("1012.34");
        assertThat(withBic.getString("creditor.bic")).isEqualTo("DNBANOKK");
    }

    @Test
    void two_files_closed_at_the_same_moment_take_each_transfer_exactly_once() throws Exception {
        Clearing.drain();
        String unit = Fixtures.unit();
        // from three accounts: 30 from one in a minute would be for four eyes (docs/operations-and-ledger.md "Velocity rules")
        List<String> from = List.of(Fixtures.currentAccount(unit), Fixtures.currentAccount(unit), Fixtures.currentAccount(unit));
        from.forEach(account -> Ledgers.fund(account, "100.00"));
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            sent.add(Clearing.externalTransfer(from.get(i % 3), "1.00", "Creditor " + i, null).getString("id"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<JsonPath>> closers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            closers.add(() -> {
                io.restassured.response.Response r = Api.as(Tokens.clearing(Clearing.CLOSER)).post("/payment-files");
                assertThat(r.statusCode()).isIn(201, 422);
                return r.statusCode() == 201 ? r.jsonPath() : null;
            });
        }
        List<String> filed = new ArrayList<>();
        int files = 0;
        for (Future<JsonPath> result : pool.invokeAll(closers)) {
            JsonPath file = result.get();
            if (file != null) {
                files++;
                filed.addAll(file.getList("operationIds", String.class));
                assertThat(file.getInt("numberOfTransactions")).isEqualTo(file.getList("operationIds").size());
            }
        }
        pool.shutdown();
        assertThat(files).isGreaterThanOrEqualTo(1);
        assertThat(filed).doesNotHaveDuplicates();
        assertThat(new HashSet<>(filed)).isEqualTo(sent);
    }

    @Test
    void an_accepted_file_moves_its_money_from_outgoing_transfers_to_clearing_settlement() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "500.00");
        Clearing.externalTransfer(from, "120.00", "Dupont SARL", null);
        Clearing.externalTransfer(from, "30.50", "Martin SA", null);
        assertThat(Clearing.internalBalance(unit, "Outgoing transfers")).isEqualTo("150.50");
        JsonPath file = Clearing.closeFile();

        assertProblem(Api.invalidRequestAs(Tokens.clearing(Clearing.CHECKER)).body(Map.of("outcome", "MAYBE"))
                .post("/payment-files/{id}/acknowledge", file.getString("id")), 400, "INVALID_JSON");
        assertProblem(Api.as(Tokens.clearing(Clearing.CHECKER)).header("If-Match", "\"99\"").body(Map.of("outcome", "ACCEPTED"))
                .post("/payment-files/{id}/acknowledge", file.getString("id")), 412, "PRECONDITION_FAILED");
        JsonPath accepted = Api.as(Tokens.clearing(Clearing.CHECKER)).header("If-Match", "\"" + file.getInt("version") + "\"")
                .body(Map.of("outcome", "ACCEPTED")).post("/payment-files/{id}/acknowledge", file.getString("id"))
                .then().statusCode(200).extract().jsonPath();

        assertThat(accepted.getString("status")).isEqualTo("ACCEPTED");
        assertThat(accepted.getString("acknowledgedBy")).isNotBlank();
        assertThat(Clearing.internalBalance(unit, "Outgoing transfers")).isEqualTo("0.00");
        assertThat(Clearing.internalBalance(unit, "Clearing settlement")).isEqualTo("150.50");
        assertThat(Ledgers.balance(from)).isEqualTo("349.50");
        JsonPath settlements = Api.as(Tokens.admin()).queryParam("unit", unit).queryParam("type", "CLEARING_SETTLEMENT")
                .get("/operations").then().statusCode(200).extract().jsonPath();
        assertThat(settlements.getList("items.amount", String.class)).containsExactly("150.50");
        assertThat(settlements.getString("items[0].status")).isEqualTo("EXECUTED");
        assertProblem(Clearing.acknowledge(file.getString("id"), Map.of("outcome", "REJECTED", "reason", "late")),
                409, "INVALID_TRANSITION");
        assertProblem(Api.as(Tokens.agent(unit)).body(Map.of("outcome", "ACCEPTED"))
                .post("/payment-files/{id}/acknowledge", file.getString("id")), 403, "FORBIDDEN");
    }

    @Test
    void a_rejected_file_gives_every_transfer_back_to_its_debtor() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "500.00");
        String transfer = Clearing.externalTransfer(from, "200.00", "Dupont SARL", null).getString("id");
        JsonPath file = Clearing.closeFile();
        assertThat(Ledgers.balance(from)).isEqualTo("300.00");

        assertProblem(Api.invalidRequestAs(Tokens.clearing(Clearing.CHECKER)).body(Map.of("outcome", "REJECTED"))
                .post("/payment-files/{id}/acknowledge", file.getString("id")), 400, "VALIDATION_FAILED");
        JsonPath rejected = Clearing.acknowledge(file.getString("id"),
                Map.of("outcome", "REJECTED", "reason", "Duplicate message id")).then().statusCode(200).extract().jsonPath();

        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.getString("rejectionReason")).isEqualTo("Duplicate message id");
        assertThat(Ledgers.balance(from)).isEqualTo("500.00");
        assertThat(Clearing.internalBalance(unit, "Outgoing transfers")).isEqualTo("0.00");
        JsonPath returned = Clearing.operation(transfer);
        assertThat(returned.getString("status")).isEqualTo("RETURNED");
        assertThat(returned.getString("returnReason")).isEqualTo("NARR");
        assertThat(returned.getString("reasonComment")).contains("Duplicate message id");
        JsonPath refund = Clearing.operation(returned.getString("reversedBy"));
        assertThat(refund.getString("type")).isEqualTo("REVERSAL");
        assertThat(refund.getString("reversalOf")).isEqualTo(transfer);
        assertThat(refund.getString("creditAccountId")).isEqualTo(from);
        assertThat(Api.as(Tokens.admin()).queryParam("types", "operation.returned-by-clearing").queryParam("limit", 200)
                .get("/events").then().statusCode(200).extract().jsonPath().getList("items.resource.id", String.class))
                .contains(transfer);
    }

    @Test
    void the_clearing_desk_and_admins_close_files_and_auditors_read_them() {
        String unit = Fixtures.unit();
        assertProblem(Api.as(Tokens.agent(unit)).post("/payment-files"), 403, "FORBIDDEN");
        assertProblem(Api.as(Tokens.supervisor(unit)).post("/payment-files"), 403, "FORBIDDEN");
        assertProblem(Api.as(Tokens.frontOffice()).get("/payment-files"), 403, "FORBIDDEN");
        assertProblem(Api.as(Tokens.auditor()).post("/payment-files"), 403, "FORBIDDEN");
        assertProblem(Api.as(Tokens.admin()).get("/payment-files/{id}", "019ad0c4-2b7e-7f10-8c3d-5e6f7a8b9c0d"), 404, "NOT_FOUND");
        Api.as(Tokens.auditor()).get("/payment-files").then().statusCode(200).body(at("items", org.hamcrest.Matchers.notNullValue()));
        Api.as(Tokens.clearing(Clearing.CHECKER)).get("/payment-files").then().statusCode(200);
    }

    /**
     * Finding 1 of issue 18: a PAR-01 supervisor closed a file holding a LYO-01 transfer, read the LYO-01 customer's
     * name and IBAN in its pacs.008 and acknowledged it REJECTED. Files are the clearing desk's: a unit's supervisor
     * gets nothing of them, and the LYO-01 transfer stays as it is.
     */
    @Test
    void a_units_supervisor_neither_closes_nor_reads_nor_acknowledges_payment_files() {
        Clearing.drain();
        String paris = Fixtures.unit();
        String lyon = Fixtures.unit();
        String lyonCustomer = Fixtures.currentAccount(lyon);
        Ledgers.fund(lyonCustomer, "300.00");
        String transfer = Clearing.externalTransfer(lyonCustomer, "200.00", "Dupont SARL", null).getString("id");
        String parisSupervisor = Tokens.supervisor(paris);

        assertProblem(Api.as(parisSupervisor).post("/payment-files"), 403, "FORBIDDEN");
        String file = Clearing.closeFile().getString("id");
        assertProblem(Api.as(parisSupervisor).get("/payment-files"), 403, "FORBIDDEN");
        assertProblem(Api.as(parisSupervisor).get("/payment-files/{id}", file), 403, "FORBIDDEN");
        assertProblem(Api.as(parisSupervisor).accept("application/xml").get("/payment-files/{id}/document", file), 403, "FORBIDDEN");
        assertProblem(Api.as(parisSupervisor).body(Map.of("outcome", "REJECTED", "reason", "Rejected by STET"))
                .post("/payment-files/{id}/acknowledge", file), 403, "FORBIDDEN");
        // nor does Lyon's own supervisor: the clearing is the bank's, not a unit's
        assertProblem(Api.as(Tokens.supervisor(lyon)).accept("application/xml").get("/payment-files/{id}/document", file),
                403, "FORBIDDEN");

        assertThat(Clearing.operation(transfer).getString("status")).isEqualTo("EXECUTED");
        assertThat(Ledgers.balance(lyonCustomer)).isEqualTo("100.00");
        assertThat(Api.as(Tokens.auditor()).get("/payment-files/{id}", file).then().statusCode(200).extract().jsonPath()
                .getString("status")).isEqualTo("GENERATED");
    }

    @Test
    void whoever_closed_a_file_cannot_record_its_outcome() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        Clearing.externalTransfer(from, "40.00", "Dupont SARL", null);
        JsonPath file = Clearing.closeFile();
        assertThat(file.getString("createdBy")).isEqualTo(Clearing.CLOSER);

        for (Map<String, Object> outcome : List.<Map<String, Object>>of(Map.of("outcome", "ACCEPTED"),
                Map.of("outcome", "REJECTED", "reason", "Rejected by STET"))) {
            assertProblem(Api.as(Tokens.clearing(Clearing.CLOSER)).body(outcome)
                    .post("/payment-files/{id}/acknowledge", file.getString("id")), 403, "FOUR_EYES_VIOLATION");
        }
        // an admin who closed a file is held to the same rule
        Clearing.externalTransfer(from, "10.00", "Martin SA", null);
        JsonPath byAdmin = Api.as(Tokens.admin()).post("/payment-files").then().statusCode(201).extract().jsonPath();
        assertProblem(Api.as(Tokens.admin()).body(Map.of("outcome", "ACCEPTED"))
                .post("/payment-files/{id}/acknowledge", byAdmin.getString("id")), 403, "FOUR_EYES_VIOLATION");

        assertThat(Api.as(Tokens.auditor()).get("/payment-files/{id}", file.getString("id")).then().statusCode(200)
                .extract().jsonPath().getString("status")).isEqualTo("GENERATED");
        JsonPath accepted = Clearing.acknowledge(file.getString("id"), Map.of("outcome", "ACCEPTED")).then().statusCode(200)
                .extract().jsonPath();
        assertThat(accepted.getString("acknowledgedBy")).isEqualTo(Clearing.CHECKER);
        Clearing.acknowledge(byAdmin.getString("id"), Map.of("outcome", "ACCEPTED")).then().statusCode(200);
    }
}
