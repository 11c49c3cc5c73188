package fr.backoffice.operation.service;

import fr.backoffice.account.Iban;
import fr.backoffice.operation.BicDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the start reads (docs/clearing-and-statements.md "The BIC directory"): the directory file and the bank's own
 * BIC, or a clear refusal.
 */
class CreditorBanksTest {

    @TempDir
    Path folder;

    @Test
    void without_a_directory_only_the_banks_own_ibans_have_a_bic() {
        BicDirectory directory = CreditorBanks.load(Optional.empty(), "BOFRFRPPXXX", "12548");
        assertThat(directory.size()).isEqualTo(1);
        assertThat(directory.bicOf(Iban.french("12548", "00001", "00000000001"))).contains("BOFRFRPPXXX");
        assertThat(directory.bicOf(Iban.parse("DE89370400440532013000"))).isEmpty();
    }

    @Test
    void a_malformed_directory_stops_the_start_naming_the_file_the_line_and_the_setting() throws IOException {
        Path file = Files.writeString(folder.resolve("banks.csv"), "DE;37040044;COBADEFFXXX\nDE;3704;COBADEFFXXX\n");
        assertThatThrownBy(() -> CreditorBanks.load(Optional.of(file.toString()), "BOFRFRPPXXX", "12548"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("line 2")
                .hasMessageContaining("backoffice.clearing.bic-directory");
    }

    @Test
    void a_missing_or_unreadable_directory_stops_the_start() throws IOException {
        assertThatThrownBy(() -> CreditorBanks.load(Optional.of(folder.resolve("none.csv").toString()), "BOFRFRPPXXX", "12548"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be read");
        Path latin1 = Files.write(folder.resolve("latin1.csv"), new byte[]{'D', 'E', ';', '1', ';', (byte) 0xE9});
        assertThatThrownBy(() -> CreditorBanks.load(Optional.of(latin1.toString()), "BOFRFRPPXXX", "12548"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void the_banks_own_bic_must_be_a_bic() {
        assertThatThrownBy(() -> CreditorBanks.load(Optional.empty(), "BOFRFRPP-XX", "12548"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("backoffice.clearing.bic");
    }

    @Test
    void a_directory_that_lists_the_banks_own_code_keeps_its_entry() throws IOException {
        Path file = Files.writeString(folder.resolve("banks.csv"), "FR;12548;AXABFRPPXXX;the file's\n");
        assertThat(CreditorBanks.load(Optional.of(file.toString()), "BOFRFRPPXXX", "12548")
                .bicOf(Iban.french("12548", "00001", "00000000001"))).contains("AXABFRPPXXX");
    }
}
