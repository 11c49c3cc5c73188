package fr.backoffice.clearing;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.IsoSchemas;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the clearing tests share: external transfers, files, XML read back with XPath, messages from other banks. */
final class Clearing {

    static final String ISO = "urn:iso:std:iso:20022:tech:xsd:";

    private Clearing() {
    }

    /** Closes whatever other tests left waiting, so the next file holds only this test's transfers. */
    static void drain() {
        int status = Api.as(Tokens.admin()).post("/payment-files").then().extract().statusCode();
        if (status != 201 && status != 422) {
            throw new IllegalStateException("draining the waiting transfers answered " + status);
        }
    }

    /** An IBAN at another bank, one the test BIC directory knows (see {@link Fixtures#externalIban()}). */
    static String externalIban() {
        return Fixtures.externalIban();
    }

    /** A straight-through external transfer from {@code from} (funded by the caller). */
    static JsonPath externalTransfer(String from, String amount, String creditorName, String reference) {
        return externalTransfer(from, amount, creditorName, reference, null);
    }

    /** The same, with a label (the remittance information sent). */
    static JsonPath externalTransfer(String from, String amount, String creditorName, String reference, String label) {
        Map<String, Object> request = new HashMap<>(Map.of("type", "TRANSFER", "amount", amount, "currency", "EUR",
                "debitAccountId", from, "creditor", Map.of("name", creditorName, "iban", externalIban())));
        if (reference != null) {
            request.put("reference", reference);
        }
        if (label != null) {
            request.put("label", label);
        }
        JsonPath op = Ledgers.submit(Tokens.frontOffice(), request);
        if (!"EXECUTED".equals(op.getString("status"))) {
            throw new IllegalStateException("not executed: " + op.prettify());
        }
        return op;
    }

    /** The person of the clearing desk who closes files in these tests. */
    static final String CLOSER = "clearing-closer";
    /** Another person of the clearing desk, who records the outcomes (four eyes). */
    static final String CHECKER = "clearing-checker";

    /** The clearing desk closes the waiting transfers into a file. */
    static JsonPath closeFile() {
        Response closed = Api.as(Tokens.clearing(CLOSER)).post("/payment-files");
        if (closed.statusCode() != 201) {
            throw new AssertionError("closing a file answered " + closed.statusCode() + " " + closed.asString());
        }
        return closed.jsonPath();
    }

    /** Files are the clearing desk's whatever the unit (docs/security.md "Security rules"): the unit is not used. */
    static JsonPath closeFile(String unit) {
        return closeFile();
    }

    /** Another person of the clearing desk than the one who closed the file records its outcome. */
    static Response acknowledge(String fileId, Map<String, Object> body) {
        return Api.as(Tokens.clearing(CHECKER)).body(body).post("/payment-files/{id}/acknowledge", fileId);
    }

    /** See {@link #closeFile(String)}: the unit is not used. */
    static Response acknowledge(String unit, String fileId, Map<String, Object> body) {
        return acknowledge(fileId, body);
    }

    static byte[] document(String fileId) {
        return Api.as(Tokens.auditor()).accept("application/xml").get("/payment-files/{id}/document", fileId)
                .then().statusCode(200).contentType("application/xml").extract().asByteArray();
    }

