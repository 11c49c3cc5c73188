package fr.backoffice.clearing;

import fr.backoffice.clearing.iso20022.Pacs008;
import fr.backoffice.clearing.iso20022.SepaRules;
import fr.backoffice.common.error.FieldError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EPC usage rules a payment file must keep before it is stored (docs/clearing-and-statements.md
 * "Clearing and statements"), checked on the document's bytes: each rule broken once, named by the element path of the
 * transaction that breaks it.
 */
class SepaRulesTest {

    private static final String TX1 = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf";

    private static Pacs008.Transfer transfer(String endToEndId, String txId, String amount, String creditorBic,
                                             String creditorName, String remittance) {
        return new Pacs008.Transfer(endToEndId, txId, new BigDecimal(amount), "Jeanne Martin", "FR7630001007941234567890185",
                creditorBic, creditorName, "DE89370400440532013000", remittance);
    }

    private static byte[] file(Pacs008.Transfer... transfers) {
        return Pacs008.write(new Pacs008.Outgoing("BO-20261201-00000001", Instant.parse("2026-12-01T16:30:00Z"),
                LocalDate.of(2026, 12, 2), "BOFRFRPPXXX", List.of(transfers)));
    }

    private static final byte[] GOOD = file(
            transfer("INV-2026-0042", "019ad0b111117a008000000000000001", "100.10", "COBADEFFXXX", "Dupont SARL", "Invoice 42"),
            transfer("019ad0b111117a008000000000000002", "019ad0b111117a008000000000000002", "999999999.99", "COBADEFF",
                    "O" + "x".repeat(69), "y".repeat(140)));

    private static List<String> broken(byte[] document) {
        return SepaRules.check(document).stream().map(e -> e.field() + ": " + e.message()).toList();
    }

