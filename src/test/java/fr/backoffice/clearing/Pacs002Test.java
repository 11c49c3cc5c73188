package fr.backoffice.clearing;

import fr.backoffice.clearing.Clearing.TxStatus;
import fr.backoffice.clearing.iso20022.InvalidMessage;
import fr.backoffice.clearing.iso20022.Pacs002;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The clearing system's status report (pacs.002.001.10) read: plain Java, no database. No XSD of pacs.002.001.10 is
 * at hand; the messages are shaped as SEPA clearings send them (Clearing.pacs002).
 */
class Pacs002Test {

    private static final String GROUP = "/Document/FIToFIPmtStsRpt/OrgnlGrpInfAndSts";
    private static final String PARTIAL = Clearing.pacs002("CSM-20261202-000123", "BO-20261201-00000042", "PART", null, List.of(
            new TxStatus("INV-2026-0042", "019ad0b111117a008000000000000001", "RJCT", "AC04"),
            new TxStatus("INV-2026-0043", null, "ACCP", null),
            new TxStatus(null, "019ad0b111117a008000000000000003", "ACSC", null)));

    private static Pacs002.Report read(String xml) {
        return Pacs002.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_partial_report_is_read_with_the_group_and_every_transaction_named() {
        Pacs002.Report report = read(PARTIAL);
        assertThat(report.messageId()).isEqualTo("CSM-20261202-000123");
        assertThat(report.originalMessageId()).isEqualTo("BO-20261201-00000042");
        assertThat(report.groupStatus()).isEqualTo("PART");
        assertThat(report.groupPath()).isEqualTo(GROUP);
        assertThat(report.transactions()).extracting(Pacs002.Transaction::status).containsExactly("RJCT", "ACCP", "ACSC");
        Pacs002.Transaction rejected = report.transactions().get(0);
        assertThat(rejected.originalEndToEndId()).isEqualTo("INV-2026-0042");
        assertThat(rejected.originalTransactionId()).isEqualTo("019ad0b111117a008000000000000001");
        assertThat(rejected.reason().code()).isEqualTo("AC04");
        assertThat(rejected.path()).isEqualTo("/Document/FIToFIPmtStsRpt/TxInfAndSts");
        assertThat(report.transactions().get(1).originalTransactionId()).isNull();
        assertThat(report.transactions().get(2).path()).isEqualTo("/Document/FIToFIPmtStsRpt/TxInfAndSts[3]");
    }

    @Test
    void a_group_rejection_carries_its_reason_and_text() {
        Pacs002.Report report = read(Clearing.pacs002("CSM-1", "BO-20261201-00000042", "RJCT", "DU01", List.of()));
        assertThat(report.groupStatus()).isEqualTo("RJCT");
        assertThat(report.groupReason().code()).isEqualTo("DU01");
        assertThat(report.groupReason().text()).isEqualTo("Rejected by the CSM");
        assertThat(report.transactions()).isEmpty();
    }

    @Test
    void what_posting_relies_on_is_checked_and_refused_naming_the_element() {
        assertInvalid(s -> s.replace("<GrpSts>PART</GrpSts>", ""), GROUP + "/GrpSts");
        assertInvalid(s -> s.replace("<GrpSts>PART</GrpSts>", "<GrpSts>part</GrpSts>"), GROUP + "/GrpSts");
        assertInvalid(s -> s.replace("<OrgnlMsgNmId>pacs.008.001.08<", "<OrgnlMsgNmId>pacs.004.001.09<"), GROUP + "/OrgnlMsgNmId");
        assertInvalid(s -> s.replace("<OrgnlMsgId>BO-20261201-00000042</OrgnlMsgId>", ""), GROUP + "/OrgnlMsgId");
        assertInvalid(s -> s.replace("</OrgnlGrpInfAndSts>", "</OrgnlGrpInfAndSts><OrgnlGrpInfAndSts><OrgnlMsgId>BO-2</OrgnlMsgId>"
                + "<OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId><GrpSts>ACCP</GrpSts></OrgnlGrpInfAndSts>"), GROUP);
        assertInvalid(s -> s.replace("<Cd>AC04</Cd>", "<Cd>closed</Cd>"), "/Document/FIToFIPmtStsRpt/TxInfAndSts/StsRsnInf/Rsn/Cd");
        assertInvalid(s -> s.replace("<TxSts>ACCP</TxSts>", ""), "/Document/FIToFIPmtStsRpt/TxInfAndSts[2]/TxSts");
        assertInvalid(s -> s.replace("<OrgnlEndToEndId>INV-2026-0043</OrgnlEndToEndId>", ""), "/Document/FIToFIPmtStsRpt/TxInfAndSts[2]/OrgnlTxId");
        assertInvalid(s -> s.replace("<OrgnlTxId>019ad0b111117a008000000000000003<", "<OrgnlTxId>019ad0b111117a008000000000000001<"),
                "/Document/FIToFIPmtStsRpt/TxInfAndSts[3]");
        assertInvalid(s -> s.replace("<StsId>", "<OrgnlGrpInf><OrgnlMsgId>BO-OTHER</OrgnlMsgId><OrgnlMsgNmId>pacs.008.001.08"
                + "</OrgnlMsgNmId></OrgnlGrpInf><StsId>"), "/Document/FIToFIPmtStsRpt/TxInfAndSts/OrgnlGrpInf/OrgnlMsgId");
        assertInvalid(s -> s.replace("xsd:pacs.002.001.10", "xsd:pacs.002.001.03"), "/Document");
    }

    @Test
    void a_transaction_cannot_contradict_the_group() {
        String accepted = Clearing.pacs002("CSM-1", "BO-1", "ACCP", null, List.of(new TxStatus("E2E-1", null, "RJCT", "AC01")));
        assertThatThrownBy(() -> read(accepted)).isInstanceOfSatisfying(InvalidMessage.class,
                e -> assertThat(e.path()).isEqualTo("/Document/FIToFIPmtStsRpt/TxInfAndSts/TxSts"));
        String rejected = Clearing.pacs002("CSM-1", "BO-1", "RJCT", "FF01", List.of(new TxStatus("E2E-1", null, "ACSC", null)));
        assertThatThrownBy(() -> read(rejected)).isInstanceOf(InvalidMessage.class);
    }

    private static void assertInvalid(UnaryOperator<String> edit, String path) {
        String xml = edit.apply(PARTIAL);
        assertThat(xml).isNotEqualTo(PARTIAL);
        assertThatThrownBy(() -> read(xml)).isInstanceOfSatisfying(InvalidMessage.class, e -> assertThat(e.path()).isEqualTo(path));
    }
}
