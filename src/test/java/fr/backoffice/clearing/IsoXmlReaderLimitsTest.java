package fr.backoffice.clearing;

import fr.backoffice.clearing.iso20022.InvalidMessage;
import fr.backoffice.clearing.iso20022.IsoXmlReader;
import fr.backoffice.clearing.iso20022.MessageLimitExceeded;
import fr.backoffice.clearing.iso20022.Pacs004;
import fr.backoffice.clearing.iso20022.Pacs008;
import fr.backoffice.common.error.ProblemCode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader's limits (docs/clearing-and-statements.md "Clearing and statements"): counted while streaming, each
 * refused one past it, and a genuine message of the greatest size accepted passes them all. Plain Java.
 */
class IsoXmlReaderLimitsTest {

    private static final String OPEN = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>";
    private static final String CLOSE = "</FIToFICstmrCdtTrf></Document>";
    private static final int FIVE_MIB = 5 * 1024 * 1024;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertLimit(byte[] xml, String path, String what) {
        assertThatThrownBy(() -> IsoXmlReader.read(xml, Pacs008.MESSAGE)).isInstanceOfSatisfying(MessageLimitExceeded.class, e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.getMessage()).contains(what);
        });
    }

    @Test
    void elements_beyond_the_limit_are_refused_while_reading_at_the_first_one_over() {
        // the document and its child are two
        int empties = IsoXmlReader.MAX_ELEMENTS - 2;
        assertThat(IsoXmlReader.read(bytes(OPEN + "<a/>".repeat(empties) + CLOSE), Pacs008.MESSAGE)
                .one("FIToFICstmrCdtTrf").children()).hasSize(empties);
        assertLimit(bytes(OPEN + "<a/>".repeat(empties + 1) + CLOSE), "/Document/FIToFICstmrCdtTrf/a[" + (empties + 1) + "]",
                "more than " + IsoXmlReader.MAX_ELEMENTS + " elements");
    }

    @Test
    void five_mebibytes_of_empty_elements_are_refused_not_built() {
        StringBuilder xml = new StringBuilder(OPEN);
        while (xml.length() < FIVE_MIB - CLOSE.length() - 4) {
            xml.append("<a/>");
        }
        byte[] message = bytes(xml.append(CLOSE).toString());
        assertThat(message.length).isLessThanOrEqualTo(FIVE_MIB);
        assertThatThrownBy(() -> Pacs008.read(message)).isInstanceOf(MessageLimitExceeded.class);
    }

    @Test
    void attributes_beyond_the_limit_per_element_are_refused_namespace_declarations_included() {
        StringBuilder most = new StringBuilder("<a");
        // the Document's own xmlns is on the Document: here, up to the limit
        for (int i = 1; i <= IsoXmlReader.MAX_ATTRIBUTES - 1; i++) {
            most.append(" x").append(i).append("=\"1\"");
        }
        String atLimit = most + " xmlns:p=\"urn:p\"/>";
        assertThat(IsoXmlReader.read(bytes(OPEN + atLimit + CLOSE), Pacs008.MESSAGE).one("FIToFICstmrCdtTrf").one("a")
                .attributes()).containsEntry("x1", "1");
        assertLimit(bytes(OPEN + most + " y=\"1\" xmlns:p=\"urn:p\"/>" + CLOSE), "/Document/FIToFICstmrCdtTrf/a",
                "more than " + IsoXmlReader.MAX_ATTRIBUTES + " attributes");
    }

    @Test
    void a_text_or_an_attribute_value_beyond_the_limit_is_refused() {
        String longest = "x".repeat(IsoXmlReader.MAX_TEXT);
        assertThat(IsoXmlReader.read(bytes(OPEN + "<a>" + longest + "</a>" + CLOSE), Pacs008.MESSAGE)
                .one("FIToFICstmrCdtTrf").one("a").text()).hasSize(IsoXmlReader.MAX_TEXT);
        assertLimit(bytes(OPEN + "<a>" + longest + "y</a>" + CLOSE), "/Document/FIToFICstmrCdtTrf/a",
                "longer than " + IsoXmlReader.MAX_TEXT + " characters");
        // split by the parser into several pieces (a CDATA section, references), still one text
        assertLimit(bytes(OPEN + "<a>" + longest.substring(10) + "<![CDATA[0123456789]]>&amp;</a>" + CLOSE),
                "/Document/FIToFICstmrCdtTrf/a", "longer than");
        assertLimit(bytes(OPEN + "<a b=\"" + longest + "y\"/>" + CLOSE), "/Document/FIToFICstmrCdtTrf/a/@b", "longer than");
    }

    @Test
    void whitespace_between_elements_is_no_text_and_counts_against_no_limit() {
        // pretty-printed: a parent's indentation adds up to more than a text may hold, and is not kept
        String pretty = OPEN + "\n    <a>1</a>".repeat(IsoXmlReader.MAX_TEXT) + "\n" + CLOSE;
        IsoXmlReader.Element root = IsoXmlReader.read(bytes(pretty), Pacs008.MESSAGE).one("FIToFICstmrCdtTrf");
        assertThat(root.text()).isEmpty();
        assertThat(root.all("a")).hasSize(IsoXmlReader.MAX_TEXT);
        assertThat(IsoXmlReader.read(bytes(OPEN + "<a>Dupont &amp; Fils <![CDATA[<SARL>]]></a>" + CLOSE), Pacs008.MESSAGE)
                .one("FIToFICstmrCdtTrf").one("a").text()).isEqualTo("Dupont & Fils <SARL>");
    }

    @Test
    void transactions_beyond_the_limit_per_message_are_refused() {
        String pacs008 = credits(IsoXmlReader.MAX_TRANSACTIONS + 1);
        assertThatThrownBy(() -> Pacs008.read(bytes(pacs008))).isInstanceOfSatisfying(MessageLimitExceeded.class, e -> {
            assertThat(e.path()).isEqualTo("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[" + (IsoXmlReader.MAX_TRANSACTIONS + 1) + "]");
            assertThat(e.getMessage()).contains("more than " + IsoXmlReader.MAX_TRANSACTIONS + " transactions");
        });
        StringBuilder pacs004 = new StringBuilder("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.004.001.09\"><PmtRtr>"
                + "<GrpHdr><MsgId>R</MsgId><CreDtTm>2026-12-03T07:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs></GrpHdr>"
                + "<OrgnlGrpInf><OrgnlMsgId>BO-1</OrgnlMsgId><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf>");
        String oneReturn = "<TxInf><OrgnlEndToEndId>E</OrgnlEndToEndId><RtrdIntrBkSttlmAmt Ccy=\"EUR\">1</RtrdIntrBkSttlmAmt>"
                + "<RtrRsnInf><Rsn><Cd>AC04</Cd></Rsn></RtrRsnInf></TxInf>";
        pacs004.append(oneReturn.repeat(IsoXmlReader.MAX_TRANSACTIONS + 1)).append("</PmtRtr></Document>");
        assertThatThrownBy(() -> Pacs004.read(bytes(pacs004.toString()))).isInstanceOfSatisfying(MessageLimitExceeded.class,
                e -> assertThat(e.path()).isEqualTo("/Document/PmtRtr/TxInf[" + (IsoXmlReader.MAX_TRANSACTIONS + 1) + "]"));
    }

    @Test
    void a_genuine_message_of_the_greatest_size_accepted_passes_every_limit() {
        // real transactions, written as tightly as the EPC schema allows (no indentation, short values): the most
        // elements 5 MiB of genuine credits can hold
        int count = 0;
        StringBuilder transactions = new StringBuilder();
        String header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + OPEN + "<GrpHdr><MsgId>STET-MAX</MsgId>"
                + "<CreDtTm>2026-12-01T07:00:00Z</CreDtTm><NbOfTxs>%d</NbOfTxs><TtlIntrBkSttlmAmt Ccy=\"EUR\">%s</TtlIntrBkSttlmAmt>"
                + "<IntrBkSttlmDt>2026-12-01</IntrBkSttlmDt><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf>"
                + "<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf></GrpHdr>";
        while (header.length() + 40 + transactions.length() + CLOSE.length() < FIVE_MIB - 600) {
            count++;
            transactions.append(Clearing.tightCredit(count));
        }
        String xml = header.formatted(count, count + ".00") + transactions + CLOSE;
        assertThat(xml.length()).isBetween(FIVE_MIB - 1200, FIVE_MIB);
        Pacs008.Incoming read = Pacs008.read(bytes(xml));
        assertThat(read.credits()).hasSize(count);
        assertThat(read.credits().stream().map(Pacs008.Credit::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(count + ".00");
        assertThat(count).isLessThan(IsoXmlReader.MAX_TRANSACTIONS);
    }

    private static String credits(int count) {
        StringBuilder xml = new StringBuilder(OPEN + "<GrpHdr><MsgId>M</MsgId><CreDtTm>2026-12-01T07:00:00Z</CreDtTm>"
                + "<NbOfTxs>" + count + "</NbOfTxs><IntrBkSttlmDt>2026-12-01</IntrBkSttlmDt>"
                + "<SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>");
        String credit = "<CdtTrfTxInf><PmtId><EndToEndId>E</EndToEndId><TxId>" + UUID.randomUUID() + "</TxId></PmtId></CdtTrfTxInf>";
        return xml.append(credit.repeat(count)).append(CLOSE).toString();
    }

    @Test
    void a_limit_is_its_own_problem_413_naming_where_it_was_crossed() {
        MessageLimitExceeded limit = new MessageLimitExceeded("/Document/FIToFICstmrCdtTrf/a[3]", "more than 2 elements");
        assertThat(limit).isInstanceOf(InvalidMessage.class);
        assertThat(limit.problem().status()).isEqualTo(413);
        assertThat(limit.problem().code()).isEqualTo(ProblemCode.MESSAGE_LIMIT_EXCEEDED);
        assertThat(limit.problem().errors().get(0).field()).isEqualTo("/Document/FIToFICstmrCdtTrf/a[3]");
    }
}
