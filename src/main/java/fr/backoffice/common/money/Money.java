package fr.backoffice.common.money;

import fr.backoffice.common.error.ApiException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * Money crosses the API as a decimal string beside an ISO 4217 code, and lives as {@link BigDecimal}
 * (SQL {@code numeric}) everywhere else: binary floating point never touches an amount.
 */
public final class Money {

    public static final int MAX_INTEGER_DIGITS = 15;
    /** The scale of every amount column (SQL {@code numeric(…, 3)}): a currency with more minor units would be rounded. */
    public static final int MAX_MINOR_UNITS = 3;
    /** Plain decimal notation only: no sign, no exponent, no spaces, no leading '+' or '.'. */
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private Money() {
    }

    /**
     * An ISO 4217 currency with a defined number of minor units (funds and metals such as XAU have none), and no
     * more of them than amounts are stored with (which rules out units of account such as CLF, with 4).
     */
    public static Currency currency(String field, String code) {
        if (code == null || !CURRENCY_CODE.matcher(code).matches()) {
            throw ApiException.invalidField(field, "must be an ISO 4217 code such as EUR");
        }
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0 || currency.getDefaultFractionDigits() > MAX_MINOR_UNITS) {
                throw ApiException.invalidField(field, "is not a currency accounts can be held in");
            }
            return currency;
        } catch (IllegalArgumentException unknown) {
            throw ApiException.invalidField(field, "is not an ISO 4217 currency");
        }
    }

    /** A strictly positive amount, as for an operation. */
    public static BigDecimal amount(String field, String value, Currency currency) {
        BigDecimal amount = decimal(field, value, currency);
        if (amount.signum() == 0) {
            throw ApiException.invalidField(field, "must be greater than zero");
        }
        return amount;
    }

    /** A non-negative amount, as for a limit. */
    public static BigDecimal nonNegative(String field, String value, Currency currency) {
        return decimal(field, value, currency);
    }

    private static BigDecimal decimal(String field, String value, Currency currency) {
        if (value == null || !DECIMAL.matcher(value).matches()) {
            throw ApiException.invalidField(field,
                    "must be a positive decimal string such as \"1250.00\" (no sign, no exponent)");
        }
        BigDecimal amount = new BigDecimal(value);
        int minorUnits = currency.getDefaultFractionDigits();
        if (amount.scale() > minorUnits) {
            throw ApiException.invalidField(field,
                    "has more than " + minorUnits + " decimals, the minor units of " + currency.getCurrencyCode());
        }
        if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw ApiException.invalidField(field, "has more than " + MAX_INTEGER_DIGITS + " integer digits");
        }
        return amount.setScale(minorUnits, RoundingMode.UNNECESSARY);
    }

    /** The API form of an amount: a plain decimal string at the currency's scale ("-12.50"). */
    public static String format(BigDecimal amount, Currency currency) {
        return amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY).toPlainString();
    }

    public static String format(BigDecimal amount, String currencyCode) {
        return format(amount, Currency.getInstance(currencyCode));
    }
}
