package fr.backoffice.declarant;

import java.util.regex.Pattern;

/**
 * The SIREN (nine digits, Luhn checksum) that identifies a French legal entity, and the intra-community
 * VAT number derived from it: {@code FR} + two-digit key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97.
 */
public final class Siren {

    private static final Pattern NINE_DIGITS = Pattern.compile("[0-9]{9}");

    private Siren() {
    }

    /** Nine ASCII digits whose Luhn checksum is valid. */
    public static boolean isValid(String siren) {
        if (siren == null || !NINE_DIGITS.matcher(siren).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int digit = siren.charAt(8 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    /** The French VAT number of a valid SIREN. */
    public static String vatNumber(String siren) {
        if (!isValid(siren)) {
            throw new IllegalArgumentException("not a valid SIREN");
        }
        long key = (12 + 3 * (Long.parseLong(siren) % 97)) % 97;
        return String.format("FR%02d%s", key, siren);
    }

    /** True when {@code vat} is exactly the VAT number of {@code siren} (upper case, no spaces). */
    public static boolean isValidVatNumber(String vat, String siren) {
        return vat != null && isValid(siren) && vat.equals(vatNumber(siren));
    }
}
