package fr.backoffice.reconciliation;

import fr.backoffice.support.Api;
import fr.backoffice.support.IsoSchemas;
import fr.backoffice.support.Tokens;
import io.restassured.response.Response;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Statements as the settlement bank writes them about our clearing settlement account: camt.053.001.08 (validated
 * against ISO's schema in ../shared/iso20022) and camt.054.001.08 (no schema of it is among the shared ones: written
 * as the standard's structure has it, the same ReportEntry10 as camt.053's, in BkToCstmrDbtCdtNtfctn/Ntfctn).
 */
final class Camt {

    static final String TODAY = LocalDate.now(ZoneId.of("Europe/Paris")).toString();

    private Camt() {
    }

    /** One transaction detail of an entry; null fields are left out. */
    record Tx(String amount, String messageId, String endToEndId, String txId, String partyName, String partyIban) {
    }

    /** One entry: an amount, CRDT or DBIT, and either a batch MsgId (no details) or its transactions. */
    record Entry(String amount, String creditDebit, String batchMessageId, List<Tx> transactions, String status) {
        Entry(String amount, String creditDebit, String batchMessageId, List<Tx> transactions) {
            this(amount, creditDebit, batchMessageId, transactions, "BOOK");
        }
    }

    static Entry batch(String amount, String creditDebit, String messageId) {
        return new Entry(amount, creditDebit, messageId, List.of());
    }

    static Entry details(String amount, String creditDebit, Tx... transactions) {
        return new Entry(amount, creditDebit, null, List.of(transactions));
    }

    /** A camt.053.001.08 whose totals and closing balance follow from {@code opening} and the entries. */
    static String statement(String messageId, long sequence, String iban, String opening, List<Entry> entries) {
        BigDecimal net = net(entries);
        BigDecimal closing = new BigDecimal(opening).add(net);
        return statement(messageId, sequence, iban, opening, closing.toPlainString(), entries, summary(entries));
    }

