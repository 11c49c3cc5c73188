package fr.backoffice.clearing;

import fr.backoffice.clearing.iso20022.InvalidMessage;
import fr.backoffice.clearing.iso20022.IsoXmlReader;
import fr.backoffice.clearing.iso20022.Pacs004;
import fr.backoffice.clearing.iso20022.Pacs008;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pacs.008 written and read, the pacs.004 read, and the reader's refusals: plain Java, no database. */
class Iso20022MessagesTest {

    private static final Pacs008.Outgoing FILE = new Pacs008.Outgoing("BO-20261201-00000001",
            Instant.parse("2026-12-01T16:30:00.123Z"), LocalDate.of(2026, 12, 2), "BOFRFRPPXXX", List.of(
            new Pacs008.Transfer("E2E-1", "tx1", new BigDecimal("100.1"), "Jeanne Martin", "FR7630001007941234567890185",
                    "COBADEFFXXX", "Dupont SARL", "DE89370400440532013000", "Invoice 1"),
            new Pacs008.Transfer("E2E-2", "tx2", new BigDecimal("0.90"), "Jeanne Martin", "FR7630001007941234567890185",
                    "COBADEFF", "Martin SA", "DE89370400440532013000", null)));

    @Test
    void a_written_file_reads_back_with_the_same_transactions_and_the_same_bytes_each_time() {
        byte[] xml = Pacs008.write(FILE);
        assertThat(Pacs008.write(FILE)).isEqualTo(xml);
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">")
                .contains("<CreDtTm>2026-12-01T16:30:00Z</CreDtTm>")
                .contains("<TtlIntrBkSttlmAmt Ccy=\"EUR\">101.00</TtlIntrBkSttlmAmt>")
                .contains("<IntrBkSttlmAmt Ccy=\"EUR\">100.10</IntrBkSttlmAmt>")
                .doesNotContain("<RmtInf>\n        <Ustrd></Ustrd>");

