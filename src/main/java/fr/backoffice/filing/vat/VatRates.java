package fr.backoffice.filing.vat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The VAT rates a return may declare (configuration {@code backoffice.vat.allowed-rates}), as decimal strings. */
public final class VatRates {

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,4})?");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final List<String> allowed;

    public VatRates(List<String> allowed) {
        if (allowed == null || allowed.isEmpty()) {
            throw new IllegalArgumentException("at least one VAT rate must be allowed");
        }
        List<String> rates = new ArrayList<>();
        for (String rate : allowed) {
            String trimmed = rate.trim();
            if (!DECIMAL.matcher(trimmed).matches() || new BigDecimal(trimmed).signum() <= 0
                    || new BigDecimal(trimmed).compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("VAT rate '" + rate + "' is not a percentage such as 20 or 5.5");
            }
            rates.add(trimmed);
        }
        this.allowed = List.copyOf(rates);
    }

    public List<String> allowed() {
        return allowed;
    }

    /**
     * The allowed rate a client's decimal string stands for ("5.50" is "5.5"), or empty when it is none of them.
     * Only plain decimal notation is understood: no sign, no exponent, no spaces.
     */
    public Optional<String> normalize(String rate) {
        if (rate == null || !DECIMAL.matcher(rate).matches()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(rate);
        return allowed.stream().filter(candidate -> new BigDecimal(candidate).compareTo(value) == 0).findFirst();
    }
}
