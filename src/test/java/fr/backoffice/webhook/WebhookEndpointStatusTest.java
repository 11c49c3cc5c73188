package fr.backoffice.webhook;

import fr.backoffice.common.error.ApiException;
import fr.backoffice.common.error.ProblemCode;
import fr.backoffice.webhook.WebhookEndpoint.DisabledReason;
import fr.backoffice.webhook.WebhookEndpoint.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook endpoint state machine, in plain Java: ENABLED ⇄ DISABLED, nothing else. */
class WebhookEndpointStatusTest {

    private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void only_enabled_and_disabled_swap() {
        assertThat(Status.ENABLED.canBecome(Status.DISABLED)).isTrue();
        assertThat(Status.DISABLED.canBecome(Status.ENABLED)).isTrue();
        assertThat(Status.ENABLED.canBecome(Status.ENABLED)).isFalse();
        assertThat(Status.DISABLED.canBecome(Status.DISABLED)).isFalse();
    }

    @Test
    void a_new_endpoint_is_enabled_from_its_creation() {
        WebhookEndpoint endpoint = endpoint();
        assertThat(endpoint.status).isEqualTo(Status.ENABLED);
        assertThat(endpoint.enabledSince).isEqualTo(NOON);
        assertThat(endpoint.updatedAt).isEqualTo(NOON);
    }

    @Test
    void disabling_then_enabling_forgets_the_service_s_reason_and_starts_again_from_then() {
        WebhookEndpoint endpoint = endpoint();
        endpoint.failingSince = NOON.plusSeconds(10);
        endpoint.changeStatus(Status.DISABLED, NOON.plusSeconds(60));
        assertThat(endpoint.status).isEqualTo(Status.DISABLED);
        assertThat(endpoint.failingSince).isNull();
        assertThat(endpoint.enabledSince).isEqualTo(NOON);
        assertThat(endpoint.updatedAt).isEqualTo(NOON.plusSeconds(60));

        endpoint.disabledReason = DisabledReason.GONE;
        endpoint.changeStatus(Status.ENABLED, NOON.plusSeconds(120));
        assertThat(endpoint.status).isEqualTo(Status.ENABLED);
        assertThat(endpoint.disabledReason).isNull();
        assertThat(endpoint.enabledSince).isEqualTo(NOON.plusSeconds(120));
    }

    @Test
    void a_move_to_the_same_status_is_refused_with_409_and_changes_nothing() {
        WebhookEndpoint endpoint = endpoint();
        assertThatThrownBy(() -> endpoint.changeStatus(Status.ENABLED, NOON.plusSeconds(60)))
                .isInstanceOfSatisfying(ApiException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ProblemCode.INVALID_TRANSITION);
                    assertThat(refusal.status()).isEqualTo(409);
                });
        assertThat(endpoint.enabledSince).isEqualTo(NOON);
        assertThat(endpoint.updatedAt).isEqualTo(NOON);
    }

    private static WebhookEndpoint endpoint() {
        return WebhookEndpoint.created(UUID.randomUUID(), "app", "https://example.test/hook", WebhookEndpoint.ALL_TYPES,
                null, "secret", NOON);
    }
}
