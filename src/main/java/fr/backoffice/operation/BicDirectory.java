package fr.backoffice.operation;

import fr.backoffice.account.Iban;
import org.iban4j.CountryCode;
import org.iban4j.bban.BbanEntryType;
import org.iban4j.bban.BbanStructure;
import org.iban4j.bban.BbanStructureEntry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The BIC of a creditor's bank found from its IBAN (docs/clearing-and-statements.md "Clearing and statements",
 * docs/clearing-and-statements.md "The BIC directory"): since 2016 a payer gives only the creditor's IBAN, and the SEPA
 * scheme wants the creditor's bank as a BIC (BICFI). The operator loads the directory from a file built from the
 * national bank-code directories the central banks publish.
 *
 * <p>The file: UTF-8 text, one bank per line, fields separated by {@code ;}: {@code country;bankCode;bic;name}. The
 * country is the IBAN's (its first two letters), the bank code exactly as the IBAN's BBAN carries it (iban4j's
 * {@code Iban.getBankCode()}: 5 digits in France, 8 in Germany, 4 letters in the Netherlands...), the BIC 8 or 11
 * characters, the name optional (140 characters at most, for the reader). Blank lines, lines starting with {@code #}
 * and the header line {@code country;bankCode;bic;name} are skipped. A bank listed twice with the same BIC is one
 * entry; with two BICs the file is refused. Any malformed line refuses the whole file, naming it, the line and why.
 */
public final class BicDirectory {

    public static final String HEADER = "country;bankCode;bic;name";
    static final int NAME_LENGTH = 140;

    private final Map<String, String> bicByBank;

    private BicDirectory(Map<String, String> bicByBank) {
        this.bicByBank = Map.copyOf(bicByBank);
    }

    public static BicDirectory empty() {
        return new BicDirectory(Map.of());
    }

    /** The directory in {@code lines}, read from {@code source} (named in every error). */
    public static BicDirectory parse(String source, List<String> lines) {
        Map<String, String> banks = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#") || line.equalsIgnoreCase(HEADER)) {
                continue;
            }
            String[] fields = line.split(";", -1);
            int number = i + 1;
            if (fields.length < 3 || fields.length > 4) {
                throw malformed(source, number, "has " + fields.length + " fields: a line has 3 or 4 fields, " + HEADER);
            }
            String country = fields[0].strip();
            String bankCode = fields[1].strip();
            String bic = fields[2].strip();
            String name = fields.length == 4 ? fields[3].strip() : "";
            String bankCodeProblem = bankCodeProblem(country, bankCode);
            if (bankCodeProblem != null) {
                throw malformed(source, number, bankCodeProblem);
            }
            Bic.problem(bic).ifPresent(reason -> {
                throw malformed(source, number, "the BIC '" + bic + "' " + reason);
            });
            if (name.length() > NAME_LENGTH) {
                throw malformed(source, number, "the name is longer than " + NAME_LENGTH + " characters");
            }
            String before = banks.putIfAbsent(key(country, bankCode), bic);
            if (before != null && !before.equals(bic)) {
                throw malformed(source, number, "the bank " + country + " " + bankCode + " is already listed with the BIC "
                        + before + ", here with " + bic);
            }
        }
        return new BicDirectory(banks);
    }

    /** This directory with one more bank (the bank's own, say), unless it lists that bank already. */
    public BicDirectory with(String country, String bankCode, String bic) {
        Map<String, String> banks = new HashMap<>(bicByBank);
        banks.putIfAbsent(key(country, bankCode), bic);
        return new BicDirectory(banks);
    }

    /** The BIC of the bank holding {@code iban}, when the directory lists it. */
    public Optional<String> bicOf(Iban iban) {
        return Optional.ofNullable(bicByBank.get(key(iban.countryCode(), org.iban4j.Iban.valueOf(iban.value()).getBankCode())));
    }

    public int size() {
        return bicByBank.size();
    }

    /** Why {@code bankCode} cannot be a bank code of IBANs of {@code country}, or null when it can. */
    private static String bankCodeProblem(String country, String bankCode) {
        CountryCode code = CountryCode.getByCode(country);
        if (code == null || !country.equals(country.toUpperCase(java.util.Locale.ROOT)) || country.length() != 2) {
            return "'" + country + "' is not an ISO 3166 country code";
        }
        BbanStructure structure = BbanStructure.forCountry(code);
        if (structure == null) {
            return "the country " + country + " has no IBAN";
        }
        BbanStructureEntry entry = structure.getEntries().stream()
                .filter(e -> e.getEntryType() == BbanEntryType.bank_code).findFirst().orElse(null);
        if (entry == null) {
            return "the IBANs of " + country + " carry no bank code";
        }
        String expected = entry.getLength() + switch (entry.getCharacterType()) {
            case n -> " digits";
            case a -> " letters";
            case c -> " letters or digits";
        };
        Pattern shape = Pattern.compile(switch (entry.getCharacterType()) {
            case n -> "[0-9]";
            case a -> "[A-Z]";
            case c -> "[A-Za-z0-9]";
        } + "{" + entry.getLength() + "}");
        if (!shape.matcher(bankCode).matches()) {
            return "the bank code '" + bankCode + "' is not one of " + country + " IBANs: " + expected;
        }
        return null;
    }

    private static IllegalArgumentException malformed(String source, int line, String why) {
        return new IllegalArgumentException("The BIC directory " + source + " is malformed at line " + line + ": " + why + ".");
    }

    private static String key(String country, String bankCode) {
        return country + "/" + bankCode;
    }
}
