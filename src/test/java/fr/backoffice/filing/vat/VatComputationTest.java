package fr.backoffice.filing.vat;

import fr.backoffice.filing.vat.VatComputed.CreditSource;
import fr.backoffice.filing.vat.VatComputed.Line;
import fr.backoffice.filing.vat.VatComputed.LineKind;
import fr.backoffice.filing.vat.VatReturnContent.DeductibleVat;
import fr.backoffice.filing.vat.VatReturnContent.VatLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Worked examples of the VAT arithmetic, each checkable by hand. */
class VatComputationTest {

    @ParameterizedTest(name = "base {0} at {1}% = {2} → {3}")
    @CsvSource({
            "105, 5.5, 5.775, 6",
            "1, 2.1, 0.021, 0",
            "24, 2.1, 0.504, 1",
            "10000, 20, 2000, 2000",
            "3333, 10, 333.3, 333",
            "10, 5.5, 0.55, 1",
            // exact halves go up (half-even would give 16 and 10)
            "300, 5.5, 16.5, 17",
            "500, 2.1, 10.5, 11",
            "23, 2.1, 0.483, 0",
            "0, 20, 0, 0"})
    void each_line_is_rounded_half_up_to_the_euro(long base, String rate, String exact, long expected) {
        assertThat(new BigDecimal(base).multiply(new BigDecimal(rate)).divide(BigDecimal.valueOf(100)))
                .isEqualByComparingTo(exact);
        assertThat(VatComputation.lineVat(base, rate)).isEqualTo(expected);
    }

    @Test
    void the_largest_base_does_not_overflow() {
        assertThat(VatComputation.lineVat(999_999_999_999_999L, "20")).isEqualTo(200_000_000_000_000L);
    }

