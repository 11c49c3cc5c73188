package fr.backoffice.operation;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.common.error.ProblemCode;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A BIC (ISO 9362) as the SEPA schemes carry a bank (BICFI, docs/clearing-and-statements.md "Clearing and statements"):
 * 4 letters for the institution, its ISO 3166 country, 2 letters or digits for the location, optionally 3 for the
 * branch ({@code XXX}: the head office). 8 or 11 characters, upper case.
 */
public final class Bic {

    /** The pattern the OpenAPI document states for a BIC. */
    public static final String PATTERN = "^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$";
    private static final Pattern SHAPE = Pattern.compile(PATTERN);
    /** ISO 3166's countries, and Kosovo, which SWIFT gives BICs (XK) though ISO has not assigned it a code. */
    private static final Set<String> COUNTRIES = countries();

    private Bic() {
    }

    /** Why {@code bic} is not a BIC, or empty when it is one. */
    public static Optional<String> problem(String bic) {
        if (bic == null || !SHAPE.matcher(bic).matches()) {
            return Optional.of("must be a BIC: 8 or 11 upper-case letters and digits, 4 letters for the bank, 2 for its "
                    + "country, 2 letters or digits for the location, optionally 3 for the branch (e.g. COBADEFFXXX)");
        }
        String country = bic.substring(4, 6);
        if (!COUNTRIES.contains(country)) {
            return Optional.of("names the country " + country + ", which is not an ISO 3166 country code");
        }
        return Optional.empty();
    }

    /** The BIC a request gives in {@code field}, or the 400 {@code INVALID_BIC} problem naming that field. */
    public static String parse(String field, String bic) {
        problem(bic).ifPresent(reason -> {
            throw new ApiException(ProblemCode.INVALID_BIC, "The " + field + " given is not a BIC: it " + reason + ".",
                    List.of(new FieldError(field, reason)));
        });
        return bic;
    }

    private static Set<String> countries() {
        Set<String> countries = new HashSet<>(Set.of(Locale.getISOCountries()));
        countries.add("XK");
        return Set.copyOf(countries);
    }
}
