package fr.backoffice.operation;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The authorization state machine and its amounts, in plain Java (docs/operations-and-ledger.md "Authorizations"). */
class AuthorizationTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static Authorization authorized(String amount, String limit) {
        Authorization a = new Authorization();
        a.id = UUID.randomUUID();
        a.currency = "EUR";
        a.amount = new BigDecimal(amount);
        a.captureLimit = new BigDecimal(limit);
        a.createdAt = NOW;
        a.expiresAt = NOW.plus(Duration.ofDays(7));
        return a;
    }

    private static BigDecimal eur(String value) {
        return new BigDecimal(value);
    }

    @Test
    void partial_captures_leave_the_rest_reserved_and_the_one_reaching_the_amount_captures_it() {
        Authorization a = authorized("100.00", "100.00");
        assertThat(a.remaining()).isEqualByComparingTo("100.00");
        assertThat(a.capture(UUID.randomUUID(), eur("30.00"), NOW)).isEqualByComparingTo("70.00");
        assertThat(a.status).isEqualTo(AuthorizationStatus.AUTHORIZED);
        assertThat(a.capture(UUID.randomUUID(), eur("70.00"), NOW.plusSeconds(1))).isEqualByComparingTo("0");
        assertThat(a.status).isEqualTo(AuthorizationStatus.CAPTURED);
        assertThat(a.capturedAmount).isEqualByComparingTo("100.00");
        assertThat(a.captures).hasSize(2);
        assertThat(a.closedAt).isEqualTo(NOW.plusSeconds(1));
        assertThat(a.version).isEqualTo(2);
    }

    @Test
    void an_over_capture_is_refused_beyond_the_limit_and_changes_nothing() {
        Authorization a = authorized("100.00", "100.00");
        a.capture(UUID.randomUUID(), eur("60.00"), NOW);
        assertThatThrownBy(() -> a.capture(UUID.randomUUID(), eur("40.01"), NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo(ProblemCode.CAPTURE_EXCEEDS_AUTHORIZATION);
                });
        assertThat(a.capturedAmount).isEqualByComparingTo("60.00");
        assertThat(a.captures).hasSize(1);
        assertThat(a.status).isEqualTo(AuthorizationStatus.AUTHORIZED);
    }

    @Test
    void within_the_tolerance_an_over_capture_books_more_than_the_amount_and_captures_it() {
        Authorization a = authorized("100.00", Authorization.captureLimit(eur("100.00"), eur("10")).toPlainString());
        assertThat(a.captureLimit).isEqualByComparingTo("110.00");
        assertThat(a.capture(UUID.randomUUID(), eur("105.00"), NOW)).isEqualByComparingTo("0");
        assertThat(a.status).isEqualTo(AuthorizationStatus.CAPTURED);
    }

    @ParameterizedTest
    @CsvSource({"100.00, 0, 100.00", "100.00, 10, 110.00", "99.99, 15, 114.98", "0.01, 50, 0.01", "1000.00, 2.5, 1025.00"})
    void the_capture_limit_is_the_amount_plus_the_tolerance_cut_to_the_currency_scale(String amount, String percent, String limit) {
        assertThat(Authorization.captureLimit(eur(amount), eur(percent))).isEqualByComparingTo(limit);
    }

    @Test
    void a_void_releases_what_remains_and_nothing_leaves_a_closed_state() {
        Authorization a = authorized("100.00", "100.00");
        a.capture(UUID.randomUUID(), eur("25.00"), NOW);
        a.voidAt(NOW);
        assertThat(a.status).isEqualTo(AuthorizationStatus.VOIDED);
        assertThat(a.remaining()).isEqualByComparingTo("0");
        assertThat(a.capturedAmount).isEqualByComparingTo("25.00");
        assertConflict(() -> a.capture(UUID.randomUUID(), eur("1.00"), NOW), "INVALID_TRANSITION", "VOIDED");
        assertConflict(() -> a.voidAt(NOW), "INVALID_TRANSITION", "VOIDED");
        assertConflict(() -> a.expire(NOW.plus(Duration.ofDays(8))), "INVALID_TRANSITION", "VOIDED");
    }

    @Test
    void a_captured_authorization_cannot_be_voided() {
        Authorization a = authorized("10.00", "10.00");
        a.capture(UUID.randomUUID(), eur("10.00"), NOW);
        assertConflict(() -> a.voidAt(NOW), "INVALID_TRANSITION", "CAPTURED");
    }

    @Test
    void from_its_expiry_only_the_expiry_closes_it_and_only_once() {
        Authorization a = authorized("100.00", "100.00");
        assertConflict(() -> a.expire(NOW), "INVALID_TRANSITION", "AUTHORIZED");
        Instant later = a.expiresAt;
        assertConflict(() -> a.capture(UUID.randomUUID(), eur("1.00"), later), "AUTHORIZATION_EXPIRED", "expired");
        assertConflict(() -> a.voidAt(later), "AUTHORIZATION_EXPIRED", "expired");
        a.expire(later);
        assertThat(a.status).isEqualTo(AuthorizationStatus.EXPIRED);
        assertThat(a.remaining()).isEqualByComparingTo("0");
        assertConflict(() -> a.expire(later), "INVALID_TRANSITION", "EXPIRED");
    }

    @Test
    void the_expiry_defaults_and_is_bounded() {
        Duration week = Duration.ofDays(7);
        Duration month = Duration.ofDays(30);
        assertThat(Authorization.expiry(NOW, null, week, month)).isEqualTo(NOW.plus(week));
        assertThat(Authorization.expiry(NOW, null, Duration.ofDays(60), month)).isEqualTo(NOW.plus(month));
        assertThat(Authorization.expiry(NOW, NOW.plusSeconds(60), week, month)).isEqualTo(NOW.plusSeconds(60));
        assertThatThrownBy(() -> Authorization.expiry(NOW, NOW, week, month))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> Authorization.expiry(NOW, NOW.plus(month).plusSeconds(1), week, month))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void a_capture_must_be_positive() {
        Authorization a = authorized("10.00", "10.00");
        assertThatThrownBy(() -> a.capture(UUID.randomUUID(), eur("0.00"), NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private static void assertConflict(Runnable change, String code, String detail) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code().name()).isEqualTo(code);
            assertThat(e.getMessage()).contains(detail);
        });
    }
}
