package fr.backoffice.filing;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static fr.backoffice.filing.FilingStatus.ACCEPTED;
import static fr.backoffice.filing.FilingStatus.DRAFT;
import static fr.backoffice.filing.FilingStatus.REJECTED;
import static fr.backoffice.filing.FilingStatus.SUBMITTED;
import static fr.backoffice.filing.FilingStatus.VALIDATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The filing state machine, in plain Java: every allowed move, and every other one refused with 409. */
class FilingStatusTest {

    private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

    private static final Map<FilingStatus, Set<FilingStatus>> ALLOWED = Map.of(
            DRAFT, EnumSet.of(VALIDATED),
            VALIDATED, EnumSet.of(SUBMITTED),
            SUBMITTED, EnumSet.of(ACCEPTED, REJECTED),
            ACCEPTED, EnumSet.noneOf(FilingStatus.class),
            REJECTED, EnumSet.noneOf(FilingStatus.class));

    @Test
    void every_move_is_allowed_exactly_when_listed() {
        for (FilingStatus from : FilingStatus.values()) {
            assertThat(from.targets()).as("from %s", from).isEqualTo(ALLOWED.get(from));
            for (FilingStatus to : FilingStatus.values()) {
                assertThat(from.canBecome(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void a_filing_goes_from_draft_to_each_acknowledgement() {
        for (AcknowledgementOutcome outcome : AcknowledgementOutcome.values()) {
            Filing filing = draft();
            assertThat(filing.validate(evaluation(), "preparer", NOON)).isEqualTo(DRAFT);
            assertThat(filing.status).isEqualTo(VALIDATED);
            assertThat(filing.submit("supervisor", NOON, "digest", "DEP-1")).isEqualTo(VALIDATED);
            assertThat(filing.status).isEqualTo(SUBMITTED);
            assertThat(filing.acknowledge(outcome, "ADM-1", null, "supervisor", NOON)).isEqualTo(SUBMITTED);
            assertThat(filing.status).isEqualTo(outcome.status());
        }
    }

    @Test
    void a_forbidden_move_is_refused_with_409_and_changes_nothing() {
        Filing filing = draft();
        refused(() -> filing.submit("supervisor", NOON, "digest", "DEP-1"), "Cannot submit from status DRAFT.");
        refused(() -> filing.acknowledge(AcknowledgementOutcome.ACCEPTED, "ADM-1", null, "supervisor", NOON),
                "Cannot record an acknowledgement from status DRAFT.");
        refused(filing::checkSubmittable, "Cannot submit from status DRAFT.");
        assertThat(filing.status).isEqualTo(DRAFT);
        assertThat(filing.submittedAt).isNull();

        filing.validate(evaluation(), "preparer", NOON);
        refused(() -> filing.validate(evaluation(), "preparer", NOON), "Cannot validate from status VALIDATED.");
        refused(filing::checkValidatable, "Cannot validate from status VALIDATED.");
        filing.submit("supervisor", NOON, "digest", "DEP-1");
        filing.acknowledge(AcknowledgementOutcome.REJECTED, "ADM-1", "late", "supervisor", NOON);
        refused(() -> filing.acknowledge(AcknowledgementOutcome.ACCEPTED, "ADM-2", null, "supervisor", NOON),
                "Cannot record an acknowledgement from status REJECTED.");
        assertThat(filing.status).isEqualTo(REJECTED);
        assertThat(filing.ackAdministrationReference).isEqualTo("ADM-1");
    }

    private static void refused(Runnable action, String detail) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ApiException.class, refusal -> {
            assertThat(refusal.code()).isEqualTo(ProblemCode.INVALID_TRANSITION);
            assertThat(refusal.status()).isEqualTo(409);
            assertThat(refusal.getMessage()).isEqualTo(detail);
        });
    }

    private static Filing draft() {
        return Filing.draft(FilingType.VAT_RETURN, UUID.randomUUID(),
                new Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)), evaluation(), "preparer", NOON);
    }

    private static Filing.Evaluation evaluation() {
        return new Filing.Evaluation("{}", "{}", "[]", LocalDate.of(2026, 11, 24));
    }
}
