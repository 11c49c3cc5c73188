package fr.backoffice.declarant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SirenTest {

    @ParameterizedTest
    @ValueSource(strings = {"732829320", "542107651", "552081317", "000000000"})
    void nine_digits_with_a_valid_luhn_checksum_are_a_siren(String siren) {
        assertThat(Siren.isValid(siren)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"732829321", "123456789", "73282932", "7328293200", "73282932O", " 732829320", "732 829 320", "７３２８２９３２０"})
    void anything_else_is_not(String siren) {
        assertThat(Siren.isValid(siren)).isFalse();
    }

    @Test
    void the_vat_key_is_12_plus_3_times_the_siren_mod_97_all_mod_97() {
        // 732829320 mod 97 = 43; 12 + 3 × 43 = 141; 141 mod 97 = 44
        assertThat(Siren.vatNumber("732829320")).isEqualTo("FR44732829320");
        // 542107651 mod 97 = 65; 12 + 3 × 65 = 207; 207 mod 97 = 13
        assertThat(Siren.vatNumber("542107651")).isEqualTo("FR13542107651");
    }

    @Test
    void a_key_below_ten_keeps_its_leading_zero() {
        // 000000000: (12 + 0) mod 97 = 12; look for a SIREN whose key is a single digit
        String siren = null;
        for (int n = 0; siren == null; n++) {
            String candidate = String.format("%09d", n);
            if (Siren.isValid(candidate) && (12 + 3 * (n % 97)) % 97 < 10) {
                siren = candidate;
            }
        }
        assertThat(Siren.vatNumber(siren)).matches("FR0[0-9]" + siren);
    }

    @Test
    void a_vat_number_is_valid_only_for_its_own_siren() {
        assertThat(Siren.isValidVatNumber("FR44732829320", "732829320")).isTrue();
        assertThat(Siren.isValidVatNumber("FR45732829320", "732829320")).isFalse();
        assertThat(Siren.isValidVatNumber("FR44542107651", "542107651")).isFalse();
        assertThat(Siren.isValidVatNumber("fr44732829320", "732829320")).isFalse();
        assertThat(Siren.isValidVatNumber(null, "732829320")).isFalse();
        assertThat(Siren.isValidVatNumber("FR44732829321", "732829321")).isFalse();
    }

    @Test
    void no_vat_number_for_an_invalid_siren() {
        assertThatThrownBy(() -> Siren.vatNumber("123456789")).isInstanceOf(IllegalArgumentException.class);
    }
}