    /**
     * Posts an XML message, in UTF-8 as it declares, through {@link Api}: the request and the answer are checked
     * against the contract.
     */
    static Response post(String path, String xml, String token) {
        return Api.as(token).contentType("application/xml").body(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(path);
    }

    static JsonPath operation(String id) {
        return Api.as(Tokens.admin()).get("/operations/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    static String internalBalance(String unit, String purposeLabel) {
        JsonPath page = Api.as(Tokens.admin()).queryParam("unit", unit).queryParam("type", "INTERNAL").queryParam("limit", 200)
                .get("/accounts").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        return items.stream().filter(a -> ((Map<?, ?>) a.get("holder")).get("name").toString().startsWith(purposeLabel))
                .map(a -> a.get("ledgerBalance").toString()).findFirst().orElse("0.00");
    }

    /** XPath over an ISO 20022 document, with {@code d:} as the message's namespace. */
    static final class Xml {
        private final Document document;
        private final XPath xpath;

        Xml(byte[] bytes, String message) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            xpath = XPathFactory.newInstance().newXPath();
            xpath.setNamespaceContext(new NamespaceContext() {
                public String getNamespaceURI(String prefix) {
                    return "d".equals(prefix) ? ISO + message : XMLConstants.NULL_NS_URI;
                }

                public String getPrefix(String uri) {
                    return null;
                }

                public Iterator<String> getPrefixes(String uri) {
                    return null;
                }
            });
        }

        String text(String path) {
            try {
                return (String) xpath.evaluate(path, document, XPathConstants.STRING);
            } catch (Exception e) {
                throw new IllegalStateException(path, e);
            }
        }

        int count(String path) {
            try {
                return ((NodeList) xpath.evaluate(path, document, XPathConstants.NODESET)).getLength();
            } catch (Exception e) {
                throw new IllegalStateException(path, e);
            }
        }

        boolean exists(String path) {
            try {
                return xpath.evaluate(path, document, XPathConstants.NODE) != null;
            } catch (Exception e) {
                throw new IllegalStateException(path, e);
            }
        }
    }

    /** One credit of an incoming pacs.008; a {@code null} remittance leaves {@code RmtInf} out. */
    record Credit(String endToEndId, String txId, String amount, String creditorIban, String debtorName, String remittance) {

        /** A credit with its own TxId, from Acme GmbH, "Invoice" and its EndToEndId as remittance. */
        Credit(String endToEndId, String amount, String creditorIban) {
            this(endToEndId, "TX-" + UUID.randomUUID().toString().substring(0, 30), amount, creditorIban);
        }

        Credit(String endToEndId, String txId, String amount, String creditorIban) {
            this(endToEndId, txId, amount, creditorIban, "Acme GmbH", "Invoice " + endToEndId);
        }
    }

    /** A pacs.008 as the clearing system sends it, valid against the official schemas (ISO and EPC). */
    static String pacs008(String messageId, List<Credit> credits) {
        return IsoSchemas.assertValid(pacs008Document(messageId, credits));
    }

    /**
     * A pacs.008 ISO's schema accepts though the EPC's SEPA restriction does not (a name over 70 characters, a
     * CtrlSum): what a bank outside the strict SEPA profile may send.
     */
    static String pacs008BeyondSepa(String messageId, List<Credit> credits) {
        return validButForEpc(pacs008Document(messageId, credits));
    }

    /** Fails unless only the EPC's schema refuses {@code xml} (where the schemas are present). */
    static String validButForEpc(String xml) {
        assertThat(IsoSchemas.errors(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .allSatisfy(error -> assertThat(error).startsWith("EPC115-06"));
        return xml;
    }

    private static String pacs008Document(String messageId, List<Credit> credits) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
                  <FIToFICstmrCdtTrf>
                    <GrpHdr>
                      <MsgId>%s</MsgId>
                      <CreDtTm>2026-12-01T07:00:00Z</CreDtTm>
                      <NbOfTxs>%d</NbOfTxs>
                      <TtlIntrBkSttlmAmt Ccy="EUR">%s</TtlIntrBkSttlmAmt>
                      <IntrBkSttlmDt>2026-12-01</IntrBkSttlmDt>
                      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf>
                    </GrpHdr>
                """.formatted(messageId, credits.size(), credits.stream().map(c -> new java.math.BigDecimal(c.amount()))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString()));
        for (Credit c : credits) {
            xml.append("""
                        <CdtTrfTxInf>
                          <PmtId><EndToEndId>%s</EndToEndId><TxId>%s</TxId></PmtId>
                          <IntrBkSttlmAmt Ccy="EUR">%s</IntrBkSttlmAmt>
                          <ChrgBr>SLEV</ChrgBr>
                          <Dbtr><Nm>%s</Nm></Dbtr>
                          <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
                          <DbtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></DbtrAgt>
                          <CdtrAgt><FinInstnId><BICFI>BOFRFRPPXXX</BICFI></FinInstnId></CdtrAgt>
                          <Cdtr><Nm>Customer</Nm></Cdtr>
                          <CdtrAcct><Id><IBAN>%s</IBAN></Id></CdtrAcct>
                    """.formatted(c.endToEndId(), c.txId(), c.amount(), c.debtorName(), c.creditorIban()));
            if (c.remittance() != null) {
                xml.append("      <RmtInf><Ustrd>").append(c.remittance()).append("</Ustrd></RmtInf>\n");
            }
            xml.append("    </CdtTrfTxInf>\n");
        }
        return xml.append("  </FIToFICstmrCdtTrf>\n</Document>\n").toString();
    }

    /** One credit as the EPC schema accepts it, at its tightest. */
    static String tightCredit(int n) {
        return "<CdtTrfTxInf><PmtId><EndToEndId>NOTPROVIDED</EndToEndId><TxId>T" + n + "</TxId></PmtId>"
                + "<IntrBkSttlmAmt Ccy=\"EUR\">1.00</IntrBkSttlmAmt><ChrgBr>SLEV</ChrgBr><Dbtr><Nm>A</Nm></Dbtr>"
                + "<DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>"
                + "<DbtrAgt><FinInstnId><BICFI>COBADEFF</BICFI></FinInstnId></DbtrAgt>"
                + "<CdtrAgt><FinInstnId><BICFI>BOFRFRPP</BICFI></FinInstnId></CdtrAgt><Cdtr><Nm>B</Nm></Cdtr>"
                + "<CdtrAcct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></CdtrAcct></CdtTrfTxInf>";
    }

    /** One transaction's status in a pacs.002: named by TxId and/or EndToEndId, with an optional reason code. */
    record TxStatus(String originalEndToEndId, String originalTxId, String status, String reason) {
    }

    /**
     * A pacs.002.001.10 status report as a SEPA clearing sends it (EPC115-06, SCT inter-PSP): the group status of the
     * file {@code originalMessageId} with an optional reason, and the transactions it names. No XSD of
     * pacs.002.001.10 is in the shared schemas, so it is not validated against one.
     */
    static String pacs002(String messageId, String originalMessageId, String groupStatus, String groupReason,
                          List<TxStatus> transactions) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10">
                  <FIToFIPmtStsRpt>
                    <GrpHdr>
                      <MsgId>%s</MsgId>
                      <CreDtTm>2026-12-02T06:15:00.000+01:00</CreDtTm>
                      <InstdAgt><FinInstnId><BICFI>BOFRFRPPXXX</BICFI></FinInstnId></InstdAgt>
                    </GrpHdr>
                    <OrgnlGrpInfAndSts>
                      <OrgnlMsgId>%s</OrgnlMsgId>
                      <OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId>
                      <GrpSts>%s</GrpSts>
                """.formatted(messageId, originalMessageId, groupStatus));
        if (groupReason != null) {
            xml.append("""
                          <StsRsnInf><Orgtr><Nm>CSM</Nm></Orgtr><Rsn><Cd>%s</Cd></Rsn><AddtlInf>Rejected by the CSM</AddtlInf></StsRsnInf>
                    """.formatted(groupReason));
        }
        xml.append("    </OrgnlGrpInfAndSts>\n");
        for (TxStatus tx : transactions) {
            xml.append("    <TxInfAndSts>\n      <StsId>").append(UUID.randomUUID().toString().replace("-", "").substring(0, 30))
                    .append("</StsId>\n");
            if (tx.originalEndToEndId() != null) {
                xml.append("      <OrgnlEndToEndId>").append(tx.originalEndToEndId()).append("</OrgnlEndToEndId>\n");
            }
            if (tx.originalTxId() != null) {
                xml.append("      <OrgnlTxId>").append(tx.originalTxId()).append("</OrgnlTxId>\n");
            }
            xml.append("      <TxSts>").append(tx.status()).append("</TxSts>\n");
            if (tx.reason() != null) {
                xml.append("      <StsRsnInf><Orgtr><Nm>CSM</Nm></Orgtr><Rsn><Cd>").append(tx.reason()).append("</Cd></Rsn></StsRsnInf>\n");
            }
            xml.append("    </TxInfAndSts>\n");
        }
        return xml.append("  </FIToFIPmtStsRpt>\n</Document>\n").toString();
    }

    /** Posts a status report as another person of the clearing desk than the closer, checked against the contract. */
    static Response postStatusReport(String xml) {
        return postStatusReport(xml, Tokens.clearing(CHECKER));
    }

    static Response postStatusReport(String xml, String token) {
        return Api.as(token).contentType("application/xml").body(xml).post("/payment-files/status-reports");
    }

    /** One returned transaction of a pacs.004. */
    record Return(String originalMessageId, String originalEndToEndId, String originalTxId, String amount, String reason) {
    }

    /** A pacs.004 as the clearing system sends it, valid against the official schema. */
    static String pacs004(String messageId, List<Return> returns) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.004.001.09">
                  <PmtRtr>
                    <GrpHdr>
                      <MsgId>%s</MsgId>
                      <CreDtTm>2026-12-03T07:00:00Z</CreDtTm>
                      <NbOfTxs>%d</NbOfTxs>
                      <TtlRtrdIntrBkSttlmAmt Ccy="EUR">%s</TtlRtrdIntrBkSttlmAmt>
                      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf>
                    </GrpHdr>
                """.formatted(messageId, returns.size(), returns.stream().map(r -> new java.math.BigDecimal(r.amount()))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString()));
        for (Return r : returns) {
            xml.append("""
                        <TxInf>
                          <RtrId>%s</RtrId>
                          <OrgnlGrpInf><OrgnlMsgId>%s</OrgnlMsgId><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf>
                          <OrgnlEndToEndId>%s</OrgnlEndToEndId>
                    """.formatted("R" + UUID.randomUUID().toString().substring(0, 20), r.originalMessageId(), r.originalEndToEndId()));
            if (r.originalTxId() != null) {
                xml.append("      <OrgnlTxId>").append(r.originalTxId()).append("</OrgnlTxId>\n");
            }
            xml.append("""
                          <RtrdIntrBkSttlmAmt Ccy="EUR">%s</RtrdIntrBkSttlmAmt>
                          <RtrRsnInf><Rsn><Cd>%s</Cd></Rsn></RtrRsnInf>
                        </TxInf>
                    """.formatted(r.amount(), r.reason()));
        }
        return IsoSchemas.assertValid(xml.append("  </PmtRtr>\n</Document>\n").toString());
    }

}