    private static List<String> broken(UnaryOperator<String> edit) {
        return broken(edit.apply(new String(GOOD, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_file_the_service_writes_keeps_every_rule() {
        assertThat(SepaRules.check(GOOD)).isEmpty();
    }

    @Test
    void amounts_are_between_one_cent_and_the_schemes_maximum_with_two_decimals() {
        assertThat(broken(file(transfer("E2E-1", "TX1", "1000000000.00", "COBADEFFXXX", "Dupont", null))))
                .singleElement().asString().startsWith(TX1 + "/IntrBkSttlmAmt: ").contains("999999999.99");
        assertThat(broken(s -> s.replace(">100.10<", ">100.105<").replace(">1000000100.09<", ">1000000100.095<")))
                .anyMatch(e -> e.startsWith(TX1 + "/IntrBkSttlmAmt: "));
        assertThat(broken(s -> s.replace(">100.10<", ">0.00<").replace(">1000000100.09<", ">999999999.99<")))
                .anyMatch(e -> e.startsWith(TX1 + "/IntrBkSttlmAmt: "));
        assertThat(broken(s -> s.replace("Ccy=\"EUR\">100.10", "Ccy=\"USD\">100.10")))
                .anyMatch(e -> e.startsWith(TX1 + "/IntrBkSttlmAmt/@Ccy: "));
    }

    @Test
    void the_group_header_agrees_with_the_transactions() {
        assertThat(broken(s -> s.replace("<NbOfTxs>2<", "<NbOfTxs>3<")))
                .containsExactly("/Document/FIToFICstmrCdtTrf/GrpHdr/NbOfTxs: says 3, the file has 2 transactions");
        assertThat(broken(s -> s.replace(">1000000100.09<", ">1000000100.10<")))
                .singleElement().asString().startsWith("/Document/FIToFICstmrCdtTrf/GrpHdr/TtlIntrBkSttlmAmt: ");
        assertThat(broken(s -> s.replace("<SttlmMtd>CLRG<", "<SttlmMtd>INDA<")))
                .singleElement().asString().startsWith("/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/SttlmMtd: ");
        assertThat(broken(s -> s.replace("<MsgId>BO-20261201-00000001<", "<MsgId>BO//1<")))
                .singleElement().asString().startsWith("/Document/FIToFICstmrCdtTrf/GrpHdr/MsgId: ");
    }

    @Test
    void service_level_sepa_and_shared_charges_are_in_every_transaction() {
        assertThat(broken(s -> s.replaceFirst("<Cd>SEPA</Cd>", "<Cd>NURG</Cd>")))
                .containsExactly(TX1 + "/PmtTpInf/SvcLvl/Cd: must be SEPA, is NURG");
        assertThat(broken(s -> s.replaceFirst("(?s)<PmtTpInf>.*?</PmtTpInf>", "")))
                .containsExactly(TX1 + "/PmtTpInf/SvcLvl/Cd: missing");
        assertThat(broken(s -> s.replaceFirst("<ChrgBr>SLEV<", "<ChrgBr>SHAR<")))
                .containsExactly(TX1 + "/ChrgBr: must be SLEV, is SHAR");
    }

    @Test
    void both_banks_are_bics() {
        assertThat(broken(file(transfer("E2E-1", "TX1", "1.00", "COBADEFF1", "Dupont", null))))
                .singleElement().asString().startsWith(TX1 + "/CdtrAgt/FinInstnId/BICFI: ");
        assertThat(broken(file(transfer("E2E-1", "TX1", "1.00", null, "Dupont", null))))
                .containsExactly(TX1 + "/CdtrAgt/FinInstnId/BICFI: missing");
        assertThat(broken(s -> s.replace("<BICFI>BOFRFRPPXXX<", "<BICFI>BOFRQQPPXXX<")))
                .hasSize(2).allMatch(e -> e.contains("/DbtrAgt/FinInstnId/BICFI: "));
    }

    @Test
    void identifiers_keep_the_restricted_character_set_and_are_unique() {
        assertThat(broken(file(transfer("/E2E", "TX1", "1.00", "COBADEFFXXX", "Dupont", null))))
                .singleElement().asString().startsWith(TX1 + "/PmtId/EndToEndId: ");
        assertThat(broken(file(transfer("E2E-1", "TX//1", "1.00", "COBADEFFXXX", "Dupont", null))))
                .singleElement().asString().startsWith(TX1 + "/PmtId/TxId: ");
        assertThat(broken(file(transfer("E2E-1", "TX1", "1.00", "COBADEFFXXX", "Dupont", null),
                transfer("E2E-2", "TX1", "1.00", "COBADEFFXXX", "Dupont", null))))
                .containsExactly(TX1 + "[2]/PmtId/TxId: TX1 is the TxId of another transaction of the file");
    }

    @Test
    void names_and_remittance_information_are_sepa_text_within_their_lengths() {
        assertThat(broken(file(transfer("E2E-1", "TX1", "1.00", "COBADEFFXXX", "Dupont & Fils", null))))
                .singleElement().asString().startsWith(TX1 + "/Cdtr/Nm: ");
        assertThat(broken(file(transfer("E2E-1", "TX1", "1.00", "COBADEFFXXX", "x".repeat(71), null))))
                .singleElement().asString().startsWith(TX1 + "/Cdtr/Nm: ").contains("70");
        assertThat(broken(file(transfer("E2E-1", "TX1", "1.00", "COBADEFFXXX", "Dupont", "é".repeat(3)))))
                .singleElement().asString().startsWith(TX1 + "/RmtInf/Ustrd: ");
        assertThat(broken(file(transfer("E2E-1", "TX1", "1.00", "COBADEFFXXX", "Dupont", "y".repeat(141)))))
                .singleElement().asString().startsWith(TX1 + "/RmtInf/Ustrd: ").contains("140");
        assertThat(broken(s -> s.replace("<IBAN>DE89370400440532013000<", "<IBAN>de89 3704<")))
                .hasSize(2).allMatch(e -> e.contains("/CdtrAcct/Id/IBAN: "));
    }

    @Test
    void the_findings_name_the_field_and_the_rule() {
        List<FieldError> errors = SepaRules.check(file(transfer("E2E-1", "TX1", "1.00", "COBADEFFXXX", "Dupont & Fils", null)));
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo(TX1 + "/Cdtr/Nm");
            assertThat(error.message()).contains("SEPA character set");
        });
    }
}
