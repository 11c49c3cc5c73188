package fr.backoffice.declarant;

import static fr.backoffice.support.Properties.between;
import static fr.backoffice.support.Properties.digits;
import static fr.backoffice.support.Properties.forAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SirenTest {

    /** SIRENs of registered companies; Luhn digit and VAT key of each recomputed outside this code. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "732829320, FR44732829320",
        "542051180, FR59542051180",  // TotalEnergies SE
        "552032534, FR27552032534",  // Danone
        "443061841, FR64443061841",  // Google France
        "356000000, FR39356000000",  // La Poste: its SIRETs break Luhn, its SIREN does not
    })
    void real_sirens_are_valid_and_give_their_vat_number(String siren, String vatNumber) {
        assertTrue(Siren.isValid(siren));
        assertEquals(vatNumber, Siren.vatNumber(siren));
        assertTrue(Siren.isValidVatNumber(vatNumber, siren));
    }

    @Test
    void vat_key_computed_by_hand() {
        // 732829320 = 97 × 7554941 + 43; (12 + 3 × 43) mod 97 = 141 mod 97 = 44.
        assertEquals("FR44732829320", Siren.vatNumber("732829320"));
    }

    @Test
    void vat_key_below_ten_is_zero_padded() {
        // 000000190 passes Luhn; 190 mod 97 = 93 and (12 + 3 × 93) mod 97 = 291 mod 97 = 0.
        assertEquals("FR00000000190", Siren.vatNumber("000000190"));
        // 000000224: 224 mod 97 = 30, (12 + 90) mod 97 = 5.
        assertEquals("FR05000000224", Siren.vatNumber("000000224"));
    }

    @Test
    void one_changed_digit_is_refused() {
        assertFalse(Siren.isValid("732829321"));
        assertFalse(Siren.isValid("742829320"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "73282932", "7328293200", "73282932A", " 732829320", "732829320 ", "732 829 320", "732-829-320",
        "٧٣٢٨٢٩٣٢٠", // the same SIREN in Arabic-Indic digits, which Character.isDigit accepts
    })
    void non_digits_and_wrong_lengths_are_refused(String siren) {
        assertFalse(Siren.isValid(siren));
    }

    @Test
    void vat_number_of_an_invalid_siren_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> Siren.vatNumber("732829321"));
        assertThrows(IllegalArgumentException.class, () -> Siren.vatNumber(null));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "FR45732829320",   // wrong key
        "FR44542051180",   // another company's SIREN
        "fr44732829320",   // not normalised
        "FR 44 732829320", // not normalised
        "DE44732829320",
        "44732829320",
    })
    void wrong_vat_numbers_are_refused(String vatNumber) {
        assertFalse(Siren.isValidVatNumber(vatNumber, "732829320"));
    }

    @Test
    void vat_number_check_needs_a_valid_siren() {
        assertFalse(Siren.isValidVatNumber("FR44732829320", null));
        assertFalse(Siren.isValidVatNumber("FR44732829320", "732829321"));
    }

    // --- properties ---

    private static String validSiren(Random random) {
        String first8 = digits(random, 8);
        return first8 + luhnCheckDigit(first8);
    }

    @Test
    void a_siren_with_its_luhn_digit_is_valid_and_its_vat_number_is_accepted() {
        forAll(1000, SirenTest::validSiren, siren -> {
            assertTrue(Siren.isValid(siren));

            String vatNumber = Siren.vatNumber(siren);

            assertEquals(13, vatNumber.length());
            assertEquals("FR", vatNumber.substring(0, 2));
            assertEquals(siren, vatNumber.substring(4));
            assertTrue(Siren.isValidVatNumber(vatNumber, siren));
        });
    }

    @Test
    void any_other_vat_key_is_refused() {
        record Sample(String siren, int key) {
        }
        forAll(1000, random -> new Sample(validSiren(random), between(random, 0, 99)), sample -> {
            String siren = sample.siren();
            String candidate = String.format(Locale.ROOT, "FR%02d%s", sample.key(), siren);
            if (candidate.equals(Siren.vatNumber(siren))) {
                return; // was Assume.that(!candidate.equals(...)): the right key is skipped
            }

            assertFalse(Siren.isValidVatNumber(candidate, siren));
        });
    }

    @Test
    void changing_any_one_digit_is_refused() {
        record Sample(String siren, int position, int shift) {
        }
        forAll(1000, random -> new Sample(validSiren(random), between(random, 0, 8), between(random, 1, 9)), sample -> {
            String siren = sample.siren();
            int position = sample.position();
            char changed = (char) ('0' + (siren.charAt(position) - '0' + sample.shift()) % 10);
            String altered = siren.substring(0, position) + changed + siren.substring(position + 1);

            assertFalse(Siren.isValid(altered));
        });
    }

    /** Written independently of Siren: digits at odd 0-based positions from the left of 9 are doubled. */
    private static int luhnCheckDigit(String first8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            int digit = first8.charAt(i) - '0';
            int weighted = i % 2 == 1 ? digit * 2 : digit;
            sum += weighted / 10 + weighted % 10;
        }
        return (10 - sum % 10) % 10;
    }
}
