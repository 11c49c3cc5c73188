package fr.backoffice.reconciliation;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.IsoSchemas;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.restassured.path.json.JsonPath;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A day of a fresh unit's clearing settlement account, made through the API as the clearing makes it: credits from other
 * banks (pacs.008), payment files of our transfers settled, returns (pacs.004).
 */
final class Day {

    final String unit = Fixtures.unit();
    final JsonPath customer = Fixtures.account(unit, "CURRENT", "EUR", "0.00");
    final String customerId = customer.getString("id");
    final String customerIban = customer.getString("iban");

    Day() {
        Ledgers.fund(customerId, "5000.00");
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One credit of an incoming message: its EndToEndId, TxId, amount and debtor. */
    record Credit(String endToEndId, String txId, String amount, String debtorName, String debtorIban) {
    }

    /** Other banks' credits to our customer, in one pacs.008 (validated against the ISO and EPC schemas). */
    void incoming(String messageId, List<Credit> credits) {
        String total = credits.stream().map(c -> new BigDecimal(c.amount())).reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString();
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
                  <FIToFICstmrCdtTrf>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>%sT07:00:00Z</CreDtTm><NbOfTxs>%d</NbOfTxs>
                      <TtlIntrBkSttlmAmt Ccy="EUR">%s</TtlIntrBkSttlmAmt><IntrBkSttlmDt>%s</IntrBkSttlmDt>
                      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
                """.formatted(messageId, Camt.TODAY, credits.size(), total, Camt.TODAY));
        for (Credit c : credits) {
            xml.append("""
                        <CdtTrfTxInf><PmtId><EndToEndId>%s</EndToEndId><TxId>%s</TxId></PmtId>
                          <IntrBkSttlmAmt Ccy="EUR">%s</IntrBkSttlmAmt><ChrgBr>SLEV</ChrgBr>
                          <Dbtr><Nm>%s</Nm></Dbtr><DbtrAcct><Id><IBAN>%s</IBAN></Id></DbtrAcct>
                          <DbtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></DbtrAgt>
                          <CdtrAgt><FinInstnId><BICFI>BOFRFRPPXXX</BICFI></FinInstnId></CdtrAgt>
                          <Cdtr><Nm>Customer</Nm></Cdtr><CdtrAcct><Id><IBAN>%s</IBAN></Id></CdtrAcct></CdtTrfTxInf>
                    """.formatted(c.endToEndId(), c.txId(), c.amount(), c.debtorName(), c.debtorIban(), customerIban));
        }
        String message = IsoSchemas.assertValid(xml.append("  </FIToFICstmrCdtTrf>\n</Document>\n").toString());
        Api.as(Tokens.admin()).contentType("application/xml").body(message.getBytes(StandardCharsets.UTF_8))
                .post("/payment-files/incoming").then().statusCode(200);
    }

    /** Closes whatever other tests left waiting, so the next file holds only this day's transfers. */
    static void drain() {
        int status = Api.as(Tokens.admin()).post("/payment-files").then().extract().statusCode();
        if (status != 201 && status != 422) {
            throw new IllegalStateException("draining the waiting transfers answered " + status);
        }
    }

    /** An external transfer of ours, executed, waiting for a file. */
    JsonPath transfer(String amount) {
        Map<String, Object> request = new HashMap<>(Map.of("type", "TRANSFER", "amount", amount, "currency", "EUR",
                "debitAccountId", customerId, "creditor", Map.of("name", "Dupont SARL", "iban", Fixtures.externalIban())));
        JsonPath op = Ledgers.submit(Tokens.frontOffice(), request);
        if (!"EXECUTED".equals(op.getString("status"))) {
            throw new IllegalStateException("not executed: " + op.prettify());
        }
        return op;
    }

    /** The waiting transfers closed into a file the clearing accepts: settled on the clearing settlement account. */
    static JsonPath fileAccepted() {
        JsonPath file = Api.as(Tokens.clearing("recon-closer")).post("/payment-files").then().statusCode(201).extract().jsonPath();
        Api.as(Tokens.clearing("recon-checker")).body(Map.of("outcome", "ACCEPTED"))
                .post("/payment-files/{id}/acknowledge", file.getString("id")).then().statusCode(200);
        return file;
    }

    /** The creditor's bank returns a transfer of an accepted file (pacs.004): credited back from clearing settlement. */
    static void returned(String fileMessageId, JsonPath transfer) {
        String tx = transfer.getString("id").replace("-", "");
        String e2e = Api.as(Tokens.admin()).get("/operations/{id}", transfer.getString("id")).then().statusCode(200)
                .extract().jsonPath().getString("endToEndId");
        String amount = transfer.getString("amount");
        String message = IsoSchemas.assertValid("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.004.001.09">
                  <PmtRtr>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>%sT07:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs>
                      <TtlRtrdIntrBkSttlmAmt Ccy="EUR">%s</TtlRtrdIntrBkSttlmAmt><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
                    <TxInf><RtrId>%s</RtrId>
                      <OrgnlGrpInf><OrgnlMsgId>%s</OrgnlMsgId><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf>
                      <OrgnlEndToEndId>%s</OrgnlEndToEndId><OrgnlTxId>%s</OrgnlTxId>
                      <RtrdIntrBkSttlmAmt Ccy="EUR">%s</RtrdIntrBkSttlmAmt><RtrRsnInf><Rsn><Cd>AC04</Cd></Rsn></RtrRsnInf></TxInf>
                  </PmtRtr>
                </Document>
                """.formatted(id("RTR"), Camt.TODAY, amount, id("R"), fileMessageId, e2e, tx, amount));
        Api.as(Tokens.admin()).contentType("application/xml").body(message.getBytes(StandardCharsets.UTF_8))
                .post("/payment-files/returns").then().statusCode(200);
    }

    Map<String, String> settlement() {
        return Camt.settlementAccount(unit);
    }
}
