package fr.backoffice.clearing;

import fr.backoffice.support.IsoSchemas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The official schemas judge, not our reader (docs/clearing-and-statements.md "Clearing and statements"): the real
 * messages other banks' software sends are valid, so the checks below would refuse a wrong document, and the messages
 * the tests post are valid too. Every document the service answers in XML is validated by the tests' HTTP client as
 * well ({@code support/Api}). Skipped, saying where the schemas were looked for, when they are absent.
 */
class Iso20022ConformanceTest {

    @BeforeAll
    static void schemasAreThere() {
        assumeTrue(IsoSchemas.folder().isPresent(), IsoSchemas::absence);
    }

    @Test
    void other_vendors_real_messages_are_valid_against_the_official_schemas() throws IOException {
        Path samples = IsoSchemas.folder().orElseThrow().resolve("samples");
        for (String sample : List.of("paymentcomponents_sepa_pacs.008.001.08.xml", "paymentcomponents_sepa_pacs.004.001.09.xml")) {
            assertThat(IsoSchemas.errors(Files.readAllBytes(samples.resolve(sample)))).as(sample).isEmpty();
        }
    }

    @Test
    void a_document_breaking_the_sepa_rules_is_refused_by_the_epc_schema_though_iso_accepts_it() throws IOException {
        String sample = Files.readString(IsoSchemas.folder().orElseThrow().resolve("samples/paymentcomponents_sepa_pacs.008.001.08.xml"));
        // the creditor's bank as Othr/Id instead of a BIC: ISO allows it, the SEPA scheme does not (AT-C002)
        String othr = sample.replaceFirst("(?s)<CdtrAgt>.*?</CdtrAgt>",
                "<CdtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></CdtrAgt>");
        assertThat(othr).isNotEqualTo(sample);
        assertThat(IsoSchemas.errors(othr.getBytes())).singleElement().asString().startsWith("EPC115-06");
    }

    @Test
    void the_messages_the_tests_post_are_valid() {
        String iban = "FR7630006000011234567890189";
        IsoSchemas.assertValid(Clearing.pacs008("MSG-" + UUID.randomUUID().toString().substring(0, 8),
                List.of(new Clearing.Credit("E2E-1", "10.00", iban), new Clearing.Credit("NOTPROVIDED", "20.00", iban))));
        IsoSchemas.assertValid(Clearing.pacs004("RTR-" + UUID.randomUUID().toString().substring(0, 8),
                List.of(new Clearing.Return("BO-20261201-00000001", "E2E-1", "0123456789abcdef", "10.00", "AC04"))));
    }
}
