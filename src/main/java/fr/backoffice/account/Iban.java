package fr.backoffice.account;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

/**
 * An IBAN in electronic format (no spaces, upper case). Every instance is valid: the
 * constructor refuses anything else, so code holding an {@code Iban} never re-checks it.
 */
public record Iban(String value) {

    private static final Pattern ELECTRONIC = Pattern.compile("[A-Z0-9]+");
    private static final Pattern BANK_OR_BRANCH_CODE = Pattern.compile("[0-9]{5}");
    private static final Pattern FRENCH_ACCOUNT_NUMBER = Pattern.compile("[A-Z0-9]{11}");

    /** Letter values of the RIB key, indexed by letter - 'A' (A,J→1; B,K,S→2; …; I,R,Z→9). */
    private static final String RIB_LETTER_VALUES = "123456789" + "123456789" + "23456789";

    public Iban {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("IBAN is missing");
        }
        if (!ELECTRONIC.matcher(value).matches()) {
            throw new IllegalArgumentException("IBAN may only contain upper-case letters and digits");
        }
        checkStructureAndCheckDigits(value);
        if (value.startsWith("FR")) {
            checkFrenchRibKey(value);
        }
    }

    /** Accepts the printed form too: spaces anywhere, any letter case. */
    public static Iban parse(String input) {
        if (input == null) {
            throw new IllegalArgumentException("IBAN is missing");
        }
        // Locale.ROOT: in a Turkish locale "i".toUpperCase() is a dotted İ, not I.
        return new Iban(input.replace(" ", "").toUpperCase(Locale.ROOT));
    }

    /** The IBAN a request gives in {@code field}, or the 400 {@code INVALID_IBAN} problem naming that field. */
    public static Iban parse(String field, String input) {
        try {
            return parse(input);
        } catch (IllegalArgumentException invalid) {
            throw new ApiException(ProblemCode.INVALID_IBAN, invalid.getMessage() + ".",
                    List.of(new FieldError(field, invalid.getMessage())));
        }
    }

    /** Builds the French IBAN of a bank account, computing both the RIB key and the IBAN check digits. */
    public static Iban french(String bankCode, String branchCode, String accountNumber) {
        String bban = bankCode + branchCode + accountNumber
                + String.format(Locale.ROOT, "%02d", ribKey(bankCode, branchCode, accountNumber));
        return new Iban("FR" + IbanUtil.calculateCheckDigit("FR00" + bban) + bban);
    }

    /** The French RIB key (clé RIB), 1 to 97. */
    public static int ribKey(String bankCode, String branchCode, String accountNumber) {
        require(bankCode, BANK_OR_BRANCH_CODE, "bank code must be 5 digits");
        require(branchCode, BANK_OR_BRANCH_CODE, "branch code must be 5 digits");
        require(accountNumber, FRENCH_ACCOUNT_NUMBER, "account number must be 11 upper-case letters or digits");
        // 3 × an 11-digit number overflows int; long holds it with room to spare.
        long weighted = 89L * Long.parseLong(bankCode)
                + 15L * Long.parseLong(branchCode)
                + 3L * ribNumericValue(accountNumber);
        return (int) (97 - weighted % 97);
    }

    public String countryCode() {
        return value.substring(0, 2);
    }

    /** Groups of four for people to read and copy (the paper format of ISO 13616). */
    public String formatted() {
        return value.replaceAll("(.{4})(?!$)", "$1 ");
    }

    @Override
    public String toString() {
        return value;
    }

    private static void checkStructureAndCheckDigits(String value) {
        try {
            IbanUtil.validate(value);
        } catch (InvalidCheckDigitException e) {
            throw new IllegalArgumentException("IBAN check digits are wrong");
        } catch (UnsupportedCountryException e) {
            throw new IllegalArgumentException("IBAN is not used in country " + value.substring(0, 2));
        } catch (IbanFormatException e) {
            throw new IllegalArgumentException(describe(e, value));
        }
    }

    private static String describe(IbanFormatException e, String value) {
        String country = value.length() >= 2 ? value.substring(0, 2) : value;
        return switch (e.getFormatViolation()) {
            case COUNTRY_CODE_TWO_LETTERS, COUNTRY_CODE_UPPER_CASE_LETTERS, COUNTRY_CODE_EXISTS,
                    COUNTRY_CODE_NOT_NULL -> "IBAN country code is unknown";
            case CHECK_DIGIT_ONLY_DIGITS, CHECK_DIGIT_TWO_DIGITS -> "IBAN check digits must be two digits";
            case BBAN_LENGTH -> "IBAN has the wrong length for " + country;
            case BBAN_INVALID_ENTRY_TYPE, BBAN_ONLY_DIGITS, BBAN_ONLY_UPPER_CASE_LETTERS,
                    BBAN_ONLY_DIGITS_OR_LETTERS, IBAN_VALID_CHARACTERS ->
                    "IBAN does not follow the account format of " + country;
            default -> "IBAN is not valid";
        };
    }

    /** iban4j has already checked the FR structure, so the RIB fields sit at fixed positions. */
    private static void checkFrenchRibKey(String value) {
        int expected = ribKey(value.substring(4, 9), value.substring(9, 14), value.substring(14, 25));
        if (Integer.parseInt(value.substring(25, 27)) != expected) {
            throw new IllegalArgumentException("IBAN has a wrong French RIB key");
        }
    }

    private static long ribNumericValue(String accountNumber) {
        long result = 0;
        for (char c : accountNumber.toCharArray()) {
            int digit = Character.isDigit(c) ? c - '0' : RIB_LETTER_VALUES.charAt(c - 'A') - '0';
            result = result * 10 + digit;
        }
        return result;
    }

    private static void require(String part, Pattern format, String message) {
        if (part == null || !format.matcher(part).matches()) {
            throw new IllegalArgumentException("RIB " + message);
        }
    }
}
