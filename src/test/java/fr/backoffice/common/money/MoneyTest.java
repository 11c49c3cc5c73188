package fr.backoffice.common.money;

import fr.backoffice.common.error.ApiException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.math.BigDecimal;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The money rules of SPEC section 2: decimal strings at most at the currency's scale, never floating point. */
class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency TND = Currency.getInstance("TND");

    static void refused(ThrowingCallable parse, String field) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(ApiException.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refusal.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo(field));
        });
    }

    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of(EUR, JPY, TND);
    }

    /** "<1 to 15 digits, no leading zero>[.<exactly the currency's minor units>]", never zero. */
    static Arbitrary<String> canonical(Currency currency) {
        int scale = currency.getDefaultFractionDigits();
        Arbitrary<String> integerPart = Combinators.combine(
                        Arbitraries.strings().withCharRange('1', '9').ofLength(1),
                        Arbitraries.strings().numeric().ofMaxLength(Money.MAX_INTEGER_DIGITS - 1))
                .as(String::concat);
        Arbitrary<String> zeroOrMore = Arbitraries.oneOf(integerPart, Arbitraries.just("0"));
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofLength(scale);
        return scale == 0 ? integerPart
                : Combinators.combine(zeroOrMore, fraction).as((i, f) -> i + "." + f)
                .filter(value -> new BigDecimal(value).signum() != 0);
    }

    @Provide
    Arbitrary<Tuple2<Currency, String>> amountsAtScale() {
        return currencies().flatMap(currency -> canonical(currency).map(written -> Tuple.of(currency, written)));
    }

    @Property
    @Label("any amount written at the currency's scale reads back exactly as written")
    void amounts_round_trip(@ForAll("amountsAtScale") Tuple2<Currency, String> example) {
        Currency currency = example.get1();
        String written = example.get2();
        BigDecimal amount = Money.amount("amount", written, currency);
        assertThat(amount.scale()).isEqualTo(currency.getDefaultFractionDigits());
        assertThat(Money.format(amount, currency)).isEqualTo(written);
        assertThat(Money.nonNegative("limit", written, currency)).isEqualTo(amount);
    }

    @Property
    @Label("fewer decimals than the currency has are padded to its scale, never changed")
    void fewer_decimals_are_padded(@ForAll @IntRange(min = 0, max = 999_999) int units,
                                   @ForAll @IntRange(min = 0, max = 9) int tenth) {
        String written = (units + 1) + "." + tenth;
        assertThat(Money.format(Money.amount("amount", written, TND), TND)).isEqualTo(written + "00");
        assertThat(Money.format(Money.amount("amount", written, EUR), EUR)).isEqualTo(written + "0");
        assertThat(Money.amount("amount", written, EUR)).isEqualByComparingTo(written);
    }

    @Property
    @Label("more decimals than the currency's minor units are refused, even trailing zeros")
    void more_decimals_than_the_currency_has_are_refused(@ForAll("currencies") Currency currency,
                                                         @ForAll @IntRange(min = 1, max = 999_999) int units,
                                                         @ForAll @IntRange(min = 1, max = 4) int extraDigits,
                                                         @ForAll @IntRange(min = 0, max = 9) int lastDigit) {
        String decimals = "5".repeat(currency.getDefaultFractionDigits() + extraDigits - 1) + lastDigit;
        String written = units + "." + decimals;
        refused(() -> Money.amount("amount", written, currency), "amount");
        refused(() -> Money.nonNegative("overdraftLimit", written, currency), "overdraftLimit");
    }

    @Example
    void the_scale_is_the_one_of_each_currency() {
        assertThat(Money.format(Money.amount("a", "1250.00", EUR), EUR)).isEqualTo("1250.00");
        assertThat(Money.format(Money.amount("a", "1250", JPY), JPY)).isEqualTo("1250");
        assertThat(Money.format(Money.amount("a", "1.250", TND), TND)).isEqualTo("1.250");
        refused(() -> Money.amount("a", "1250.5", JPY), "a");
        refused(() -> Money.amount("a", "1.234", EUR), "a");
        refused(() -> Money.amount("a", "1.2345", TND), "a");
    }

    @Property
    @Label("zero is not an amount but is a valid limit, at any scale the currency allows")
    void zero_is_refused_as_an_amount_and_accepted_as_a_limit(@ForAll("currencies") Currency currency,
                                                              @ForAll @IntRange(min = 0, max = 3) int decimals,
                                                              @ForAll @IntRange(min = 1, max = 15) int zeros) {
        int scale = Math.min(decimals, currency.getDefaultFractionDigits());
        String zero = "0".repeat(zeros) + (scale == 0 ? "" : "." + "0".repeat(scale));
        refused(() -> Money.amount("amount", zero, currency), "amount");
        assertThat(Money.nonNegative("limit", zero, currency)).isZero();
        assertThat(Money.format(Money.nonNegative("limit", zero, currency), currency))
                .isEqualTo(currency.getDefaultFractionDigits() == 0 ? "0" : "0." + "0".repeat(currency.getDefaultFractionDigits()));
    }

    @Property
    @Label("an otherwise valid amount written with an exponent is refused")
    void exponents_are_refused(@ForAll @IntRange(min = 1, max = 99_999) int mantissa,
                               @ForAll @IntRange(min = -3, max = 3) int exponent,
                               @ForAll boolean upperCase) {
        String written = mantissa + (upperCase ? "E" : "e") + exponent;
        refused(() -> Money.amount("amount", written, EUR), "amount");
        refused(() -> Money.nonNegative("limit", written, EUR), "limit");
    }

    @Property
    @Label("a sign, positive or negative, is refused")
    void signs_are_refused(@ForAll("canonicalEuros") String amount, @ForAll("signs") String sign) {
        refused(() -> Money.amount("amount", sign + amount, EUR), "amount");
        refused(() -> Money.nonNegative("limit", sign + amount, EUR), "limit");
    }

    @Provide
    Arbitrary<String> canonicalEuros() {
        return canonical(EUR);
    }

    @Provide
    Arbitrary<String> signs() {
        return Arbitraries.of("-", "+", "\u2212");
    }

    @Property
    @Label("whitespace anywhere is refused")
    void whitespace_is_refused(@ForAll("canonicalEuros") String amount,
                               @ForAll("whitespace") String space,
                               @ForAll @IntRange(min = 0, max = 20) int at) {
        int position = Math.min(at, amount.length());
        String written = amount.substring(0, position) + space + amount.substring(position);
        refused(() -> Money.amount("amount", written, EUR), "amount");
    }

    @Provide
    Arbitrary<String> whitespace() {
        return Arbitraries.of(" ", "\t", "\n", "\u00a0", "\u202f");
    }

    @Property
    @Label("more than 15 integer digits are refused, 15 are accepted")
    void at_most_fifteen_integer_digits(@ForAll("currencies") Currency currency,
                                        @ForAll @IntRange(min = 16, max = 40) int digits) {
        String decimals = currency.getDefaultFractionDigits() == 0 ? "" : "." + "9".repeat(currency.getDefaultFractionDigits());
        refused(() -> Money.amount("amount", "1".repeat(digits) + decimals, currency), "amount");
        assertThat(Money.format(Money.amount("amount", "9".repeat(15) + decimals, currency), currency))
                .isEqualTo("9".repeat(15) + decimals);
    }

    @Property
    @Label("digits other than ASCII 0-9 are refused")
    void only_ascii_digits(@ForAll("foreignDigits") String written) {
        refused(() -> Money.amount("amount", written, EUR), "amount");
    }

    @Provide
    Arbitrary<String> foreignDigits() {
        // Arabic-Indic, Devanagari and full-width digits: BigDecimal would read them, the API must not.
        return Arbitraries.strings().withCharRange('\u0660', '\u0669').withCharRange('\u0966', '\u096f')
                .withCharRange('\uff10', '\uff19').ofMinLength(1).ofMaxLength(6);
    }

    @Example
    void malformed_decimals_are_refused() {
        for (String written : new String[]{"", " ", ".", ".5", "5.", "1,00", "1.000,00", "1_000", "0x10", "NaN",
                "Infinity", "1.2.3", "12a", "one"}) {
            refused(() -> Money.amount("amount", written, EUR), "amount");
            refused(() -> Money.nonNegative("limit", written, EUR), "limit");
        }
        refused(() -> Money.amount("amount", null, EUR), "amount");
        refused(() -> Money.nonNegative("limit", null, EUR), "limit");
    }

    @Example
    void currencies_are_iso_4217_codes_with_minor_units_that_amounts_can_hold() {
        assertThat(Money.currency("currency", "EUR")).isEqualTo(EUR);
        assertThat(Money.currency("currency", "JPY")).isEqualTo(JPY);
        assertThat(Money.currency("currency", "TND")).isEqualTo(TND);
        for (String code : new String[]{"EURO", "eur", "EU", "", "XXX", "XAU", "XTS", "ZZZ", "CLF"}) {
            refused(() -> Money.currency("currency", code), "currency");
        }
        refused(() -> Money.currency("currency", null), "currency");
    }

    @Example
    void formatting_never_rounds() {
        assertThat(Money.format(new BigDecimal("-12.5"), "EUR")).isEqualTo("-12.50");
        assertThat(Money.format(new BigDecimal("0.000"), "EUR")).isEqualTo("0.00");
        assertThatThrownBy(() -> Money.format(new BigDecimal("0.001"), "EUR")).isInstanceOf(ArithmeticException.class);
    }
}
