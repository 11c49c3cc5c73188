package fr.backoffice.operation;

import fr.backoffice.account.Iban;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The BIC directory the operator loads (docs/clearing-and-statements.md "Clearing and statements"): its format, what it
 * finds, what it refuses.
 */
class BicDirectoryTest {

    private static final Path SAMPLE = Path.of("deploy/clearing/bic-directory.sample.csv");

    private static BicDirectory of(String... lines) {
        return BicDirectory.parse("test.csv", List.of(lines));
    }

    @Test
    void a_bank_is_found_by_the_country_and_the_bank_code_its_iban_carries() {
        BicDirectory directory = of("# a comment", "", "country;bankCode;bic;name", "DE;37040044;COBADEFFXXX;Commerzbank",
                "FR;30004;BNPAFRPPXXX;BNP Paribas", "NL;ABNA;ABNANL2AXXX", "BE;310;BBRUBEBBXXX;ING Belgium");
        assertThat(directory.size()).isEqualTo(4);
        assertThat(directory.bicOf(Iban.parse("DE89370400440532013000"))).contains("COBADEFFXXX");
        assertThat(directory.bicOf(Iban.parse("FR7630004000031234567890143"))).contains("BNPAFRPPXXX");
        assertThat(directory.bicOf(Iban.parse("NL91ABNA0417164300"))).contains("ABNANL2AXXX");
        assertThat(directory.bicOf(Iban.parse("BE91310007547034"))).contains("BBRUBEBBXXX");
        // another bank of the same country, and the same bank code in another country, are not found
        assertThat(directory.bicOf(Iban.parse("DE27370400450532013000"))).isEmpty();
        assertThat(directory.bicOf(Iban.parse("AT611904300234573201"))).isEmpty();
    }

    @Test
    void the_same_bank_twice_with_the_same_bic_is_one_entry() {
        assertThat(of("DE;37040044;COBADEFFXXX;Köln", "DE;37040044;COBADEFFXXX;Köln again").size()).isEqualTo(1);
    }

    @Test
    void a_malformed_line_is_refused_naming_the_file_the_line_and_why() {
        assertRefused("line 2", "3 or 4 fields", "DE;37040044;COBADEFFXXX", "DE;37040044");
        assertRefused("line 1", "country", "XX;37040044;COBADEFFXXX");
        assertRefused("line 1", "IBAN", "US;37040044;CHASUS33XXX");
        assertRefused("line 1", "8 digits", "DE;3704004;COBADEFFXXX");
        assertRefused("line 1", "4 letters", "NL;AB12;ABNANL2AXXX");
        assertRefused("line 1", "BIC", "DE;37040044;COBADEFF1");
        assertRefused("line 2", "already", "DE;37040044;COBADEFFXXX", "DE;37040044;DEUTDEFFXXX");
        assertRefused("line 1", "name", "DE;37040044;COBADEFFXXX;" + "x".repeat(141));
    }

    @Test
    void the_shipped_sample_is_well_formed_and_knows_the_banks_tests_and_examples_use() throws IOException {
        BicDirectory sample = BicDirectory.parse(SAMPLE.toString(), Files.readAllLines(SAMPLE));
        assertThat(sample.size()).isGreaterThanOrEqualTo(25);
        assertThat(sample.bicOf(Iban.parse("DE89370400440532013000"))).contains("COBADEFFXXX");
        assertThat(sample.bicOf(Iban.parse("FR1420041010050500013M02606"))).contains("PSSTFRPPXXX");
        assertThat(sample.bicOf(Iban.parse("NL91ABNA0417164300"))).contains("ABNANL2AXXX");
        assertThat(sample.bicOf(Iban.parse("ES9121000418450200051332"))).contains("CAIXESBBXXX");
    }

    private static void assertRefused(String where, String why, String... lines) {
        assertThatThrownBy(() -> of(lines)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.csv").hasMessageContaining(where).hasMessageContaining(why);
    }
}
