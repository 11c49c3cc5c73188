package fr.backoffice.common.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the rate limit headers say, and which budget a request draws on (RateLimitTest goes through HTTP). */
class RateLimitBudgetTest {

    private static final long SECOND = 1_000_000_000L;
    private final RateLimitBudget writes = new RateLimitBudget("writes", 100, Duration.ofSeconds(2));

    @Test
    void the_policy_is_the_capacity_and_the_period_in_seconds() {
        assertThat(writes.policy()).isEqualTo("\"writes\";q=100;w=2");
    }

    @Test
    void the_state_is_what_is_left_and_the_whole_seconds_until_the_bucket_is_full() {
        assertThat(writes.state(ConsumptionProbe.consumed(42, 1_500_000_000L))).isEqualTo("\"writes\";r=42;t=2");
        assertThat(writes.state(ConsumptionProbe.consumed(100, 0))).isEqualTo("\"writes\";r=100;t=0");
        assertThat(writes.state(ConsumptionProbe.rejected(0, 20_000_000L, 2 * SECOND))).isEqualTo("\"writes\";r=0;t=2");
    }

    @Test
    void retry_after_is_rounded_up_so_that_a_client_waiting_that_long_is_never_early() {
        assertThat(RateLimitBudget.retryAfter(ConsumptionProbe.rejected(0, 1, SECOND))).isEqualTo(1);
        assertThat(RateLimitBudget.retryAfter(ConsumptionProbe.rejected(0, 2 * SECOND, 3 * SECOND))).isEqualTo(2);
        assertThat(RateLimitBudget.retryAfter(ConsumptionProbe.rejected(0, 2 * SECOND + 1, 3 * SECOND))).isEqualTo(3);
    }

    @Test
    void a_bucket_holds_its_capacity_at_once_and_no_more() {
        Bucket bucket = new RateLimitBudget("stream", 3, Duration.ofHours(1)).newBucket();
        for (int left = 2; left >= 0; left--) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            assertThat(probe.isConsumed()).isTrue();
            assertThat(probe.getRemainingTokens()).isEqualTo(left);
        }
        ConsumptionProbe refused = bucket.tryConsumeAndReturnRemaining(1);
        assertThat(refused.isConsumed()).isFalse();
        // one request comes back every 20 minutes
        assertThat(RateLimitBudget.retryAfter(refused)).isBetween(1L, 1200L);
    }

    @Test
    void a_budget_the_headers_could_not_tell_is_refused_at_start() {
        assertThatThrownBy(() -> new RateLimitBudget("reads", 10, Duration.ofMillis(1500)))
                .hasMessageContaining("backoffice.rate-limit.reads.period").hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> new RateLimitBudget("reads", 10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitBudget("reads", 0, Duration.ofSeconds(1)))
                .hasMessageContaining("backoffice.rate-limit.reads.capacity");
    }

    /** The stream's own budget is chosen once the request is matched to its method (RateLimitTest checks it). */
    @Test
    void at_the_edge_writes_and_reads_are_told_apart_by_their_method_alone() {
        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
            assertThat(RateLimits.classOf(method)).isEqualTo("writes");
        }
        for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS}) {
            assertThat(RateLimits.classOf(method)).isEqualTo("reads");
        }
    }

    @Test
    void only_the_paths_under_q_are_exempt() {
        assertThat(RateLimits.exempt("/q/health/ready")).isTrue();
        assertThat(RateLimits.exempt("/q")).isTrue();
        assertThat(RateLimits.exempt("/quarterly")).isFalse();
        assertThat(RateLimits.exempt("/units")).isFalse();
    }
}
