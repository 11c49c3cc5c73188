package fr.backoffice.webhook;

import fr.backoffice.support.Fixtures;
import fr.backoffice.webhook.repository.DeliveryQueue;
import fr.backoffice.webhook.repository.DeliveryQueue.Claimed;
import fr.backoffice.webhook.service.WebhookDispatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The work queue in SQL, as several instances share it (docs/webhooks.md "Webhooks"): claims are disjoint, a claim
 * holds a lease, an expired lease is claimed again with the same webhook-id (an instance killed mid-delivery leaves
 * nothing undelivered), a stale attempt records nothing, and an endpoint's later deliveries wait for its first. The
 * instance's own dispatcher is idle here (its first round would come after an hour), so the test plays the instances.
 * An endpoint failing for {@code disable-after} is disabled, with an event.
 */
@QuarkusTest
@TestProfile(WebhookQueueTest.IdleDispatcher.class)
class WebhookQueueTest {

    public static class IdleDispatcher implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // and an endpoint is disabled at its first failure, as if it had been failing for days
            return Map.of("backoffice.webhooks.poll-every", "1h", "backoffice.webhooks.disable-after", "0s");
        }
    }

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    DeliveryQueue queue;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    fr.backoffice.webhook.service.WebhookDeliveryPurge purge;

    @Inject
    io.agroal.api.AgroalDataSource database;

    private void fanOut() {
        while (queue.fanOut(500, Instant.now()).await().indefinitely() == 500) {
            // the whole feed so far
        }
    }

    /**
     * Fans out until these endpoints have {@code deliveries} deliveries each: an event is fanned out once every
     * transaction that started before it has ended, and other clients of the test database (other checkouts testing
     * at once) may hold one open for a moment.
     */
    private void fanOut(int deliveries, String... endpoints) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            fanOut();
            try (var connection = database.getConnection(); var sql = connection.prepareStatement(
                    "select count(*) from unnest(?::uuid[]) ep(id) "
                            + "where (select count(*) from webhook_delivery d where d.endpoint_id = ep.id) < ?")) {
                sql.setArray(1, connection.createArrayOf("uuid", endpoints));
                sql.setInt(2, deliveries);
                try (var rows = sql.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == 0) {
                        return;
                    }
                }
            }
            assertThat(System.currentTimeMillis()).as("the deliveries fanned out within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private List<Claimed> claim(Instant now) {
        return queue.claim(now, now.plus(LEASE), 100).await().indefinitely();
    }

    @Test
    void with_no_endpoint_enabled_the_fan_out_reads_no_event_and_its_position_moves_past_them() throws Exception {
        try (var connection = database.getConnection(); var sql = connection.createStatement()) {
            sql.executeUpdate("update webhook_endpoint set status = 'DISABLED' where status = 'ENABLED'");
        }
        fanOut();
        long deliveries = count("select count(*) from webhook_delivery");
        Fixtures.unit();
        Fixtures.unit();
        long deadline = System.currentTimeMillis() + 20_000;
        while (count("select count(*) from event e, webhook_fanout f where (e.tx, e.seq) > (f.tx, f.seq)") > 0) {
            assertThat(queue.fanOut(500, Instant.now()).await().indefinitely()).as("events read").isZero();
            assertThat(System.currentTimeMillis()).as("the position passed the new events within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(count("select count(*) from webhook_delivery")).isEqualTo(deliveries);

        // an endpoint enabled afterwards gets what occurs from then on
        String id = WebhookDeliveryTest.subscribe(WebhookDeliveryTest.app(), "http://127.0.0.1:9/unused", "unit.created")
                .getString("id");
        Fixtures.unit();
        fanOut(1, id);
        assertThat(count("select count(*) from webhook_delivery where endpoint_id = '" + id + "'")).isEqualTo(1);
    }

    private long count(String query) throws Exception {
        try (var connection = database.getConnection(); var sql = connection.createStatement();
             var rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void two_instances_claiming_at_once_get_disjoint_deliveries_and_a_claimed_one_is_leased() throws Exception {
        String url = "http://127.0.0.1:9/unused";
        List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            endpoints.add(WebhookDeliveryTest.subscribe(WebhookDeliveryTest.app(), url, "unit.created").getString("id"));
        }
        Fixtures.unit();
        fanOut(1, endpoints.toArray(String[]::new));
        Instant now = Instant.now();
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<List<Claimed>> claimer = () -> {
                start.await();
                return claim(now);
            };
            Future<List<Claimed>> first = instances.submit(claimer);
            Future<List<Claimed>> second = instances.submit(claimer);
            start.countDown();
            Set<UUID> a = ids(first.get());
            Set<UUID> b = ids(second.get());
            Set<UUID> both = new HashSet<>(a);
            both.retainAll(b);
            assertThat(both).as("claimed by both").isEmpty();
            Set<String> claimedEndpoints = new HashSet<>();
            first.get().forEach(claimed -> claimedEndpoints.add(claimed.endpointId().toString()));
            second.get().forEach(claimed -> claimedEndpoints.add(claimed.endpointId().toString()));
            assertThat(claimedEndpoints).containsAll(endpoints);
            assertThat(first.get().size() + second.get().size()).isEqualTo(a.size() + b.size());
        } finally {
            instances.shutdownNow();
        }
        assertThat(claim(now.plusSeconds(1))).as("leased").noneMatch(claimed -> endpoints.contains(claimed.endpointId().toString()));
    }

    @Test
    void a_delivery_whose_instance_died_mid_attempt_is_sent_again_with_the_same_id_once_its_lease_has_passed() throws Exception {
        String app = WebhookDeliveryTest.app();
        try (Receiver receiver = Receiver.start()) {
            JsonPath endpoint = WebhookDeliveryTest.subscribe(app, receiver.url(), "unit.created");
            String id = endpoint.getString("id");
            String unit = Fixtures.unit();
            fanOut(1, id);
            Instant now = Instant.now();
            Claimed lost = only(claim(now), id); // the instance that claimed it is killed: it never records anything
            assertThat(lost.attempts()).isEqualTo(1);
            assertThat(claim(now.plusSeconds(1))).noneMatch(claimed -> claimed.id().equals(lost.id()));

            Claimed again = only(claim(now.plus(LEASE).plusSeconds(1)), id);
            assertThat(again.id()).isEqualTo(lost.id());
            assertThat(again.attempts()).isEqualTo(2);
            // the dead attempt's outcome, were it to arrive now, changes nothing
            assertThat(queue.succeeded(lost, 200, "late").await().indefinitely()).isFalse();
            assertThat(WebhookDeliveryTest.deliveries(app, id).getString("items[0].status")).isEqualTo("PENDING");

            dispatcherDeliver(again);
            List<Receiver.Received> got = WebhookDeliveryTest.about(receiver, unit);
            assertThat(got).hasSize(1);
            assertThat(got.get(0).header("webhook-id")).isEqualTo(lost.id().toString());
            JsonPath delivery = WebhookDeliveryTest.deliveries(app, id);
            assertThat(delivery.getString("items[0].status")).isEqualTo("SUCCEEDED");
            assertThat(delivery.getInt("items[0].attempts")).isEqualTo(2);

            // kept for the retention (30 days), then purged
            purge.purge().await().indefinitely();
            assertThat(WebhookDeliveryTest.deliveries(app, id).getList("items")).hasSize(1);
            try (var connection = database.getConnection(); var sql = connection.createStatement()) {
                sql.executeUpdate("update webhook_delivery set last_attempt_at = now() - interval '31 days' where id = '" + lost.id() + "'");
            }
            assertThat(purge.purge().await().indefinitely()).isGreaterThanOrEqualTo(1);
            assertThat(WebhookDeliveryTest.deliveries(app, id).getList("items")).isEmpty();
        }
    }

    @Test
    void an_endpoints_later_deliveries_wait_until_its_first_has_succeeded_or_failed_for_good() throws Exception {
        String app = WebhookDeliveryTest.app();
        String id = WebhookDeliveryTest.subscribe(app, "http://127.0.0.1:9/unused", "unit.created").getString("id");
        Fixtures.unit();
        Fixtures.unit();
        fanOut(2, id);
        Instant now = Instant.now();
        Claimed first = only(claim(now), id);
        Instant retryAt = now.plusSeconds(60);
        queue.failed(first, now, retryAt, 503, null, null, false, now.minus(Duration.ofDays(3)), disabled -> new String[3])
                .await().indefinitely();
        assertThat(claim(now.plusSeconds(30))).as("the second waits for the first").noneMatch(claimed -> claimed.endpointId().toString().equals(id));
        Claimed retried = only(claim(retryAt.plusSeconds(1)), id);
        assertThat(retried.id()).isEqualTo(first.id());
        queue.failed(retried, now, null, 503, null, null, false, now.minus(Duration.ofDays(3)), disabled -> new String[3])
                .await().indefinitely();
        Claimed second = only(claim(retryAt.plusSeconds(2)), id);
        assertThat(second.id()).isNotEqualTo(first.id());
        JsonPath page = WebhookDeliveryTest.deliveries(app, id);
        assertThat(page.getList("items.status")).containsExactly("PENDING", "FAILED");
    }

    @Test
    void an_endpoint_failing_for_longer_than_disable_after_is_disabled_with_an_event() throws Exception {
        String app = WebhookDeliveryTest.app();
        try (Receiver receiver = Receiver.start(500)) {
            String id = WebhookDeliveryTest.subscribe(app, receiver.url(), "unit.created").getString("id");
            Fixtures.unit();
            fanOut(1, id);
            dispatcherDeliver(only(claim(Instant.now()), id));
            JsonPath endpoint = fr.backoffice.support.Api.as(app).get("/webhook-endpoints/{id}", id).then().statusCode(200).extract().jsonPath();
            assertThat(endpoint.getString("status")).isEqualTo("DISABLED");
            assertThat(endpoint.getString("disabledReason")).isEqualTo("FAILING");
            assertThat(WebhookDeliveryTest.deliveries(app, id).getString("items[0].status")).as("kept for when it is enabled again").isEqualTo("PENDING");
            // for its owner (WebhookEventVisibilityTest: and admins, no one else)
            List<Map<String, Object>> events = fr.backoffice.support.Api.as(app)
                    .queryParam("types", "webhook-endpoint.disabled").queryParam("limit", 200).get("/events")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(events).anySatisfy(event -> {
                assertThat(event.get("resource")).isEqualTo(Map.of("type", "webhook-endpoint", "id", id));
                assertThat(((Map<?, ?>) event.get("data")).get("disabledReason")).isEqualTo("FAILING");
                assertThat(((Map<?, ?>) event.get("data")).containsKey("url")).isFalse();
            });
            assertThat(claim(Instant.now().plusSeconds(3600))).noneMatch(claimed -> claimed.endpointId().toString().equals(id));
        }
    }

    private void dispatcherDeliver(Claimed claimed) throws Exception {
        var deliver = WebhookDispatcher.class.getDeclaredMethod("deliver", Claimed.class);
        deliver.setAccessible(true);
        ((io.smallrye.mutiny.Uni<?>) deliver.invoke(dispatcher, claimed)).await().indefinitely();
    }

    private static Claimed only(List<Claimed> claimed, String endpoint) {
        List<Claimed> mine = claimed.stream().filter(delivery -> delivery.endpointId().toString().equals(endpoint)).toList();
        assertThat(mine).hasSize(1);
        return mine.get(0);
    }

    private static Set<UUID> ids(List<Claimed> claimed) {
        Set<UUID> ids = new HashSet<>();
        claimed.forEach(delivery -> ids.add(delivery.id()));
        return ids;
    }
}
