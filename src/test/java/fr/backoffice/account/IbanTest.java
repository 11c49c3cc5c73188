package fr.backoffice.account;

import static fr.backoffice.support.Properties.between;
import static fr.backoffice.support.Properties.chars;
import static fr.backoffice.support.Properties.digits;
import static fr.backoffice.support.Properties.forAll;
import static fr.backoffice.support.Properties.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;

import org.iban4j.CountryCode;
import org.iban4j.IbanUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IbanTest {

    /** Published examples (banks' and registries' documentation), each checked with iban4j and by hand for FR. */
    private static final String[] REAL_WORLD = {
        "DE89370400440532013000",
        "GB82WEST12345698765432",
        "FR1420041010050500013M02606",
        "FR7630006000011234567890189",
        "BE68539007547034",
        "NL91ABNA0417164300",
        "ES9121000418450200051332",
        "IT60X0542811101000000123456",
        "CH9300762011623852957",
        "AT611904300234573201",
        "PL61109010140000071219812874",
    };

    /** Countries without a national key we check ourselves, so iban4j's random IBANs are valid for us. */
    private static final CountryCode[] RANDOM_COUNTRIES = {
        CountryCode.DE, CountryCode.GB, CountryCode.BE, CountryCode.NL, CountryCode.ES, CountryCode.IT,
        CountryCode.CH, CountryCode.AT, CountryCode.PL, CountryCode.PT, CountryCode.LU, CountryCode.IE,
    };

    // --- accepted ---

    @ParameterizedTest
    @ValueSource(strings = {
        "DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
        "FR7630006000011234567890189", "BE68539007547034", "NL91ABNA0417164300",
        "ES9121000418450200051332", "IT60X0542811101000000123456", "CH9300762011623852957",
        "AT611904300234573201", "PL61109010140000071219812874",
    })
    void real_world_ibans_are_accepted_as_they_are(String iban) {
        assertEquals(iban, Iban.parse(iban).value());
    }

    @Test
    void printed_form_with_spaces_and_lower_case_is_accepted() {
        Iban iban = Iban.parse(" fr14 2004 1010 0505 0001 3m02 606 ");

        assertEquals("FR1420041010050500013M02606", iban.value());
        assertEquals(new Iban("FR1420041010050500013M02606"), iban);
    }

    @Test
    void formatted_in_groups_of_four_country_code_and_to_string() {
        Iban iban = Iban.parse("FR1420041010050500013M02606");

        assertEquals("FR14 2004 1010 0505 0001 3M02 606", iban.formatted());
        assertEquals("DE89 3704 0044 0532 0130 00", Iban.parse("DE89370400440532013000").formatted());
        assertEquals("FR", iban.countryCode());
        assertEquals("FR1420041010050500013M02606", iban.toString());
    }

    // --- refused ---

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void missing_iban_is_refused(String input) {
        assertRefused(() -> Iban.parse(input), "IBAN is missing");
    }

    @Test
    void wrong_check_digits_are_refused() {
        assertRefused(() -> Iban.parse("DE88370400440532013000"), "IBAN check digits are wrong");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE8937040044053201300", "DE893704004405320130000", "FR142004101005050001302606"})
    void wrong_length_for_the_country_is_refused(String iban) {
        assertRefused(() -> Iban.parse(iban), "IBAN has the wrong length for " + iban.substring(0, 2));
    }

    @Test
    void unknown_country_is_refused() {
        assertRefused(() -> Iban.parse("XX89370400440532013000"), "IBAN country code is unknown");
    }

    @Test
    void country_without_iban_is_refused() {
        assertRefused(() -> Iban.parse("US64SVBKUS6S3300958879"), "IBAN is not used in country US");
    }

    @Test
    void letters_where_the_country_format_wants_digits_are_refused() {
        // DE has an all-digit BBAN; the check digits are recomputed so only the structure is wrong.
        String bban = "37040044053201300A";
        String iban = "DE" + IbanUtil.calculateCheckDigit("DE00" + bban) + bban;

        assertRefused(() -> Iban.parse(iban), "IBAN does not follow the account format of DE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89-3704-0044-0532-0130-00", "DE89370400440532013000!", "DÉ89370400440532013000"})
    void characters_other_than_letters_and_digits_are_refused(String iban) {
        assertRefused(() -> Iban.parse(iban), "IBAN may only contain upper-case letters and digits");
    }

    @Test
    void constructor_refuses_the_printed_form_so_values_stay_canonical() {
        assertThrows(IllegalArgumentException.class, () -> new Iban("FR14 2004 1010 0505 0001 3M02 606"));
        assertThrows(IllegalArgumentException.class, () -> new Iban("fr1420041010050500013m02606"));
    }

    @Test
    void french_iban_with_a_wrong_rib_key_is_refused_even_with_correct_check_digits() {
        // Key 07 instead of 06, and ISO check digits recomputed so that only the RIB key is wrong.
        String bban = "20041010050500013M02607";
        String iban = "FR" + IbanUtil.calculateCheckDigit("FR00" + bban) + bban;
        assertTrue(IbanUtil.isValid(iban));

        assertRefused(() -> Iban.parse(iban), "IBAN has a wrong French RIB key");
    }

    @Test
    void rib_key_catches_the_swap_that_mod_97_cannot_see() {
        // Swapping "B1" and "1B" changes the mod-97 number by 9 × (11 − 11 × 1) = 0 (B counts 11):
        // iban4j accepts the result, only the RIB key (B counts 2 there) refuses it.
        Iban original = Iban.french("30006", "00001", "000B1000000");
        String swapped = original.value().replace("B1", "1B");
        assertTrue(IbanUtil.isValid(swapped));

        assertRefused(() -> Iban.parse(swapped), "IBAN has a wrong French RIB key");
    }

    // --- RIB key and French IBANs ---

    @Test
    void rib_key_computed_by_hand() {
        // 89 × 30006 + 15 × 00001 + 3 × 12345678901 = 2 670 534 + 15 + 37 037 036 703 = 37 039 707 252
        // 37 039 707 252 = 97 × 381 852 652 + 8, so the key is 97 − 8 = 89.
        assertEquals(89, Iban.ribKey("30006", "00001", "12345678901"));
    }

    @Test
    void rib_key_converts_letters_with_the_rib_table() {
        // M counts 4: account 0500013M026 → 05000134026.
        // 89 × 20041 + 15 × 01005 + 3 × 05000134026 = 15 002 200 802 = 97 × 154 661 863 + 91 → key 6.
        assertEquals(6, Iban.ribKey("20041", "01005", "0500013M026"));
        assertEquals(Iban.ribKey("20041", "01005", "05000134026"), Iban.ribKey("20041", "01005", "0500013M026"));
    }

    @Test
    void rib_key_letter_table_matches_the_standard_one() {
        String[] lettersByValue = {"AJ", "BKS", "CLT", "DMU", "ENV", "FOW", "GPX", "HQY", "IRZ"};
        for (int value = 1; value <= 9; value++) {
            for (char letter : lettersByValue[value - 1].toCharArray()) {
                assertEquals(Iban.ribKey("00000", "00000", "0000000000" + value),
                        Iban.ribKey("00000", "00000", "0000000000" + letter), "letter " + letter);
            }
        }
    }

    @Test
    void rib_key_is_97_when_the_weighted_sum_is_a_multiple_of_97() {
        // 89 × 00097 is a multiple of 97; the key range is 1..97, never 0.
        assertEquals(97, Iban.ribKey("00097", "00000", "00000000000"));
    }

    @Test
    void french_builds_the_published_examples() {
        assertEquals(Iban.parse("FR1420041010050500013M02606"), Iban.french("20041", "01005", "0500013M026"));
        assertEquals(Iban.parse("FR7630006000011234567890189"), Iban.french("30006", "00001", "12345678901"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2004 |01005|0500013M026", "200410|01005|0500013M026", "2004A|01005|0500013M026",
        "20041|0100|0500013M026", "20041|01005|0500013M02", "20041|01005|0500013M0266",
        "20041|01005|0500013m026", "20041|01005|0500013-026",
    })
    void french_refuses_malformed_parts(String parts) {
        String[] p = parts.split("\\|");
        assertThrows(IllegalArgumentException.class, () -> Iban.french(p[0], p[1], p[2]));
    }

    @Test
    void french_refuses_null_parts() {
        assertThrows(IllegalArgumentException.class, () -> Iban.french(null, "01005", "0500013M026"));
    }

    // --- properties ---

    @Test
    void every_built_french_iban_parses_back_with_its_rib_key() {
        record Sample(String bank, String branch, String account) {
        }
        forAll(1000, random -> new Sample(bankOrBranchCode(random), bankOrBranchCode(random), frenchAccountNumber(random)),
                sample -> {
                    String bank = sample.bank();
                    String branch = sample.branch();
                    String account = sample.account();
                    Iban iban = Iban.french(bank, branch, account);

                    assertEquals(iban, Iban.parse(iban.formatted().toLowerCase(Locale.ROOT)));
                    assertEquals(27, iban.value().length());
                    assertEquals("FR", iban.countryCode());
                    assertEquals(bank + branch + account, iban.value().substring(4, 25));
                    assertEquals(Iban.ribKey(bank, branch, account), Integer.parseInt(iban.value().substring(25)));
                    assertTrue(IbanUtil.isValid(iban.value()));
                });
    }

    @Test
    void random_ibans_of_several_countries_are_accepted() {
        forAll(1000, IbanTest::randomForeignIban, iban -> assertEquals(iban, Iban.parse(iban).value()));
    }

    @Test
    void changing_any_one_digit_is_refused() {
        record Sample(String iban, int position, int shift) {
        }
        forAll(1000, random -> new Sample(validIban(random), between(random, 0, 33), between(random, 1, 9)), sample -> {
            String iban = sample.iban();
            int at = sample.position() % iban.length();
            char original = iban.charAt(at);
            if (!Character.isDigit(original)) {
                return; // was Assume.that(Character.isDigit(original)): the sample is skipped
            }
            char changed = (char) ('0' + (original - '0' + sample.shift()) % 10);

            String altered = iban.substring(0, at) + changed + iban.substring(at + 1);

            assertThrows(IllegalArgumentException.class, () -> Iban.parse(altered));
        });
    }

    @Test
    void swapping_two_adjacent_different_characters_is_refused() {
        record Sample(String iban, int position) {
        }
        forAll(1000, random -> new Sample(validIban(random), between(random, 0, 32)), sample -> {
            String iban = sample.iban();
            int at = sample.position() % (iban.length() - 1);
            char first = iban.charAt(at);
            char second = iban.charAt(at + 1);
            // Formerly Assume.that(...): samples that do not meet these are skipped.
            if (first == second || (invisibleToMod97(first, second) && !iban.startsWith("FR"))) {
                return;
            }

            String swapped = iban.substring(0, at) + second + first + iban.substring(at + 2);

            assertThrows(IllegalArgumentException.class, () -> Iban.parse(swapped));
        });
    }

    private static void assertRefused(Executable parsing, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, parsing).getMessage());
    }

    /**
     * ISO 7064 mod 97-10 misses exactly one kind of adjacent swap: a letter worth 11 × a digit next to
     * that digit (B1, M2, X3), since both orders give the same remainder. Only the French RIB key sees it.
     */
    private static boolean invisibleToMod97(char a, char b) {
        char letter = Character.isLetter(a) ? a : b;
        char digit = Character.isDigit(a) ? a : b;
        return Character.isLetter(letter) && Character.isDigit(digit)
                && (letter - 'A' + 10) == 11 * (digit - '0');
    }

    private static String bankOrBranchCode(Random random) {
        return digits(random, 5);
    }

    private static String frenchAccountNumber(Random random) {
        return chars(random, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 11);
    }

    private static String randomForeignIban(Random random) {
        // Seeded builder rather than Iban.random(country), so the property's seed replays a failure.
        CountryCode country = pick(random, RANDOM_COUNTRIES);
        long seed = random.nextLong();
        return new org.iban4j.Iban.Builder(new Random(seed))
                .countryCode(country)
                .buildRandom()
                .toString();
    }

    /** A real-world, a random foreign or a built French IBAN, each a third of the time. */
    private static String validIban(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> pick(random, REAL_WORLD);
            case 1 -> randomForeignIban(random);
            default -> Iban.french(bankOrBranchCode(random), bankOrBranchCode(random), frenchAccountNumber(random)).value();
        };
    }
}
