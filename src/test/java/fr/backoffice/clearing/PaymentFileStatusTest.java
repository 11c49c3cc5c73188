package fr.backoffice.clearing;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static fr.backoffice.clearing.PaymentFileStatus.ACCEPTED;
import static fr.backoffice.clearing.PaymentFileStatus.GENERATED;
import static fr.backoffice.clearing.PaymentFileStatus.PARTIALLY_ACCEPTED;
import static fr.backoffice.clearing.PaymentFileStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The payment file state machine, in plain Java: every allowed move, and every other one refused with 409. */
class PaymentFileStatusTest {

    private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

    private static final Map<PaymentFileStatus, Set<PaymentFileStatus>> ALLOWED = Map.of(
            GENERATED, EnumSet.of(ACCEPTED, REJECTED, PARTIALLY_ACCEPTED),
            ACCEPTED, EnumSet.noneOf(PaymentFileStatus.class),
            REJECTED, EnumSet.noneOf(PaymentFileStatus.class),
            PARTIALLY_ACCEPTED, EnumSet.noneOf(PaymentFileStatus.class));

    @Test
    void every_move_is_allowed_exactly_when_listed() {
        for (PaymentFileStatus from : PaymentFileStatus.values()) {
            assertThat(from.targets()).as("from %s", from).isEqualTo(ALLOWED.get(from));
            assertThat(from.isFinal()).as("%s final", from).isEqualTo(from != GENERATED);
            for (PaymentFileStatus to : PaymentFileStatus.values()) {
                assertThat(from.canBecome(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void a_generated_file_records_each_outcome() {
        for (PaymentFileStatus outcome : EnumSet.of(ACCEPTED, REJECTED, PARTIALLY_ACCEPTED)) {
            PaymentFile file = file();
            file.recordOutcome(outcome, "clearing-officer", NOON, outcome == ACCEPTED ? null : "why", "REPORT-1");
            assertThat(file.status).isEqualTo(outcome);
            assertThat(file.acknowledgedAt).isEqualTo(NOON);
            assertThat(file.acknowledgedBy).isEqualTo("clearing-officer");
            assertThat(file.rejectionReason).isEqualTo(outcome == ACCEPTED ? null : "why");
            assertThat(file.statusReportId).isEqualTo("REPORT-1");
        }
    }

    @Test
    void an_outcome_is_recorded_once_and_a_file_never_goes_back_to_generated() {
        PaymentFile file = file();
        file.recordOutcome(ACCEPTED, "clearing-officer", NOON, null, null);
        for (PaymentFileStatus to : PaymentFileStatus.values()) {
            assertThatThrownBy(() -> file.recordOutcome(to, "someone", NOON.plusSeconds(1), "again", null))
                    .isInstanceOfSatisfying(ApiException.class, refusal -> {
                        assertThat(refusal.code()).isEqualTo(ProblemCode.INVALID_TRANSITION);
                        assertThat(refusal.status()).isEqualTo(409);
                        assertThat(refusal.getMessage()).isEqualTo("Cannot acknowledge the payment file from status ACCEPTED.");
                    });
        }
        assertThat(file.status).isEqualTo(ACCEPTED);
        assertThat(file.acknowledgedAt).isEqualTo(NOON);
        assertThatThrownBy(() -> file().recordOutcome(GENERATED, "someone", NOON, null, null))
                .isInstanceOf(ApiException.class);
    }

    private static PaymentFile file() {
        PaymentFile file = PaymentFile.generated(UUID.randomUUID(), "BO-20261128-00000001", NOON, "closer",
                LocalDate.of(2026, 11, 30), "EUR");
        assertThat(file.status).isEqualTo(GENERATED);
        return file;
    }
}
