package fr.backoffice.reconciliation;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.reconciliation.api.NewExpectedPayment;
import fr.backoffice.reconciliation.api.NewExpectedPayment.AmountRange;
import fr.backoffice.reconciliation.api.NewExpectedPayment.ExpectedCounterparty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The terms of an expected payment (docs/reconciliation.md "Expected payments"), read from a request. */
class ExpectedPaymentsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final String ACCOUNT = "019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81";

    private static NewExpectedPayment request(String amount, AmountRange range, ExpectedCounterparty who, LocalDate from, LocalDate to) {
        return new NewExpectedPayment(ACCOUNT, amount, range, "EUR", " INV-1 ", who, from, to);
    }

    @Test
    void an_exact_amount_is_a_range_of_one_value_and_texts_are_trimmed() {
        ExpectedPayments.Terms terms = ExpectedPayments.terms(request("12.50", null,
                new ExpectedCounterparty(" Acme ", "de89 3704 0044 0532 0130 00"), TODAY, TODAY), TODAY);
        assertThat(terms.min()).isEqualByComparingTo(new BigDecimal("12.50")).isEqualByComparingTo(terms.max());
        assertThat(terms.reference()).isEqualTo("INV-1");
        assertThat(terms.counterpartyName()).isEqualTo("Acme");
        assertThat(terms.counterpartyIban()).isEqualTo("DE89370400440532013000");
    }

    @Test
    void a_range_keeps_both_ends() {
        ExpectedPayments.Terms terms = ExpectedPayments.terms(request(null, new AmountRange("10.00", "10.00"), null,
                TODAY.minusDays(5), TODAY), TODAY);
        assertThat(terms.min()).isEqualByComparingTo("10.00");
        assertThat(terms.counterpartyName()).isNull();
    }

    @Test
    void either_amount_or_range_and_a_range_that_goes_up() {
        assertRefused(request(null, null, null, TODAY, TODAY), "amount");
        assertRefused(request("1.00", new AmountRange("1.00", "2.00"), null, TODAY, TODAY), "amount");
        assertRefused(request(null, new AmountRange("3.00", "2.00"), null, TODAY, TODAY), "range.max");
        assertRefused(request("0.00", null, null, TODAY, TODAY), "amount");
        assertRefused(request("1.001", null, null, TODAY, TODAY), "amount");
    }

    @Test
    void a_window_that_is_open_and_not_endless() {
        assertRefused(request("1.00", null, null, TODAY, TODAY.minusDays(1)), "to");
        assertRefused(request("1.00", null, null, TODAY.minusDays(3), TODAY.minusDays(1)), "to");
        assertRefused(request("1.00", null, null, TODAY, TODAY.plusDays(ExpectedPayments.MAX_WINDOW_DAYS + 1)), "to");
        assertThat(ExpectedPayments.terms(request("1.00", null, null, TODAY, TODAY.plusDays(ExpectedPayments.MAX_WINDOW_DAYS)),
                TODAY).to()).isEqualTo(TODAY.plusDays(ExpectedPayments.MAX_WINDOW_DAYS));
    }

    @Test
    void a_counterparty_says_who_with_a_valid_iban() {
        assertRefused(request("1.00", null, new ExpectedCounterparty(" ", null), TODAY, TODAY), "counterparty");
        assertRefused(request("1.00", null, new ExpectedCounterparty(null, "DE00370400440532013000"), TODAY, TODAY), "counterparty.iban");
    }

    private static void assertRefused(NewExpectedPayment request, String field) {
        assertThatThrownBy(() -> ExpectedPayments.terms(request, TODAY)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).extracting(fr.backoffice.common.error.FieldError::field).contains(field));
    }
}
