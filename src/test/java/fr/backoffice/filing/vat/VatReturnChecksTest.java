package fr.backoffice.filing.vat;

import fr.backoffice.common.error.FieldError;
import fr.backoffice.filing.Period;
import fr.backoffice.filing.check.CheckOutcome;
import fr.backoffice.filing.check.CheckReport;
import fr.backoffice.filing.check.CheckResult;
import fr.backoffice.filing.vat.VatReturnContent.DeductibleVat;
import fr.backoffice.filing.vat.VatReturnContent.VatLine;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VatReturnChecksTest {

    private static final Period OCTOBER = new Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
    private static final LocalDate NOVEMBER_2 = LocalDate.of(2026, 11, 2);
    private static final VatRates RATES = new VatRates(List.of("20", "10", "5.5", "2.1"));

    private static VatReturnContent complete() {
        return new VatReturnContent(List.of(new VatLine("20", 10_000L)), null, new DeductibleVat(100L, 0L, 0L), null);
    }

    @Test
    void a_complete_return_for_a_past_period_passes_every_check() {
        CheckReport report = VatReturnChecks.run(complete(), null, null, OCTOBER, NOVEMBER_2);
        assertThat(report.passed()).isTrue();
        assertThat(report.results()).extracting(CheckResult::code).containsExactly(
                "MISSING_FIGURES", "DUPLICATE_RATE", "CREDIT_CARRIED_FORWARD_MISMATCH", "PREVIOUS_RETURN_NOT_ACCEPTED",
                "PERIOD_NOT_ENDED");
        assertThat(report.results()).extracting(CheckResult::outcome).containsOnly(CheckOutcome.PASSED);
    }

    @Test
    void an_explicit_zero_return_is_complete() {
        VatReturnContent zero = new VatReturnContent(List.of(), null, new DeductibleVat(0L, 0L, 0L), null);
        assertThat(VatReturnChecks.run(zero, null, null, OCTOBER, NOVEMBER_2).passed()).isTrue();
    }

    @Test
    void unstated_figures_fail_missing_figures_naming_each() {
        VatReturnContent empty = new VatReturnContent(null, null, new DeductibleVat(5L, null, 0L), null);
        CheckReport report = VatReturnChecks.run(empty, null, null, OCTOBER, NOVEMBER_2);
        assertThat(codes(report)).containsExactly("MISSING_FIGURES");
        assertThat(report.failures().get(0).field()).isEqualTo("content.taxableSales");
        assertThat(report.failures().get(0).message()).contains("content.taxableSales", "content.deductibleVat.fixedAssets")
                .doesNotContain("goodsAndServices");
    }

    @Test
    void two_lines_at_the_same_rate_fail_duplicate_rate() {
        VatReturnContent twice = new VatReturnContent(List.of(new VatLine("20", 1L), new VatLine("5.5", 1L), new VatLine("20", 2L)),
                null, new DeductibleVat(0L, 0L, 0L), null);
        CheckReport report = VatReturnChecks.run(twice, null, null, OCTOBER, NOVEMBER_2);
        assertThat(codes(report)).containsExactly("DUPLICATE_RATE");
        assertThat(report.failures().get(0).field()).isEqualTo("content.taxableSales[2].rate");
    }

    @Test
    void a_declared_credit_must_match_the_previous_accepted_return() {
        VatReturnContent declared = new VatReturnContent(List.of(), null, new DeductibleVat(0L, 0L, 0L), 100L);
        assertThat(VatReturnChecks.run(declared, new PreviousReturn("p", 100), null, OCTOBER, NOVEMBER_2).passed()).isTrue();
        assertThat(VatReturnChecks.run(declared, null, null, OCTOBER, NOVEMBER_2).passed()).isTrue();
        CheckReport report = VatReturnChecks.run(declared, new PreviousReturn("p", 90), null, OCTOBER, NOVEMBER_2);
        assertThat(codes(report)).containsExactly("CREDIT_CARRIED_FORWARD_MISMATCH");
        assertThat(report.failures().get(0).message()).contains("100", "90");
    }

    @Test
    void the_credit_comes_only_from_an_accepted_return_of_the_immediately_preceding_period() {
        assertThat(codes(VatReturnChecks.run(complete(), null, "SUBMITTED", OCTOBER, NOVEMBER_2)))
                .containsExactly("PREVIOUS_RETURN_NOT_ACCEPTED");
        CheckReport missing = VatReturnChecks.run(complete(), null, VatReturnChecks.MISSING, OCTOBER, NOVEMBER_2);
        assertThat(codes(missing)).containsExactly("PREVIOUS_RETURN_NOT_ACCEPTED");
        assertThat(missing.failures().get(0).message()).contains("no VAT return");
        assertThat(VatReturnChecks.run(complete(), new PreviousReturn("p", 10), null, OCTOBER, NOVEMBER_2).passed()).isTrue();
    }

    @Test
    void a_period_not_over_cannot_be_validated() {
        assertThat(codes(VatReturnChecks.run(complete(), null, null, OCTOBER, day(2026, 10, 31)))).containsExactly("PERIOD_NOT_ENDED");
        assertThat(VatReturnChecks.run(complete(), null, null, OCTOBER, day(2026, 11, 1)).passed()).isTrue();
    }

    @Test
    void several_failures_are_all_reported() {
        VatReturnContent bad = new VatReturnContent(List.of(new VatLine("20", 1L), new VatLine("20", 1L)), null, null, 5L);
        assertThat(codes(VatReturnChecks.run(bad, new PreviousReturn("p", 0), null, OCTOBER, day(2026, 10, 15))))
                .containsExactly("MISSING_FIGURES", "DUPLICATE_RATE", "CREDIT_CARRIED_FORWARD_MISMATCH", "PERIOD_NOT_ENDED");
    }

    @Test
    void input_rules_refuse_unknown_rates_and_negative_amounts_and_normalize_rates() {
        List<FieldError> errors = new ArrayList<>();
        VatReturnContent normalized = new VatReturnContent(
                List.of(new VatLine("5.50", 10L), new VatLine("19.6", 10L), new VatLine("20", -1L), new VatLine(null, null)),
                List.of(new VatLine("1e1", 5L)), new DeductibleVat(-3L, 1_000_000_000_000_000L, 0L), -1L)
                .normalized(RATES, errors);
        assertThat(normalized.taxableSales().get(0).rate()).isEqualTo("5.5");
        assertThat(errors).extracting(FieldError::field).containsExactly(
                "content.taxableSales[1].rate", "content.taxableSales[2].base", "content.taxableSales[3].rate",
                "content.taxableSales[3].base", "content.intraEuAcquisitions[0].rate",
                "content.deductibleVat.goodsAndServices", "content.deductibleVat.fixedAssets", "content.creditCarriedForward");
    }

    @Test
    void the_allowed_rates_come_from_configuration() {
        VatRates custom = new VatRates(Arrays.asList("19", "7"));
        assertThat(custom.normalize("19.0")).contains("19");
        assertThat(custom.normalize("20")).isEmpty();
        assertThat(RATES.normalize("-20")).isEmpty();
        assertThat(RATES.normalize(" 20")).isEmpty();
    }

    private static LocalDate day(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    private static List<String> codes(CheckReport report) {
        return report.failures().stream().map(CheckResult::code).toList();
    }
}