    @Test
    void line_vat_matches_exact_decimal_arithmetic_for_many_bases() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            long base = Math.abs(random.nextLong() % 10_000_000_000L);
            for (String rate : List.of("20", "10", "5.5", "2.1")) {
                // base × rate / 100 = base × (rate × 10) / 1000: in integers, add half the divisor before dividing
                long tenths = new BigDecimal(rate).movePointRight(1).longValueExact();
                long expected = (base * tenths + 500) / 1000;
                assertThat(VatComputation.lineVat(base, rate)).as("%d at %s%%", base, rate).isEqualTo(expected);
            }
        }
    }

    @Test
    void a_monthly_return_with_all_four_rates() {
        // 20% of 10000 = 2000; 10% of 3333 = 333.3 → 333; 5.5% of 105 = 5.775 → 6; 2.1% of 24 = 0.504 → 1
        // output 2000 + 333 + 6 + 1 = 2340; deductible 1000 + 200 + 40 = 1240; due 2340 − 1240 = 1100
        VatReturnContent content = new VatReturnContent(
                List.of(new VatLine("20", 10_000L), new VatLine("10", 3_333L), new VatLine("5.5", 105L), new VatLine("2.1", 24L)),
                List.of(), new DeductibleVat(1_000L, 200L, 40L), null);

        VatComputed computed = VatComputation.compute(content, null);

        assertThat(computed.lines()).extracting(Line::vat).containsExactly(2000L, 333L, 6L, 1L);
        assertThat(computed.totalOutputVat()).isEqualTo(2340);
        assertThat(computed.totalDeductibleVat()).isEqualTo(1240);
        assertThat(computed.creditCarriedForward().amount()).isZero();
        assertThat(computed.creditCarriedForward().source()).isEqualTo(CreditSource.NONE);
        assertThat(computed.netVatDue()).isEqualTo(1100);
        assertThat(computed.creditToCarryForward()).isZero();
    }

    @Test
    void a_credit_is_carried_over_two_periods_until_it_is_used_up() {
        // January: output 20% of 1000 = 200, deductible 1500 → credit 1300 to carry forward
        VatComputed january = VatComputation.compute(new VatReturnContent(
                List.of(new VatLine("20", 1_000L)), null, new DeductibleVat(1_500L, 0L, 0L), null), null);
        assertThat(january.netVatDue()).isZero();
        assertThat(january.creditToCarryForward()).isEqualTo(1300);

        // February (January accepted): output 400, deductible 600, credit 1300 → 400 − 600 − 1300 < 0: credit 1500
        VatComputed february = VatComputation.compute(new VatReturnContent(
                List.of(new VatLine("20", 2_000L)), null, new DeductibleVat(600L, 0L, 0L), null),
                new PreviousReturn("january", january.creditToCarryForward()));
        assertThat(february.creditCarriedForward().amount()).isEqualTo(1300);
        assertThat(february.creditCarriedForward().source()).isEqualTo(CreditSource.PREVIOUS_RETURN);
        assertThat(february.creditCarriedForward().filingId()).isEqualTo("january");
        assertThat(february.netVatDue()).isZero();
        assertThat(february.creditToCarryForward()).isEqualTo(1500);

        // March (February accepted): output 20% of 12000 = 2400, deductible 500, credit 1500 → due 400, nothing left
        VatComputed march = VatComputation.compute(new VatReturnContent(
                List.of(new VatLine("20", 12_000L)), null, new DeductibleVat(500L, 0L, 0L), null),
                new PreviousReturn("february", february.creditToCarryForward()));
        assertThat(march.creditCarriedForward().amount()).isEqualTo(1500);
        assertThat(march.netVatDue()).isEqualTo(400);
        assertThat(march.creditToCarryForward()).isZero();
    }

    @Test
    void a_quarterly_return_with_intra_eu_acquisitions_self_assesses_their_vat() {
        // Q1: sales 20% of 30000 = 6000; acquisitions 20% of 5000 = 1000 (self-assessed, also deducted as "other")
        // output 7000; deductible 1000 + 0 + 1000 = 2000; due 5000
        VatComputed q1 = VatComputation.compute(new VatReturnContent(
                List.of(new VatLine("20", 30_000L)), List.of(new VatLine("20", 5_000L)),
                new DeductibleVat(1_000L, 0L, 1_000L), null), null);

        assertThat(q1.lines()).extracting(Line::kind).containsExactly(LineKind.TAXABLE_SALE, LineKind.INTRA_EU_ACQUISITION);
        assertThat(q1.totalOutputVat()).isEqualTo(7000);
        assertThat(q1.totalDeductibleVat()).isEqualTo(2000);
        assertThat(q1.netVatDue()).isEqualTo(5000);
        assertThat(q1.creditToCarryForward()).isZero();
    }

    @Test
    void a_declared_credit_wins_over_the_previous_return() {
        VatComputed computed = VatComputation.compute(new VatReturnContent(
                List.of(new VatLine("20", 1_000L)), null, new DeductibleVat(0L, 0L, 0L), 150L),
                new PreviousReturn("previous", 999));
        assertThat(computed.creditCarriedForward().amount()).isEqualTo(150);
        assertThat(computed.creditCarriedForward().source()).isEqualTo(CreditSource.DECLARED);
        assertThat(computed.creditCarriedForward().filingId()).isNull();
        assertThat(computed.netVatDue()).isEqualTo(50);
    }

    @Test
    void an_explicit_zero_return_owes_nothing() {
        VatComputed computed = VatComputation.compute(new VatReturnContent(
                List.of(), List.of(), new DeductibleVat(0L, 0L, 0L), null), null);
        assertThat(computed.lines()).isEmpty();
        assertThat(computed.netVatDue()).isZero();
        assertThat(computed.creditToCarryForward()).isZero();
    }

    @Test
    void net_due_and_credit_are_never_both_positive() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            long output = random.nextInt(100_000);
            long deductible = random.nextInt(100_000);
            long credit = random.nextInt(100_000);
            VatComputed computed = VatComputation.compute(new VatReturnContent(
                    List.of(new VatLine("20", output * 5)), null, new DeductibleVat(deductible, 0L, 0L), credit), null);
            assertThat(computed.totalOutputVat()).isEqualTo(output);
            assertThat(computed.netVatDue() - computed.creditToCarryForward()).isEqualTo(output - deductible - credit);
            assertThat(Math.min(computed.netVatDue(), computed.creditToCarryForward())).isZero();
        }
    }

    @Test
    void half_up_is_not_bankers_rounding() {
        assertThat(new BigDecimal("16.5").setScale(0, RoundingMode.HALF_EVEN)).isEqualByComparingTo("16");
        assertThat(VatComputation.lineVat(300, "5.5")).isEqualTo(17);
    }
}
