package fr.backoffice.reconciliation;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.money.Money;
import fr.backoffice.reconciliation.api.NewExpectedPayment;
import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/**
 * What an expected payment asks for (docs/reconciliation.md "Expected payments"), read from a request: an exact amount
 * or a range, a window of value dates that has not passed, and who pays, if said. Plain Java.
 */
public final class ExpectedPayments {

    /** The longest window: a year and a day, so that nothing stays OPEN for ever. */
    public static final int MAX_WINDOW_DAYS = 366;

    private ExpectedPayments() {
    }

    /** The terms of an expected payment; {@code min} equals {@code max} for an exact amount. */
    public record Terms(BigDecimal min, BigDecimal max, String currency, String reference, String counterpartyName,
                        String counterpartyIban, LocalDate from, LocalDate to) {
    }

    /** The request's terms, or a 400 naming the field. */
    public static Terms terms(NewExpectedPayment request, LocalDate today) {
        Currency currency = Money.currency("currency", request.currency());
        if ((request.amount() == null) == (request.range() == null)) {
            throw ApiException.invalidField("amount", "give either amount (exact) or range (min and max), not both");
        }
        BigDecimal min = request.amount() != null ? Money.amount("amount", request.amount(), currency)
                : Money.amount("range.min", request.range().min(), currency);
        BigDecimal max = request.amount() != null ? min : Money.amount("range.max", request.range().max(), currency);
        if (max.compareTo(min) < 0) {
            throw ApiException.invalidField("range.max", "must not be below range.min");
        }
        if (request.to().isBefore(request.from())) {
            throw ApiException.invalidField("to", "must not be before from");
        }
        if (request.to().isBefore(today)) {
            throw ApiException.invalidField("to", "is in the past: the window has already closed");
        }
        if (request.from().plusDays(MAX_WINDOW_DAYS).isBefore(request.to())) {
            throw ApiException.invalidField("to", "at most " + MAX_WINDOW_DAYS + " days after from");
        }
        String name = blankToNull(request.counterparty() == null ? null : request.counterparty().name());
        String iban = blankToNull(request.counterparty() == null ? null : request.counterparty().iban());
        if (request.counterparty() != null && name == null && iban == null) {
            throw ApiException.invalidField("counterparty", "give its name, its iban, or both");
        }
        return new Terms(min, max, currency.getCurrencyCode(), blankToNull(request.reference()), name, iban(iban),
                request.from(), request.to());
    }

    private static String iban(String iban) {
        if (iban == null) {
            return null;
        }
        String compact = iban.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        try {
            IbanUtil.validate(compact);
            return compact;
        } catch (IbanFormatException | InvalidCheckDigitException | UnsupportedCountryException invalid) {
            throw ApiException.invalidField("counterparty.iban", "is not a valid IBAN");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
