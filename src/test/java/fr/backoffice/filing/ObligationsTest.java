package fr.backoffice.filing;

import fr.backoffice.common.Ids;
import fr.backoffice.filing.FilingCalendar.Expected;
import fr.backoffice.filing.Obligations.Assessed;
import fr.backoffice.filing.Obligations.Filed;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ObligationsTest {

    private static final Period OCTOBER = new Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
    private static final Period FY2025 = new Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
    private static final Expected OCTOBER_VAT = new Expected(FilingType.VAT_RETURN, OCTOBER);
    private static final Expected ACCOUNTS_2025 = new Expected(FilingType.ANNUAL_ACCOUNTS, FY2025);

    /** Ids in creation order, a millisecond apart. */
    private static UUID laterId() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return Ids.newId();
    }

    private static Filed vat(UUID id, FilingStatus status) {
        return new Filed(id, FilingType.VAT_RETURN, OCTOBER, status, LocalDate.of(2026, 11, 19));
    }

    private static Assessed one(List<Filed> filed, LocalDate today) {
        return Obligations.assess(List.of(OCTOBER_VAT), filed, today).get(0);
    }

    @Test
    void nothing_filed_is_open_until_the_due_date_then_overdue() {
        assertThat(one(List.of(), LocalDate.of(2026, 11, 19)).status()).isEqualTo(ObligationStatus.OPEN);
        Assessed late = one(List.of(), LocalDate.of(2026, 11, 20));
        assertThat(late.status()).isEqualTo(ObligationStatus.OVERDUE);
        assertThat(late.dueDate()).isEqualTo(LocalDate.of(2026, 11, 19));
        assertThat(late.filing()).isEmpty();
    }

    @Test
    void a_draft_or_validated_filing_does_not_fulfil_it_but_is_shown() {
        UUID draft = laterId();
        Assessed assessed = one(List.of(vat(draft, FilingStatus.VALIDATED)), LocalDate.of(2026, 12, 1));
        assertThat(assessed.status()).isEqualTo(ObligationStatus.OVERDUE);
        assertThat(assessed.filing()).map(Filed::id).contains(draft);
    }

    @Test
    void a_submitted_or_accepted_filing_fulfils_it() {
        UUID submitted = laterId();
        assertThat(one(List.of(vat(submitted, FilingStatus.SUBMITTED)), LocalDate.of(2027, 1, 1)).status())
                .isEqualTo(ObligationStatus.FULFILLED);
        assertThat(one(List.of(vat(submitted, FilingStatus.ACCEPTED)), LocalDate.of(2027, 1, 1)).status())
                .isEqualTo(ObligationStatus.FULFILLED);
    }

    @Test
    void a_rejected_filing_does_not_and_a_later_draft_stands_for_the_obligation() {
        UUID rejected = laterId();
        UUID draft = laterId();
        Assessed onlyRejected = one(List.of(vat(rejected, FilingStatus.REJECTED)), LocalDate.of(2026, 11, 2));
        assertThat(onlyRejected.status()).isEqualTo(ObligationStatus.OPEN);
        assertThat(onlyRejected.filing()).map(Filed::id).contains(rejected);
        Assessed withDraft = one(List.of(vat(rejected, FilingStatus.REJECTED), vat(draft, FilingStatus.DRAFT)), LocalDate.of(2026, 11, 2));
        assertThat(withDraft.filing()).map(Filed::id).contains(draft);
    }

    @Test
    void the_latest_fulfilling_filing_stands_even_when_an_amendment_is_in_progress() {
        UUID accepted = laterId();
        UUID acceptedAmendment = laterId();
        UUID draftAmendment = laterId();
        Assessed assessed = one(List.of(vat(accepted, FilingStatus.ACCEPTED), vat(acceptedAmendment, FilingStatus.ACCEPTED),
                vat(draftAmendment, FilingStatus.DRAFT)), LocalDate.of(2027, 1, 1));
        assertThat(assessed.status()).isEqualTo(ObligationStatus.FULFILLED);
        assertThat(assessed.filing()).map(Filed::id).contains(acceptedAmendment);
    }

    @Test
    void filings_of_another_type_or_period_do_not_count() {
        Filed otherPeriod = new Filed(laterId(), FilingType.VAT_RETURN, new Period(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30)),
                FilingStatus.ACCEPTED, LocalDate.of(2026, 10, 19));
        Filed otherType = new Filed(laterId(), FilingType.ANNUAL_ACCOUNTS, OCTOBER, FilingStatus.ACCEPTED, LocalDate.of(2027, 5, 31));
        assertThat(one(List.of(otherPeriod, otherType), LocalDate.of(2026, 11, 2)).filing()).isEmpty();
    }

    @Test
    void annual_accounts_take_the_due_date_of_their_filing() {
        LocalDate approvedPlusOneMonth = LocalDate.of(2026, 4, 15);
        Filed draft = new Filed(laterId(), FilingType.ANNUAL_ACCOUNTS, FY2025, FilingStatus.DRAFT, approvedPlusOneMonth);
        Assessed withFiling = Obligations.assess(List.of(ACCOUNTS_2025), List.of(draft), LocalDate.of(2026, 5, 1)).get(0);
        assertThat(withFiling.dueDate()).isEqualTo(approvedPlusOneMonth);
        assertThat(withFiling.status()).isEqualTo(ObligationStatus.OVERDUE);
        Assessed without = Obligations.assess(List.of(ACCOUNTS_2025), List.of(), LocalDate.of(2026, 5, 1)).get(0);
        assertThat(without.dueDate()).isEqualTo(LocalDate.of(2026, 7, 31));
        assertThat(without.status()).isEqualTo(ObligationStatus.OPEN);
    }
}
