package fr.backoffice.clearing;

import fr.backoffice.clearing.Clearing.Credit;
import fr.backoffice.clearing.Clearing.Return;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.IsoSchemas;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.path.json.JsonPath;
import org.iban4j.CountryCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Credits from other banks (pacs.008) and returns of our transfers (pacs.004), through HTTP. */
@QuarkusTest
class IncomingPaymentsTest {

    @Inject
    AgroalDataSource database;

    @Test
    void credits_to_open_accounts_are_posted_and_the_others_listed_for_return_once_even_when_replayed() {
        String unit = Fixtures.unit();
        JsonPath good = Ledgers.account(Fixtures.currentAccount(unit));
        JsonPath frozen = Ledgers.account(Fixtures.currentAccount(unit));
        Api.as(Tokens.agent(unit)).body(Map.of("reason", "Court order")).post("/accounts/{id}/freeze", frozen.getString("id"))
                .then().statusCode(200);
        JsonPath closed = Ledgers.account(Fixtures.currentAccount(unit));
        Api.as(Tokens.agent(unit)).post("/accounts/{id}/close", closed.getString("id")).then().statusCode(200);
        String unknown = org.iban4j.Iban.random(CountryCode.FR).toString();
        JsonPath dollars = Fixtures.account(unit, "CURRENT", "USD", "0.00");
        JsonPath internal = Fixtures.account(unit, "INTERNAL", "EUR", null);
        String messageId = "STET-" + UUID.randomUUID().toString().substring(0, 12);
        String xml = Clearing.pacs008(messageId, List.of(
                new Credit("E2E-GOOD", "1500.00", good.getString("iban")),
                new Credit("E2E-UNKNOWN", "10.00", unknown),
                new Credit("E2E-FROZEN", "20.00", frozen.getString("iban")),
                new Credit("E2E-CLOSED", "30.00", closed.getString("iban")),
                new Credit("E2E-USD", "40.00", dollars.getString("iban")),
                new Credit("E2E-INTERNAL", "50.00", internal.getString("iban"))));

        JsonPath report = Clearing.post("/payment-files/incoming", xml, Tokens.admin()).then().statusCode(200).extract().jsonPath();

        assertThat(report.getString("messageId")).isEqualTo(messageId);
        assertThat(report.getInt("accepted")).isEqualTo(1);
        assertThat(report.getInt("duplicates")).isZero();
        assertThat(report.getList("returned.endToEndId", String.class))
                .containsExactly("E2E-UNKNOWN", "E2E-FROZEN", "E2E-CLOSED", "E2E-USD", "E2E-INTERNAL");
        assertThat(report.getList("returned.reason", String.class)).containsExactly("AC01", "AG01", "AC04", "AM03", "AG01");
        assertThat(Ledgers.balance(dollars.getString("id"))).isEqualTo("0.00");
        assertThat(Ledgers.balance(good.getString("id"))).isEqualTo("1500.00");
        assertThat(Ledgers.balance(frozen.getString("id"))).isEqualTo("0.00");
        JsonPath credit = Clearing.operation(report.getString("operationIds[0]"));
        assertThat(credit.getString("type")).isEqualTo("INCOMING_TRANSFER");
        assertThat(credit.getString("status")).isEqualTo("EXECUTED");
        assertThat(credit.getString("creditAccountId")).isEqualTo(good.getString("id"));
        assertThat(credit.getString("endToEndId")).isEqualTo("E2E-GOOD");
        assertThat(credit.getString("debtor.name")).isEqualTo("Acme GmbH");
        assertThat(credit.getString("debtor.iban")).isEqualTo("DE89370400440532013000");
        assertThat(credit.getString("submittedBy")).isNotBlank();
        assertThat(Clearing.internalBalance(unit, "Clearing settlement")).isEqualTo("-1500.00");
        // the customer's statement shows who paid, and the EndToEndId to match it with
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString();
        JsonPath statement = Api.as(Tokens.auditor()).get("/accounts/{id}/statements/{date}", good.getString("id"), today)
                .then().statusCode(200).extract().jsonPath();
        assertThat(statement.getString("entries[0].endToEndId")).isEqualTo("E2E-GOOD");
        assertThat(statement.getString("entries[0].counterparty.name")).isEqualTo("Acme GmbH");
        assertThat(statement.getString("entries[0].counterparty.iban")).isEqualTo("DE89370400440532013000");
        assertThat(statement.getString("entries[0].bankTransactionCode.family")).isEqualTo("RCDT");

        JsonPath replay = Clearing.post("/payment-files/incoming", xml, Tokens.admin()).then().statusCode(200).extract().jsonPath();
        assertThat(replay.getInt("accepted")).isZero();
        assertThat(replay.getList("returned")).isEmpty();
        assertThat(replay.getInt("duplicates")).isEqualTo(6);
        assertThat(Ledgers.balance(good.getString("id"))).isEqualTo("1500.00");
        // an incoming credit is not the customer's to undo
        assertProblem(Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "try"))
                .post("/operations/{id}/reverse", credit.getString("id")), 409, "INVALID_TRANSITION");
    }

    @Test
    void two_credits_with_the_same_end_to_end_id_and_distinct_tx_ids_are_both_booked_and_a_replay_books_neither() {
        String unit = Fixtures.unit();
        JsonPath customer = Ledgers.account(Fixtures.currentAccount(unit));
        String messageId = "STET-" + UUID.randomUUID().toString().substring(0, 12);
        String xml = Clearing.pacs008(messageId, List.of(
                new Credit("NOTPROVIDED", messageId + "-1", "100.00", customer.getString("iban")),
                new Credit("NOTPROVIDED", messageId + "-2", "250.00", customer.getString("iban"))));

        JsonPath report = Clearing.post("/payment-files/incoming", xml, Tokens.admin()).then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("accepted")).isEqualTo(2);
        assertThat(report.getInt("duplicates")).isZero();
        assertThat(report.getList("returned")).isEmpty();
        assertThat(report.getList("operationIds", String.class)).hasSize(2).doesNotHaveDuplicates();
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("350.00");
        for (String id : report.getList("operationIds", String.class)) {
            // the payer's reference is kept as sent, though it identifies nothing
            assertThat(Clearing.operation(id).getString("endToEndId")).isEqualTo("NOTPROVIDED");
        }

        JsonPath replay = Clearing.post("/payment-files/incoming", xml, Tokens.admin()).then().statusCode(200).extract().jsonPath();
        assertThat(replay.getInt("accepted")).isZero();
        assertThat(replay.getInt("duplicates")).isEqualTo(2);
        assertThat(replay.getList("returned")).isEmpty();
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("350.00");
    }

    @Test
    void one_message_imported_twice_at_the_same_moment_books_each_credit_once() throws Exception {
        String unit = Fixtures.unit();
        JsonPath customer = Ledgers.account(Fixtures.currentAccount(unit));
        String messageId = "STET-" + UUID.randomUUID().toString().substring(0, 12);
        List<Credit> credits = new java.util.ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            credits.add(new Credit("NOTPROVIDED", messageId + "-" + i, "1.00", customer.getString("iban")));
            credits.add(new Credit("NOTPROVIDED", messageId + "-U" + i, "2.00", org.iban4j.Iban.random(CountryCode.FR).toString()));
        }
        String xml = Clearing.pacs008(messageId, credits);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<JsonPath>> imports = two.invokeAll(List.of(
                    () -> Clearing.post("/payment-files/incoming", xml, Tokens.admin()).then().statusCode(200).extract().jsonPath(),
                    () -> Clearing.post("/payment-files/incoming", xml, Tokens.admin()).then().statusCode(200).extract().jsonPath()));
            JsonPath first = imports.get(0).get();
            JsonPath second = imports.get(1).get();
            assertThat(first.getInt("accepted") + second.getInt("accepted")).isEqualTo(50);
            assertThat(first.getList("returned").size() + second.getList("returned").size()).isEqualTo(50);
            assertThat(first.getInt("duplicates") + second.getInt("duplicates")).isEqualTo(100);
        } finally {
            two.shutdownNow();
        }
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("50.00");
    }

    @Test
    void credits_to_return_are_listed_each_with_its_tx_id_even_when_they_share_an_end_to_end_id() {
        String messageId = "STET-" + UUID.randomUUID().toString().substring(0, 12);
        String xml = Clearing.pacs008(messageId, List.of(
                new Credit("NOTPROVIDED", messageId + "-A", "10.00", org.iban4j.Iban.random(CountryCode.FR).toString()),
                new Credit("NOTPROVIDED", messageId + "-B", "20.00", org.iban4j.Iban.random(CountryCode.FR).toString())));

        JsonPath report = Clearing.post("/payment-files/incoming", xml, Tokens.admin()).then().statusCode(200).extract().jsonPath();

        assertThat(report.getList("returned.transactionId", String.class)).containsExactly(messageId + "-A", messageId + "-B");
        assertThat(report.getList("returned.endToEndId", String.class)).containsExactly("NOTPROVIDED", "NOTPROVIDED");
        assertThat(report.getList("returned.reason", String.class)).containsExactly("AC01", "AC01");
        JsonPath replay = Clearing.post("/payment-files/incoming", xml, Tokens.admin()).then().statusCode(200).extract().jsonPath();
        assertThat(replay.getList("returned")).isEmpty();
        assertThat(replay.getInt("duplicates")).isEqualTo(2);
    }

    @Test
    void a_repeated_tx_id_inside_one_message_is_refused_as_such_and_nothing_is_booked() {
        String unit = Fixtures.unit();
        JsonPath customer = Ledgers.account(Fixtures.currentAccount(unit));
        String messageId = "STET-" + UUID.randomUUID().toString().substring(0, 12);
        String xml = Clearing.pacs008(messageId, List.of(
                new Credit("E2E-1", messageId + "-1", "100.00", customer.getString("iban")),
                new Credit("E2E-2", messageId + "-2", "5.00", customer.getString("iban")),
                new Credit("E2E-3", messageId + "-1", "250.00", customer.getString("iban"))));

        JsonPath problem = assertProblem(Clearing.post("/payment-files/incoming", xml, Tokens.admin()), 400, "INVALID_MESSAGE");

        assertThat(problem.getString("errors[0].field")).isEqualTo("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/PmtId/TxId");
        assertThat(problem.getString("errors[0].message")).contains("CdtTrfTxInf[1]");
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("0.00");
        // refused, not taken in: the same message, corrected, is booked whole
        String corrected = Clearing.pacs008(messageId, List.of(
                new Credit("E2E-1", messageId + "-1", "100.00", customer.getString("iban")),
                new Credit("E2E-3", messageId + "-3", "250.00", customer.getString("iban"))));
        assertThat(Clearing.post("/payment-files/incoming", corrected, Tokens.admin()).then().statusCode(200)
                .extract().jsonPath().getInt("accepted")).isEqualTo(2);
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("350.00");
    }

    @Test
    void a_credit_taken_in_before_tx_ids_were_kept_is_still_a_duplicate_and_one_dropped_then_is_booked_on_replay()
            throws Exception {
        // a row without a TxId, as the key (MsgId, EndToEndId) once left them: of two NOTPROVIDED credits only the
        // first was taken in, and its row carries no TxId (V5__clearing.sql)
        String unit = Fixtures.unit();
        JsonPath customer = Ledgers.account(Fixtures.currentAccount(unit));
        String messageId = "STET-" + UUID.randomUUID().toString().substring(0, 12);
        Credit first = new Credit("NOTPROVIDED", messageId + "-1", "100.00", customer.getString("iban"));
        Credit dropped = new Credit("NOTPROVIDED", messageId + "-2", "250.00", customer.getString("iban"));
        Clearing.post("/payment-files/incoming", Clearing.pacs008(messageId, List.of(first)), Tokens.admin()).then().statusCode(200);
        try (java.sql.Connection sql = database.getConnection();
             java.sql.PreparedStatement legacy = sql.prepareStatement("""
                     with taken as (delete from incoming_credit where message_id = ? returning *)
                     insert into incoming_credit (message_id, end_to_end_id, received_at, received_by, amount, creditor_iban,
                                                  operation_id, return_reason)
                     select message_id, end_to_end_id, received_at, received_by, amount, creditor_iban, operation_id,
                            return_reason from taken""")) {
            legacy.setString(1, messageId);
            assertThat(legacy.executeUpdate()).isEqualTo(1);
        }

        JsonPath replay = Clearing.post("/payment-files/incoming", Clearing.pacs008(messageId, List.of(first, dropped)),
                Tokens.admin()).then().statusCode(200).extract().jsonPath();

        assertThat(replay.getInt("duplicates")).isEqualTo(1);
        assertThat(replay.getInt("accepted")).isEqualTo(1);
        assertThat(Clearing.operation(replay.getString("operationIds[0]")).getString("amount")).isEqualTo("250.00");
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("350.00");
        JsonPath again = Clearing.post("/payment-files/incoming", Clearing.pacs008(messageId, List.of(first, dropped)),
                Tokens.admin()).then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("duplicates")).isEqualTo(2);
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("350.00");
    }

    @Test
    void names_and_remittances_of_the_greatest_length_the_schema_allows_are_cut_to_their_columns_never_refused() {
        String unit = Fixtures.unit();
        JsonPath customer = Ledgers.account(Fixtures.currentAccount(unit));
        // 140 UTF-16 units each, the most the JDK's validator lets through (it counts a character outside the BMP as
        // two); the 70th character of the name, where its column ends, is such a character: a clef
        String clef = "\uD834\uDD1E";
        String name = "Société des Eaux ".repeat(5).substring(0, 69) + clef + "x".repeat(69);
        String remittance = "Facture é€ " + "y".repeat(129);
        assertThat(name.length()).isEqualTo(140);
        assertThat(remittance.length()).isEqualTo(140);
        String messageId = "STET-" + UUID.randomUUID().toString().substring(0, 12);
        // ISO allows a 140-character name, the EPC's SEPA restriction 70: another bank may send either
        String xml = Clearing.pacs008BeyondSepa(messageId, List.of(
                new Credit("E2E-LONG-1", messageId + "-1", "12.34", customer.getString("iban"), name, remittance),
                new Credit("E2E-LONG-2", messageId + "-2", "1.00", customer.getString("iban"), name, null)));

        JsonPath report = Clearing.post("/payment-files/incoming", xml, Tokens.admin()).then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("accepted")).isEqualTo(2);
        String cutName = name.substring(0, 69) + clef;
        JsonPath withRemittance = Clearing.operation(report.getString("operationIds[0]"));
        assertThat(withRemittance.getString("label")).isEqualTo(remittance);
        assertThat(withRemittance.getString("debtor.name")).isEqualTo(cutName);
        JsonPath without = Clearing.operation(report.getString("operationIds[1]"));
        assertThat(without.getString("label")).isEqualTo("Transfer from " + cutName);
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("13.34");
        // and the day's statement, in JSON and as a camt.053 the official schema accepts (support/Api checks it)
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString();
        JsonPath statement = Api.as(Tokens.auditor()).get("/accounts/{id}/statements/{date}", customer.getString("id"), today)
                .then().statusCode(200).extract().jsonPath();
        assertThat(statement.getList("entries.label", String.class)).containsExactlyInAnyOrder(remittance, "Transfer from " + cutName);
        Api.as(Tokens.auditor()).accept("application/xml").get("/accounts/{id}/statements/{date}", customer.getString("id"), today)
                .then().statusCode(200);
    }

    @Test
    void a_settlement_date_with_a_time_zone_is_read_as_the_date_written() {
        String unit = Fixtures.unit();
        JsonPath customer = Ledgers.account(Fixtures.currentAccount(unit));
        String xml = IsoSchemas.assertValid(Clearing.pacs008("STET-" + UUID.randomUUID().toString().substring(0, 12),
                        List.of(new Credit("E2E-TZ", "42.00", customer.getString("iban"))))
                .replace("<IntrBkSttlmDt>2026-12-01</IntrBkSttlmDt>", "<IntrBkSttlmDt>2026-12-07+01:00</IntrBkSttlmDt>"));

        JsonPath report = Clearing.post("/payment-files/incoming", xml, Tokens.admin()).then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("accepted")).isEqualTo(1);
        JsonPath credit = Clearing.operation(report.getString("operationIds[0]"));
        assertThat(credit.getString("requestedExecutionDate")).isEqualTo("2026-12-07");
        assertThat(credit.getString("valueDate")).isEqualTo("2026-12-07");
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("42.00");
    }

    @Test
    void other_vendors_real_sepa_messages_are_answered_cleanly() throws Exception {
        assumeTrue(IsoSchemas.folder().isPresent(), IsoSchemas::absence);
        java.nio.file.Path samples = IsoSchemas.folder().orElseThrow().resolve("samples");
        // a credit to a Greek IBAN, not ours: listed for return
        String credit = java.nio.file.Files.readString(samples.resolve("paymentcomponents_sepa_pacs.008.001.08.xml"));
        JsonPath report = Clearing.post("/payment-files/incoming", IsoSchemas.assertValid(credit), Tokens.admin())
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getString("messageId")).isEqualTo("20250321123913102");
        assertThat(report.getInt("accepted")).isZero();
        assertThat(report.getList("returned.transactionId", String.class)).containsExactly("tx-id-1234");
        assertThat(report.getList("returned.endToEndId", String.class)).containsExactly("123456789");
        assertThat(report.getList("returned.reason", String.class)).containsExactly("AC01");
        assertThat(Clearing.post("/payment-files/incoming", credit, Tokens.admin()).then().statusCode(200)
                .extract().jsonPath().getInt("duplicates")).isEqualTo(1);
        // a return (IntrBkSttlmDt 2025-03-21Z, CreDtTm with an offset) of a transfer we never sent
        String returned = java.nio.file.Files.readString(samples.resolve("paymentcomponents_sepa_pacs.004.001.09.xml"));
        JsonPath returns = Clearing.post("/payment-files/returns", IsoSchemas.assertValid(returned), Tokens.admin())
                .then().statusCode(200).extract().jsonPath();
        assertThat(returns.getInt("returned")).isZero();
        assertThat(returns.getList("unmatched.originalEndToEndId", String.class)).containsExactly("123456789");
        assertThat(returns.getList("unmatched.reason", String.class)).containsExactly("UNKNOWN");
    }

    @Test
    void a_return_gives_the_money_back_to_the_debtor_from_clearing_settlement_and_a_replay_posts_nothing() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "400.00");
        JsonPath transfer = Clearing.externalTransfer(from, "250.00", "Dupont SARL", "INV-" + UUID.randomUUID().toString().substring(0, 8));
        JsonPath other = Clearing.externalTransfer(from, "50.00", "Martin SA", null);
        JsonPath file = Clearing.closeFile(unit);
        Clearing.acknowledge(unit, file.getString("id"), Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        assertThat(Ledgers.balance(from)).isEqualTo("100.00");
        String txId = transfer.getString("id").replace("-", "");
        String msgId = file.getString("messageId");
        String message = Clearing.pacs004("RTR-" + UUID.randomUUID().toString().substring(0, 8), List.of(
                new Return(msgId, transfer.getString("reference"), txId, "250.00", "AC04"),
                new Return(msgId, "NOT-OURS", null, "10.00", "AC01"),
                new Return(msgId, other.getString("id").replace("-", ""), null, "49.00", "MS03"),
                new Return("BO-19990101-00000001", transfer.getString("reference"), null, "250.00", "AC04")));

        JsonPath report = Clearing.post("/payment-files/returns", message, Tokens.admin()).then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("returned")).isEqualTo(1);
        assertThat(report.getList("operationIds", String.class)).containsExactly(transfer.getString("id"));
        assertThat(report.getList("unmatched.reason", String.class)).containsExactly("UNKNOWN", "AMOUNT_MISMATCH", "UNKNOWN");
        assertThat(Ledgers.balance(from)).isEqualTo("350.00");
        assertThat(Clearing.internalBalance(unit, "Clearing settlement")).isEqualTo("50.00");
        JsonPath returned = Clearing.operation(transfer.getString("id"));
        assertThat(returned.getString("status")).isEqualTo("RETURNED");
        assertThat(returned.getString("returnReason")).isEqualTo("AC04");
        assertThat(returned.getList("history.to", String.class)).endsWith("RETURNED");
        assertThat(Clearing.operation(other.getString("id")).getString("status")).isEqualTo("EXECUTED");

        JsonPath replay = Clearing.post("/payment-files/returns", message, Tokens.admin()).then().statusCode(200).extract().jsonPath();
        assertThat(replay.getInt("returned")).isZero();
        assertThat(replay.getList("unmatched.reason", String.class)).startsWith("ALREADY_RETURNED");
        assertThat(Ledgers.balance(from)).isEqualTo("350.00");
    }

    @Test
    void a_return_whose_group_totals_disagree_with_its_transactions_is_refused_whole_and_nothing_is_posted() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        JsonPath transfer = Clearing.externalTransfer(from, "99.99", "Dupont SARL", null);
        JsonPath file = Clearing.closeFile(unit);
        Clearing.acknowledge(unit, file.getString("id"), Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        String message = Clearing.pacs004("RTR-" + UUID.randomUUID().toString().substring(0, 8), List.of(new Return(
                file.getString("messageId"), transfer.getString("id").replace("-", ""), transfer.getString("id").replace("-", ""),
                "99.99", "AC04")));

        assertInvalid("/payment-files/returns", IsoSchemas.assertValid(message.replace(
                        ">99.99</TtlRtrdIntrBkSttlmAmt>", ">999.99</TtlRtrdIntrBkSttlmAmt>")),
                "/Document/PmtRtr/GrpHdr/TtlRtrdIntrBkSttlmAmt");
        assertInvalid("/payment-files/returns", IsoSchemas.assertValid(message.replace(
                        "</NbOfTxs>", "</NbOfTxs><CtrlSum>999.99</CtrlSum>")),
                "/Document/PmtRtr/GrpHdr/CtrlSum");
        assertInvalid("/payment-files/returns", IsoSchemas.assertValid(message.replace("<NbOfTxs>1<", "<NbOfTxs>2<")),
                "/Document/PmtRtr/GrpHdr/NbOfTxs");
        assertThat(Ledgers.balance(from)).isEqualTo("0.01");
        assertThat(Clearing.operation(transfer.getString("id")).getString("status")).isEqualTo("EXECUTED");

        // totals that agree, whatever their lexical form (xs:decimal), let the return through
        JsonPath report = Clearing.post("/payment-files/returns", IsoSchemas.assertValid(message.replace(
                        "</NbOfTxs>", "</NbOfTxs><CtrlSum>99.990</CtrlSum>")), Tokens.admin())
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("returned")).isEqualTo(1);
        assertThat(Ledgers.balance(from)).isEqualTo("100.00");
    }

    @Test
    void a_credit_message_whose_control_sum_disagrees_with_its_transactions_is_refused_whole() {
        String unit = Fixtures.unit();
        JsonPath customer = Ledgers.account(Fixtures.currentAccount(unit));
        String messageId = "STET-" + UUID.randomUUID().toString().substring(0, 12);
        String xml = Clearing.pacs008(messageId, List.of(new Credit("E2E-1", "100.00", customer.getString("iban")),
                new Credit("E2E-2", "250.00", customer.getString("iban"))));

        // ISO's pacs.008 has a CtrlSum, the EPC's SEPA restriction does not: read and checked when present
        assertInvalid("/payment-files/incoming", Clearing.validButForEpc(xml.replace("</NbOfTxs>", "</NbOfTxs><CtrlSum>100</CtrlSum>")),
                "/Document/FIToFICstmrCdtTrf/GrpHdr/CtrlSum");
        assertInvalid("/payment-files/incoming", IsoSchemas.assertValid(xml.replace(">350.00</TtlIntrBkSttlmAmt>",
                ">999.99</TtlIntrBkSttlmAmt>")), "/Document/FIToFICstmrCdtTrf/GrpHdr/TtlIntrBkSttlmAmt");
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("0.00");

        JsonPath report = Clearing.post("/payment-files/incoming", Clearing.validButForEpc(
                xml.replace("</NbOfTxs>", "</NbOfTxs><CtrlSum>350</CtrlSum>")), Tokens.admin()).then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("accepted")).isEqualTo(2);
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("350.00");
    }

    @Test
    void a_return_for_a_file_not_yet_settled_is_listed_not_posted() {
        Clearing.drain();
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        JsonPath transfer = Clearing.externalTransfer(from, "60.00", "Dupont SARL", null);
        JsonPath file = Clearing.closeFile(unit);
        String message = Clearing.pacs004("RTR-" + UUID.randomUUID().toString().substring(0, 8), List.of(
                new Return(file.getString("messageId"), transfer.getString("id").replace("-", ""), null, "60.00", "AC04")));
        JsonPath report = Clearing.post("/payment-files/returns", message, Tokens.admin()).then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("unmatched.reason", String.class)).containsExactly("NOT_SETTLED");
        assertThat(Ledgers.balance(from)).isEqualTo("40.00");
    }

    @Test
    void a_malformed_or_invalid_message_is_refused_whole_naming_the_element() {
        String unit = Fixtures.unit();
        JsonPath good = Ledgers.account(Fixtures.currentAccount(unit));
        String valid = Clearing.pacs008("MSG-" + UUID.randomUUID().toString().substring(0, 8), List.of(
                new Credit("E2E-1", "10.00", good.getString("iban")), new Credit("E2E-2", "20.00", good.getString("iban"))));

        assertInvalid("/payment-files/incoming", "this is not xml", "/");
        assertInvalid("/payment-files/incoming", valid.replace("<Document", "<Document><Unclosed>"), "/");
        assertInvalid("/payment-files/incoming", valid.replace("pacs.008.001.08", "pacs.008.001.02"), "/Document");
        assertInvalid("/payment-files/incoming", valid.replace("<NbOfTxs>2</NbOfTxs>", "<NbOfTxs>3</NbOfTxs>"),
                "/Document/FIToFICstmrCdtTrf/GrpHdr/NbOfTxs");
        // the second transaction's amount is broken: the first is not posted either
        assertInvalid("/payment-files/incoming", valid.replaceFirst("(?s)(.*)>20.00<", "$1>20.001<"),
                "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt");
        assertInvalid("/payment-files/incoming", valid.replaceFirst("Ccy=\"EUR\">20.00", "Ccy=\"USD\">20.00"),
                "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt/@Ccy");
        assertInvalid("/payment-files/incoming", valid.replaceFirst("(?s)(.*)<EndToEndId>E2E-2</EndToEndId>", "$1"),
                "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/PmtId/EndToEndId");
        // an IBAN the schema refuses would be written back into statements
        assertInvalid("/payment-files/incoming", valid.replace("<IBAN>DE89370400440532013000</IBAN>", "<IBAN>DE89 3704 0044</IBAN>"),
                "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/DbtrAcct/Id/IBAN");
        // XML 1.1 would let a C0 control in, as a character reference
        assertInvalid("/payment-files/incoming", valid.replace("<?xml version=\"1.0\"", "<?xml version=\"1.1\"")
                .replace("Invoice E2E-1", "Invoice&#x1;E2E-1"), "/");
        // TxId identifies the transaction in the scheme: mandatory in SEPA
        assertInvalid("/payment-files/incoming", valid.replaceFirst("(?s)(.*)<TxId>[^<]*</TxId>", "$1"),
                "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/PmtId/TxId");
        assertInvalid("/payment-files/returns", valid, "/Document");
        assertThat(Ledgers.balance(good.getString("id"))).isEqualTo("0.00");
        assertProblem(Clearing.post("/payment-files/incoming", valid, Tokens.supervisor(unit)), 403, "FORBIDDEN");
    }

    @Test
    void an_xxe_attempt_or_any_dtd_is_refused_and_nothing_read_or_posted() {
        String unit = Fixtures.unit();
        JsonPath good = Ledgers.account(Fixtures.currentAccount(unit));
        String valid = Clearing.pacs008("XXE-" + UUID.randomUUID().toString().substring(0, 8),
                List.of(new Credit("E2E-XXE", "10.00", good.getString("iban"))));
        String external = valid.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE Document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
                .replace("<Ustrd>Invoice E2E-XXE</Ustrd>", "<Ustrd>&xxe;</Ustrd>");
        String laughs = valid.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE Document [<!ENTITY a \"aaaaaaaaaa\">"
                                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>")
                .replace("<Ustrd>Invoice E2E-XXE</Ustrd>", "<Ustrd>&c;</Ustrd>");
        for (String attack : List.of(external, laughs)) {
            String detail = Clearing.post("/payment-files/incoming", attack, Tokens.admin()).then().statusCode(400)
                    .extract().jsonPath().getString("detail");
            assertThat(detail).doesNotContain("root:");
        }
        assertThat(Ledgers.balance(good.getString("id"))).isEqualTo("0.00");
    }

    @Test
    void a_message_larger_than_any_json_body_is_read_and_one_over_its_own_limit_is_413() throws Exception {
        List<Credit> many = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new Credit("BIG-" + i, "1.00", org.iban4j.Iban.random(CountryCode.FR).toString()));
        }
        String large = Clearing.pacs008("BIG-" + UUID.randomUUID().toString().substring(0, 8), many);
        assertThat(large.length()).isGreaterThan(100 * 1024);
        JsonPath report = Clearing.post("/payment-files/incoming", large, Tokens.admin()).then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("returned")).hasSize(200);

        // announced as larger than the limit: refused before a byte of the body is read (a raw request, since HTTP
        // clients fail on a server that answers before taking the whole body)
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /payment-files/incoming HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Tokens.admin() + "\r\nContent-Type: application/xml\r\n"
                    + "Content-Length: " + (5 * 1024 * 1024 + 1) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            byte[] chunk = new byte[1024];
            for (int read; !answer.toString().contains("PAYLOAD_TOO_LARGE") && (read = socket.getInputStream().read(chunk)) > 0; ) {
                answer.append(new String(chunk, 0, read, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void five_mebibytes_of_empty_elements_are_refused_with_413_and_the_service_keeps_serving() {
        String open = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>";
        String close = "</FIToFICstmrCdtTrf></Document>";
        StringBuilder xml = new StringBuilder(open);
        while (xml.length() + close.length() + 4 <= 5 * 1024 * 1024) {
            xml.append("<a/>");
        }
        byte[] bomb = xml.append(close).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(bomb.length).isBetween(5 * 1024 * 1024 - 4, 5 * 1024 * 1024);

        // deliberately invalid: only the answer is checked against the contract
        JsonPath problem = assertProblem(Api.invalidRequestAs(Tokens.admin()).contentType("application/xml").body(bomb)
                .post("/payment-files/incoming"), 413, "MESSAGE_LIMIT_EXCEEDED");

        assertThat(problem.getString("errors[0].field")).startsWith("/Document/FIToFICstmrCdtTrf/a[");
        assertThat(problem.getString("detail")).contains("elements");
        // the next message is served
        String unit = Fixtures.unit();
        JsonPath customer = Ledgers.account(Fixtures.currentAccount(unit));
        String next = Clearing.pacs008("STET-" + UUID.randomUUID().toString().substring(0, 12),
                List.of(new Credit("E2E-AFTER", "5.00", customer.getString("iban"))));
        assertThat(Clearing.post("/payment-files/incoming", next, Tokens.admin()).then().statusCode(200).extract()
                .jsonPath().getInt("accepted")).isEqualTo(1);
        assertThat(Ledgers.balance(customer.getString("id"))).isEqualTo("5.00");
    }

    @Test
    void a_genuine_message_of_the_greatest_size_accepted_is_taken_in_whole() {
        // five mebibytes of real credits written as tightly as the EPC schema allows: the most transactions a
        // message can bring; none is for us, so each is listed for return
        String messageId = "STET-" + UUID.randomUUID().toString().substring(0, 12);
        String close = "</FIToFICstmrCdtTrf></Document>";
        StringBuilder transactions = new StringBuilder();
        int count = 0;
        while (transactions.length() + close.length() + 1000 < 5 * 1024 * 1024) {
            count++;
            transactions.append(Clearing.tightCredit(count));
        }
        String xml = IsoSchemas.assertValid("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf><GrpHdr><MsgId>"
                + messageId + "</MsgId><CreDtTm>2026-12-01T07:00:00Z</CreDtTm><NbOfTxs>" + count + "</NbOfTxs>"
                + "<TtlIntrBkSttlmAmt Ccy=\"EUR\">" + count + ".00</TtlIntrBkSttlmAmt><IntrBkSttlmDt>2026-12-01</IntrBkSttlmDt>"
                + "<SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf><PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf></GrpHdr>"
                + transactions + close);

        JsonPath report = Clearing.post("/payment-files/incoming", xml, Tokens.admin()).then().statusCode(200).extract().jsonPath();

        assertThat(report.getList("returned")).hasSize(count);
        assertThat(report.getString("returned[" + (count - 1) + "].transactionId")).isEqualTo("T" + count);
        assertThat(count).isGreaterThan(10_000);
    }

    private static void assertInvalid(String path, String xml, String elementPath) {
        JsonPath problem = assertProblem(Clearing.post(path, xml, Tokens.admin()), 400, "INVALID_MESSAGE");
        assertThat(problem.getString("errors[0].field")).isEqualTo(elementPath);
    }
}
