package fr.backoffice.declarant;

import java.util.Locale;
import java.util.regex.Pattern;

/** The French company identifier (SIREN) and the intra-EU VAT number derived from it. */
public final class Siren {

    // [0-9] rather than \d or Character.isDigit, which also accept non-ASCII digits such as Arabic-Indic ones.
    private static final Pattern NINE_DIGITS = Pattern.compile("[0-9]{9}");

    private Siren() {
    }

    /** Exactly 9 ASCII digits with a valid Luhn checksum; no spaces or other separators. */
    public static boolean isValid(String siren) {
        return siren != null && NINE_DIGITS.matcher(siren).matches() && luhnSumOf(siren) % 10 == 0;
    }

    /** {@code FR} + 2-digit key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
    public static String vatNumber(String siren) {
        if (!isValid(siren)) {
            throw new IllegalArgumentException("SIREN must be 9 digits with a valid Luhn checksum");
        }
        long key = (12 + 3 * (Long.parseLong(siren) % 97)) % 97;
        // Locale.ROOT: some locales format %d with non-ASCII digits.
        return String.format(Locale.ROOT, "FR%02d%s", key, siren);
    }

    /** Exact match of the computed number: no spaces, upper-case FR. Callers normalise input first. */
    public static boolean isValidVatNumber(String vatNumber, String siren) {
        return isValid(siren) && vatNumber(siren).equals(vatNumber);
    }

    /** Luhn: from the right, every second digit is doubled, and 9 taken off when that makes two digits. */
    private static int luhnSumOf(String digits) {
        int sum = 0;
        for (int fromRight = 0; fromRight < digits.length(); fromRight++) {
            int digit = digits.charAt(digits.length() - 1 - fromRight) - '0';
            if (fromRight % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum;
    }
}