        Pacs008.Incoming read = Pacs008.read(xml);
        assertThat(read.messageId()).isEqualTo("BO-20261201-00000001");
        assertThat(read.credits()).extracting(Pacs008.Credit::endToEndId).containsExactly("E2E-1", "E2E-2");
        assertThat(read.credits()).extracting(Pacs008.Credit::transactionId).containsExactly("tx1", "tx2");
        assertThat(read.credits().get(0).amount()).isEqualByComparingTo("100.10");
        assertThat(read.credits().get(0).settlementDate()).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(read.credits().get(0).remittance()).isEqualTo("Invoice 1");
        assertThat(read.credits().get(1).remittance()).isNull();
        assertThat(read.credits().get(1).path()).isEqualTo("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]");
    }

    @Test
    void the_total_and_the_count_must_agree_with_the_transactions() {
        String xml = new String(Pacs008.write(FILE), StandardCharsets.UTF_8);
        assertInvalid(() -> Pacs008.read(bytes(xml.replace(">101.00<", ">101.01<"))),
                "/Document/FIToFICstmrCdtTrf/GrpHdr/TtlIntrBkSttlmAmt");
        assertInvalid(() -> Pacs008.read(bytes(xml.replace("<NbOfTxs>2<", "<NbOfTxs>two<"))),
                "/Document/FIToFICstmrCdtTrf/GrpHdr/NbOfTxs");
        assertInvalid(() -> Pacs008.read(bytes(xml.replace(">0.90<", ">-0.90<").replace(">101.00<", ">99.20<"))),
                "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt");
        assertInvalid(() -> Pacs008.read(bytes(xml.replace("<IntrBkSttlmDt>2026-12-02<", "<IntrBkSttlmDt>2026-13-02<"))),
                "/Document/FIToFICstmrCdtTrf/GrpHdr/IntrBkSttlmDt");
    }

    @Test
    void amounts_and_sums_are_read_by_value_in_any_xs_decimal_spelling() {
        String xml = new String(Pacs008.write(FILE), StandardCharsets.UTF_8);
        for (String[] spelling : new String[][]{{"100.100", "100.10"}, {"+100.1", "100.10"}, {"0100.10", "100.10"}}) {
            Pacs008.Incoming read = Pacs008.read(bytes(xml.replace(">100.10<", ">" + spelling[0] + "<")));
            assertThat(read.credits().get(0).amount()).as(spelling[0]).isEqualTo(new BigDecimal(spelling[1]));
        }
        assertThat(Pacs008.read(bytes(xml.replace(">0.90<", ">.9<"))).credits().get(1).amount()).isEqualTo(new BigDecimal("0.90"));
        assertThat(Pacs008.read(bytes(xml.replace("</NbOfTxs>", "</NbOfTxs><CtrlSum>101.000</CtrlSum>"))).credits()).hasSize(2);
        for (String bad : new String[]{"100.101", "0", "0.00", "1e2", "100,10", "", "1000000000000000.00"}) {
            assertInvalid(() -> Pacs008.read(bytes(xml.replace(">100.10<", ">" + bad + "<"))),
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt");
        }
        assertInvalid(() -> Pacs008.read(bytes(xml.replace("</NbOfTxs>", "</NbOfTxs><CtrlSum>101.001</CtrlSum>"))),
                "/Document/FIToFICstmrCdtTrf/GrpHdr/CtrlSum");
        assertInvalid(() -> Pacs008.read(bytes(xml.replace("</NbOfTxs>", "</NbOfTxs><CtrlSum>a lot</CtrlSum>"))),
                "/Document/FIToFICstmrCdtTrf/GrpHdr/CtrlSum");
    }

    @Test
    void a_return_whose_totals_disagree_with_its_transactions_is_refused() {
        String xml = """
                <?xml version="1.0"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.004.001.09"><PmtRtr>
                  <GrpHdr><MsgId>RTR-1</MsgId><CreDtTm>2026-12-03T07:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs><CtrlSum>99.99</CtrlSum>
                    <TtlRtrdIntrBkSttlmAmt Ccy="EUR">99.99</TtlRtrdIntrBkSttlmAmt></GrpHdr>
                  <TxInf><OrgnlGrpInf><OrgnlMsgId>BO-1</OrgnlMsgId><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf>
                    <OrgnlEndToEndId>E2E-1</OrgnlEndToEndId><RtrdIntrBkSttlmAmt Ccy="EUR">99.99</RtrdIntrBkSttlmAmt>
                    <RtrRsnInf><Rsn><Cd>AC04</Cd></Rsn></RtrRsnInf></TxInf>
                </PmtRtr></Document>""";
        assertThat(Pacs004.read(bytes(xml)).returns()).hasSize(1);
        assertInvalid(() -> Pacs004.read(bytes(xml.replace(">99.99</TtlRtrdIntrBkSttlmAmt>", ">999.99</TtlRtrdIntrBkSttlmAmt>"))),
                "/Document/PmtRtr/GrpHdr/TtlRtrdIntrBkSttlmAmt");
        assertInvalid(() -> Pacs004.read(bytes(xml.replace(">99.99</CtrlSum>", ">99.98</CtrlSum>"))),
                "/Document/PmtRtr/GrpHdr/CtrlSum");
        assertInvalid(() -> Pacs004.read(bytes(xml.replace("<NbOfTxs>1<", "<NbOfTxs>2<"))), "/Document/PmtRtr/GrpHdr/NbOfTxs");
    }

    @Test
    void dates_are_read_as_written_with_or_without_a_time_zone() {
        String xml = new String(Pacs008.write(FILE), StandardCharsets.UTF_8);
        for (String date : new String[]{"2026-12-07", "2026-12-07+01:00", "2026-12-07Z", "2026-12-07-14:00", "2026-12-07+14:00"}) {
            assertThat(Pacs008.read(bytes(xml.replace("<IntrBkSttlmDt>2026-12-02<", "<IntrBkSttlmDt>" + date + "<")))
                    .credits().get(0).settlementDate()).as(date).isEqualTo(LocalDate.of(2026, 12, 7));
        }
        for (String bad : new String[]{"2026-12-07+15:00", "2026-12-07+1:00", "2026-12-07T00:00:00", "2026-02-30", "07/12/2026",
                "2026-12-07+01:00:00"}) {
            assertInvalid(() -> Pacs008.read(bytes(xml.replace("<IntrBkSttlmDt>2026-12-02<", "<IntrBkSttlmDt>" + bad + "<"))),
                    "/Document/FIToFICstmrCdtTrf/GrpHdr/IntrBkSttlmDt");
        }
    }

    @Test
    void lengths_are_counted_in_characters_as_xml_schema_counts_them() {
        String clef = "\uD834\uDD1E";
        String xml = new String(Pacs008.write(FILE), StandardCharsets.UTF_8);
        // 140 characters, though 150 chars in Java: the longest Ustrd there is
        String ustrd = clef.repeat(10) + "a".repeat(130);
        assertThat(Pacs008.read(bytes(xml.replace("<Ustrd>Invoice 1</Ustrd>", "<Ustrd>" + ustrd + "</Ustrd>")))
                .credits().get(0).remittance()).isEqualTo(ustrd);
        assertInvalid(() -> Pacs008.read(bytes(xml.replace("<Ustrd>Invoice 1</Ustrd>", "<Ustrd>" + ustrd + "b</Ustrd>"))),
                "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/RmtInf/Ustrd");
    }

    @Test
    void an_iban_must_be_written_as_iso_writes_it() {
        String xml = new String(Pacs008.write(FILE), StandardCharsets.UTF_8);
        for (String bad : new String[]{"DE89 3704 0044 0532 0130 00", "DE89-370400440532013000", "de89370400440532013000",
                "DE8937040044053201300012345678901234"}) {
            assertInvalid(() -> Pacs008.read(bytes(xml.replace("<IBAN>DE89370400440532013000</IBAN>", "<IBAN>" + bad + "</IBAN>"))),
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/CdtrAcct/Id/IBAN");
        }
    }

    @Test
    void xml_1_1_is_refused_so_no_c0_control_reaches_a_text() {
        String xml = new String(Pacs008.write(FILE), StandardCharsets.UTF_8)
                .replace("<?xml version=\"1.0\"", "<?xml version=\"1.1\"").replace("Invoice 1", "Invoice&#x1;1");
        assertThatThrownBy(() -> Pacs008.read(bytes(xml))).isInstanceOfSatisfying(InvalidMessage.class, e -> {
            assertThat(e.path()).isEqualTo("/");
            assertThat(e.getMessage()).contains("XML 1.0");
        });
    }

    @Test
    void a_tx_id_is_required_and_unique_within_a_message_while_end_to_end_ids_may_repeat() {
        String xml = new String(Pacs008.write(FILE), StandardCharsets.UTF_8).replace("E2E-2", "E2E-1");
        assertThat(Pacs008.read(bytes(xml)).credits()).extracting(Pacs008.Credit::endToEndId).containsExactly("E2E-1", "E2E-1");
        assertInvalid(() -> Pacs008.read(bytes(xml.replace("<TxId>tx2</TxId>", "<TxId>tx1</TxId>"))),
                "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/PmtId/TxId");
        assertInvalid(() -> Pacs008.read(bytes(xml.replace("<TxId>tx1</TxId>", ""))),
                "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/TxId");
    }

    @Test
    void a_return_is_read_with_its_original_references_and_reason() {
        String xml = """
                <?xml version="1.0"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.004.001.09"><PmtRtr>
                  <GrpHdr><MsgId>RTR-1</MsgId><CreDtTm>2026-12-03T07:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs></GrpHdr>
                  <OrgnlGrpInf><OrgnlMsgId>BO-20261201-00000001</OrgnlMsgId><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf>
                  <TxInf><OrgnlEndToEndId>E2E-1</OrgnlEndToEndId><RtrdIntrBkSttlmAmt Ccy="EUR">100.10</RtrdIntrBkSttlmAmt>
                    <RtrRsnInf><Rsn><Cd>AC04</Cd></Rsn></RtrRsnInf></TxInf>
                </PmtRtr></Document>""";
        Pacs004.Message message = Pacs004.read(bytes(xml));
        assertThat(message.messageId()).isEqualTo("RTR-1");
        Pacs004.Returned returned = message.returns().get(0);
        assertThat(returned.originalMessageId()).isEqualTo("BO-20261201-00000001");
        assertThat(returned.originalEndToEndId()).isEqualTo("E2E-1");
        assertThat(returned.originalTransactionId()).isNull();
        assertThat(returned.reason()).isEqualTo("AC04");
        assertInvalid(() -> Pacs004.read(bytes(xml.replace("<Cd>AC04</Cd>", "<Cd>closed</Cd>"))),
                "/Document/PmtRtr/TxInf/RtrRsnInf/Rsn/Cd");
        assertInvalid(() -> Pacs004.read(bytes(xml.replace("<OrgnlMsgId>BO-20261201-00000001</OrgnlMsgId>", ""))),
                "/Document/PmtRtr/OrgnlGrpInf/OrgnlMsgId");
    }

    @Test
    void no_dtd_no_entity_no_depth_bomb() {
        String external = "<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">&x;</Document>";
        assertThatThrownBy(() -> IsoXmlReader.read(bytes(external), Pacs008.MESSAGE)).isInstanceOf(InvalidMessage.class)
                .hasMessageNotContaining("root:");
        String deep = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">" + "<a>".repeat(40)
                + "</a>".repeat(40) + "</Document>";
        assertThatThrownBy(() -> IsoXmlReader.read(bytes(deep), Pacs008.MESSAGE)).isInstanceOf(InvalidMessage.class)
                .hasMessageContaining("nested deeper");
        assertInvalid(() -> IsoXmlReader.read(new byte[0], Pacs008.MESSAGE), "/");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertInvalid(Runnable read, String path) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(InvalidMessage.class, e -> assertThat(e.path()).isEqualTo(path));
    }
}
