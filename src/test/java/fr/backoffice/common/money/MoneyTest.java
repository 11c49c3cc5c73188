package fr.backoffice.common.money;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Random;

import static fr.backoffice.support.Properties.between;
import static fr.backoffice.support.Properties.chars;
import static fr.backoffice.support.Properties.digits;
import static fr.backoffice.support.Properties.forAll;
import static fr.backoffice.support.Properties.pick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The money rules (docs/api.md "Calling the API" and the OpenAPI descriptions of amounts): decimal strings at most at
 * the currency's scale, never floating point.
 */
class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency TND = Currency.getInstance("TND");

    static void refused(ThrowingCallable parse, String field) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(ApiException.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
            assertThat(refusal.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo(field));
        });
    }

    static Currency currency(Random random) {
        return pick(random, EUR, JPY, TND);
    }

    /** "<1 to 15 digits, no leading zero>[.<exactly the currency's minor units>]", never zero. */
    static String canonical(Random random, Currency currency) {
        int scale = currency.getDefaultFractionDigits();
        if (scale == 0) {
            return integerPart(random);
        }
        while (true) {
            String zeroOrMore = random.nextBoolean() ? integerPart(random) : "0";
            String value = zeroOrMore + "." + digits(random, scale);
            if (new BigDecimal(value).signum() != 0) {
                return value;
            }
        }
    }

    private static String integerPart(Random random) {
        return chars(random, "123456789", 1) + digits(random, between(random, 0, Money.MAX_INTEGER_DIGITS - 1));
    }

    record AmountAtScale(Currency currency, String written) {
    }

    static AmountAtScale amountAtScale(Random random) {
        Currency currency = currency(random);
        return new AmountAtScale(currency, canonical(random, currency));
    }

    @Test
    @DisplayName("any amount written at the currency's scale reads back exactly as written")
    void amounts_round_trip() {
        forAll(1000, MoneyTest::amountAtScale, example -> {
            Currency currency = example.currency();
            String written = example.written();
            BigDecimal amount = Money.amount("amount", written, currency);
            assertThat(amount.scale()).isEqualTo(currency.getDefaultFractionDigits());
            assertThat(Money.format(amount, currency)).isEqualTo(written);
            assertThat(Money.nonNegative("limit", written, currency)).isEqualTo(amount);
        });
    }

    @Test
    @DisplayName("fewer decimals than the currency has are padded to its scale, never changed")
    void fewer_decimals_are_padded() {
        record Sample(int units, int tenth) {
        }
        forAll(1000, random -> new Sample(between(random, 0, 999_999), between(random, 0, 9)), sample -> {
            String written = (sample.units() + 1) + "." + sample.tenth();
            assertThat(Money.format(Money.amount("amount", written, TND), TND)).isEqualTo(written + "00");
            assertThat(Money.format(Money.amount("amount", written, EUR), EUR)).isEqualTo(written + "0");
            assertThat(Money.amount("amount", written, EUR)).isEqualByComparingTo(written);
        });
    }

    @Test
    @DisplayName("more decimals than the currency's minor units are refused, even trailing zeros")
    void more_decimals_than_the_currency_has_are_refused() {
        record Sample(Currency currency, int units, int extraDigits, int lastDigit) {
        }
        forAll(1000, random -> new Sample(currency(random), between(random, 1, 999_999), between(random, 1, 4),
                between(random, 0, 9)), sample -> {
            Currency currency = sample.currency();
            String decimals = "5".repeat(currency.getDefaultFractionDigits() + sample.extraDigits() - 1) + sample.lastDigit();
            String written = sample.units() + "." + decimals;
            refused(() -> Money.amount("amount", written, currency), "amount");
            refused(() -> Money.nonNegative("overdraftLimit", written, currency), "overdraftLimit");
        });
    }

    @Test
    void the_scale_is_the_one_of_each_currency() {
        assertThat(Money.format(Money.amount("a", "1250.00", EUR), EUR)).isEqualTo("1250.00");
        assertThat(Money.format(Money.amount("a", "1250", JPY), JPY)).isEqualTo("1250");
        assertThat(Money.format(Money.amount("a", "1.250", TND), TND)).isEqualTo("1.250");
        refused(() -> Money.amount("a", "1250.5", JPY), "a");
        refused(() -> Money.amount("a", "1.234", EUR), "a");
        refused(() -> Money.amount("a", "1.2345", TND), "a");
    }

    @Test
    @DisplayName("zero is not an amount but is a valid limit, at any scale the currency allows")
    void zero_is_refused_as_an_amount_and_accepted_as_a_limit() {
        record Sample(Currency currency, int decimals, int zeros) {
        }
        forAll(1000, random -> new Sample(currency(random), between(random, 0, 3), between(random, 1, 15)), sample -> {
            Currency currency = sample.currency();
            int scale = Math.min(sample.decimals(), currency.getDefaultFractionDigits());
            String zero = "0".repeat(sample.zeros()) + (scale == 0 ? "" : "." + "0".repeat(scale));
            refused(() -> Money.amount("amount", zero, currency), "amount");
            assertThat(Money.nonNegative("limit", zero, currency)).isZero();
            assertThat(Money.format(Money.nonNegative("limit", zero, currency), currency))
                    .isEqualTo(currency.getDefaultFractionDigits() == 0 ? "0" : "0." + "0".repeat(currency.getDefaultFractionDigits()));
        });
    }

    @Test
    @DisplayName("an otherwise valid amount written with an exponent is refused")
    void exponents_are_refused() {
        record Sample(int mantissa, int exponent, boolean upperCase) {
        }
        forAll(1000, random -> new Sample(between(random, 1, 99_999), between(random, -3, 3), random.nextBoolean()), sample -> {
            String written = sample.mantissa() + (sample.upperCase() ? "E" : "e") + sample.exponent();
            refused(() -> Money.amount("amount", written, EUR), "amount");
            refused(() -> Money.nonNegative("limit", written, EUR), "limit");
        });
    }

    @Test
    @DisplayName("a sign, positive or negative, is refused")
    void signs_are_refused() {
        record Sample(String amount, String sign) {
        }
        forAll(1000, random -> new Sample(canonical(random, EUR), pick(random, "-", "+", "\u2212")), sample -> {
            String amount = sample.amount();
            String sign = sample.sign();
            refused(() -> Money.amount("amount", sign + amount, EUR), "amount");
            refused(() -> Money.nonNegative("limit", sign + amount, EUR), "limit");
        });
    }

    @Test
    @DisplayName("whitespace anywhere is refused")
    void whitespace_is_refused() {
        record Sample(String amount, String space, int at) {
        }
        forAll(1000, random -> new Sample(canonical(random, EUR), pick(random, " ", "\t", "\n", "\u00a0", "\u202f"),
                between(random, 0, 20)), sample -> {
            String amount = sample.amount();
            int position = Math.min(sample.at(), amount.length());
            String written = amount.substring(0, position) + sample.space() + amount.substring(position);
            refused(() -> Money.amount("amount", written, EUR), "amount");
        });
    }

    @Test
    @DisplayName("more than 15 integer digits are refused, 15 are accepted")
    void at_most_fifteen_integer_digits() {
        record Sample(Currency currency, int digits) {
        }
        forAll(1000, random -> new Sample(currency(random), between(random, 16, 40)), sample -> {
            Currency currency = sample.currency();
            String decimals = currency.getDefaultFractionDigits() == 0 ? "" : "." + "9".repeat(currency.getDefaultFractionDigits());
            refused(() -> Money.amount("amount", "1".repeat(sample.digits()) + decimals, currency), "amount");
            assertThat(Money.format(Money.amount("amount", "9".repeat(15) + decimals, currency), currency))
                    .isEqualTo("9".repeat(15) + decimals);
        });
    }

    @Test
    @DisplayName("digits other than ASCII 0-9 are refused")
    void only_ascii_digits() {
        forAll(1000, MoneyTest::foreignDigits, written -> refused(() -> Money.amount("amount", written, EUR), "amount"));
    }

    /** Arabic-Indic, Devanagari and full-width digits: BigDecimal would read them, the API must not. */
    private static final String FOREIGN_DIGITS = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
            + "\u0966\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e\u096f"
            + "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19";

    static String foreignDigits(Random random) {
        return chars(random, FOREIGN_DIGITS, between(random, 1, 6));
    }

    @Test
    void malformed_decimals_are_refused() {
        for (String written : new String[]{"", " ", ".", ".5", "5.", "1,00", "1.000,00", "1_000", "0x10", "NaN",
                "Infinity", "1.2.3", "12a", "one"}) {
            refused(() -> Money.amount("amount", written, EUR), "amount");
            refused(() -> Money.nonNegative("limit", written, EUR), "limit");
        }
        refused(() -> Money.amount("amount", null, EUR), "amount");
        refused(() -> Money.nonNegative("limit", null, EUR), "limit");
    }

    @Test
    void currencies_are_iso_4217_codes_with_minor_units_that_amounts_can_hold() {
        assertThat(Money.currency("currency", "EUR")).isEqualTo(EUR);
        assertThat(Money.currency("currency", "JPY")).isEqualTo(JPY);
        assertThat(Money.currency("currency", "TND")).isEqualTo(TND);
        for (String code : new String[]{"EURO", "eur", "EU", "", "XXX", "XAU", "XTS", "ZZZ", "CLF"}) {
            refused(() -> Money.currency("currency", code), "currency");
        }
        refused(() -> Money.currency("currency", null), "currency");
    }

    @Test
    void formatting_never_rounds() {
        assertThat(Money.format(new BigDecimal("-12.5"), "EUR")).isEqualTo("-12.50");
        assertThat(Money.format(new BigDecimal("0.000"), "EUR")).isEqualTo("0.00");
        assertThatThrownBy(() -> Money.format(new BigDecimal("0.001"), "EUR")).isInstanceOf(ArithmeticException.class);
    }
}