    /** A camt.053.001.08 with the balances and the summary given as they are (to post wrong ones). */
    static String statement(String messageId, long sequence, String iban, String opening, String closing, List<Entry> entries,
                            String summary) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>%sT21:00:00Z</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>%s</Id>
                      <ElctrncSeqNb>%d</ElctrncSeqNb>
                      <CreDtTm>%sT21:00:00Z</CreDtTm>
                      <FrToDt><FrDtTm>%sT00:00:00+01:00</FrDtTm><ToDtTm>%sT23:59:59+01:00</ToDtTm></FrToDt>
                      <Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>
                """.formatted(messageId, TODAY, messageId, sequence, TODAY, TODAY, TODAY, iban));
        xml.append(balance("OPBD", opening)).append(balance("CLBD", closing)).append(summary);
        entries.forEach(e -> xml.append(entry(e)));
        xml.append("    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n");
        return IsoSchemas.assertValid(xml.toString());
    }

    /** A camt.054.001.08 notification of these entries. */
    static String notification(String messageId, long sequence, String iban, List<Entry> entries) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
                  <BkToCstmrDbtCdtNtfctn>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>%sT12:00:00Z</CreDtTm></GrpHdr>
                    <Ntfctn>
                      <Id>%s</Id>
                      <ElctrncSeqNb>%d</ElctrncSeqNb>
                      <CreDtTm>%sT12:00:00Z</CreDtTm>
                      <Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>
                """.formatted(messageId, TODAY, messageId, sequence, TODAY, iban));
        xml.append(summary(entries));
        entries.forEach(e -> xml.append(entry(e)));
        return xml.append("    </Ntfctn>\n  </BkToCstmrDbtCdtNtfctn>\n</Document>\n").toString();
    }

    static BigDecimal net(List<Entry> entries) {
        return entries.stream().map(e -> "CRDT".equals(e.creditDebit()) ? new BigDecimal(e.amount()) : new BigDecimal(e.amount()).negate())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static String summary(List<Entry> entries) {
        BigDecimal credits = sum(entries, "CRDT");
        BigDecimal debits = sum(entries, "DBIT");
        BigDecimal net = credits.subtract(debits);
        long creditCount = entries.stream().filter(e -> "CRDT".equals(e.creditDebit())).count();
        return """
                      <TxsSummry>
                        <TtlNtries><NbOfNtries>%d</NbOfNtries><Sum>%s</Sum><TtlNetNtry><Amt>%s</Amt><CdtDbtInd>%s</CdtDbtInd></TtlNetNtry></TtlNtries>
                        <TtlCdtNtries><NbOfNtries>%d</NbOfNtries><Sum>%s</Sum></TtlCdtNtries>
                        <TtlDbtNtries><NbOfNtries>%d</NbOfNtries><Sum>%s</Sum></TtlDbtNtries>
                      </TxsSummry>
                """.formatted(entries.size(), credits.add(debits).toPlainString(), net.abs().toPlainString(),
                net.signum() < 0 ? "DBIT" : "CRDT", creditCount, credits.toPlainString(), entries.size() - creditCount,
                debits.toPlainString());
    }

    private static BigDecimal sum(List<Entry> entries, String side) {
        return entries.stream().filter(e -> side.equals(e.creditDebit())).map(e -> new BigDecimal(e.amount()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String balance(String type, String amount) {
        BigDecimal value = new BigDecimal(amount);
        return """
                      <Bal><Tp><CdOrPrtry><Cd>%s</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Dt><Dt>%s</Dt></Dt></Bal>
                """.formatted(type, value.abs().setScale(2).toPlainString(), value.signum() < 0 ? "DBIT" : "CRDT", TODAY);
    }

    private static String entry(Entry e) {
        StringBuilder xml = new StringBuilder("""
                      <Ntry>
                        <Amt Ccy="EUR">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Sts><Cd>%s</Cd></Sts>
                        <BookgDt><Dt>%s</Dt></BookgDt><ValDt><Dt>%s</Dt></ValDt><AcctSvcrRef>CSM-%s</AcctSvcrRef>
                        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>%s</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                """.formatted(e.amount(), e.creditDebit(), e.status(), TODAY, TODAY, Math.abs(e.hashCode() % 100000),
                "CRDT".equals(e.creditDebit()) ? "RCDT" : "ICDT"));
        if (e.batchMessageId() != null || !e.transactions().isEmpty()) {
            xml.append("        <NtryDtls>\n");
            if (e.batchMessageId() != null) {
                xml.append("          <Btch><MsgId>").append(e.batchMessageId()).append("</MsgId></Btch>\n");
            }
            for (Tx tx : e.transactions()) {
                xml.append("          <TxDtls>\n            <Refs>");
                if (tx.messageId() != null) {
                    xml.append("<MsgId>").append(tx.messageId()).append("</MsgId>");
                }
                if (tx.endToEndId() != null) {
                    xml.append("<EndToEndId>").append(tx.endToEndId()).append("</EndToEndId>");
                }
                if (tx.txId() != null) {
                    xml.append("<TxId>").append(tx.txId()).append("</TxId>");
                }
                xml.append("</Refs>\n");
                xml.append("            <Amt Ccy=\"EUR\">").append(tx.amount()).append("</Amt><CdtDbtInd>")
                        .append(e.creditDebit()).append("</CdtDbtInd>\n");
                if (tx.partyName() != null || tx.partyIban() != null) {
                    String party = "CRDT".equals(e.creditDebit()) ? "Dbtr" : "Cdtr";
                    xml.append("            <RltdPties>");
                    if (tx.partyName() != null) {
                        xml.append("<").append(party).append("><Pty><Nm>").append(tx.partyName()).append("</Nm></Pty></")
                                .append(party).append(">");
                    }
                    if (tx.partyIban() != null) {
                        xml.append("<").append(party).append("Acct><Id><IBAN>").append(tx.partyIban()).append("</IBAN></Id></")
                                .append(party).append("Acct>");
                    }
                    xml.append("</RltdPties>\n");
                }
                xml.append("          </TxDtls>\n");
            }
            xml.append("        </NtryDtls>\n");
        }
        return xml.append("      </Ntry>\n").toString();
    }

    static Response post(String xml, String token) {
        return Api.as(token).contentType("application/xml").body(xml.getBytes(StandardCharsets.UTF_8)).post("/reconciliation/statements");
    }

    static Response post(String xml) {
        return post(xml, desk());
    }

    static String desk() {
        return Tokens.token("recon-ann", null, "reconciliation");
    }

    static String checker() {
        return Tokens.token("recon-bob", null, "reconciliation");
    }

    /** The unit's clearing settlement account (created by the first posting on it): its id and IBAN. */
    static Map<String, String> settlementAccount(String unit) {
        List<Map<String, Object>> items = Api.as(Tokens.admin()).queryParam("unit", unit).queryParam("type", "INTERNAL")
                .queryParam("limit", 200).get("/accounts").then().statusCode(200).extract().jsonPath().getList("items");
        List<Map<String, Object>> found = new ArrayList<>(items.stream()
                .filter(a -> ((Map<?, ?>) a.get("holder")).get("name").toString().startsWith("Clearing settlement")).toList());
        if (found.isEmpty()) {
            throw new AssertionError("no clearing settlement account in " + unit);
        }
        return Map.of("id", found.get(0).get("id").toString(), "iban", found.get(0).get("iban").toString());
    }
}
