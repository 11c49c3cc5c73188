package fr.backoffice.common.iso20022;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer never writes a character XML 1.0 forbids (finding: a label holding U+0001 made that day's camt.053 not
 * well-formed): each one is replaced by U+FFFD, the replacement character, so that a document is always written and
 * always parses, and what was lost shows. Tab, LF and CR are XML characters and written as given.
 */
class IsoXmlWriterTest {

    private static final String NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";

    @Test
    void characters_xml_forbids_are_replaced_and_the_document_is_well_formed() throws Exception {
        String text = "a\u0000b\u0001c\u001bd\u007f\u0085e\ud800f\udc00g\ufffeh\uffffi";
        byte[] xml = IsoXmlWriter.document("camt.053.001.08").open("BkToCstmrStmt")
                .text("Nm", text).amountInCurrency("Amt", new BigDecimal("1.00"), "EUR").finish();

        Document parsed = parse(xml);
        String written = parsed.getElementsByTagNameNS(NS, "Nm").item(0).getTextContent();
        // DEL and C1 are XML characters (discouraged, not forbidden): the request rules keep them out of stored text
        assertThat(written).isEqualTo("a\ufffdb\ufffdc\ufffdd\u007f\u0085e\ufffdf\ufffdg\ufffdh\ufffdi");
    }

    @Test
    void tab_line_feed_and_text_beyond_the_basic_plane_are_written_as_given() throws Exception {
        String text = "Rent\nNovember\tflat 2 \ud83c\udfe0 Zoë";
        byte[] xml = IsoXmlWriter.document("camt.053.001.08").open("BkToCstmrStmt").text("Ustrd", text).finish();
        assertThat(parse(xml).getElementsByTagNameNS(NS, "Ustrd").item(0).getTextContent()).isEqualTo(text);
    }

    @Test
    void text_that_needs_nothing_replaced_is_kept_as_is() {
        assertThat(IsoXmlWriter.xmlText("Dupont SARL & fils <ok>")).isSameAs("Dupont SARL & fils <ok>");
        assertThat(IsoXmlWriter.xmlText("")).isEmpty();
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
