package fr.backoffice.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.common.security.Roles;
import fr.backoffice.support.Json;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks delivered to a real receiver on 127.0.0.1 (docs/webhooks.md "Webhooks"): signed as Standard Webhooks says,
 * retried with the same webhook-id, in order per endpoint, disabled on 410, with both signatures after a rotation. The
 * test profile allows private networks and retries after 1 s.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final AtomicInteger APPS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    fr.backoffice.common.metrics.MetricsRefresh refresh;

    /** A front-office application of its own, so that each test sees only its endpoints. */
    static String app() {
        return Tokens.token("webhook-app-" + APPS.incrementAndGet(), null, Roles.FRONT_OFFICE);
    }

    static JsonPath subscribe(String token, String url, String... types) {
        return Api.as(token).body(Map.of("url", url, "eventTypes", List.of(types), "description", "test receiver"))
                .post("/webhook-endpoints").then().statusCode(201).extract().jsonPath();
    }

    static void await(String what, Duration within, BooleanSupplier condition) {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception malformed) {
            throw new AssertionError(malformed);
        }
    }

    /** The requests whose event is about this unit (the receiver may also get other tests' units). */
    static List<Receiver.Received> about(Receiver receiver, String unit) {
        return receiver.received(request -> unit.equals(json(request.body()).at("/resource/id").asText()));
    }

    static JsonPath deliveries(String token, String endpoint) {
        return Api.as(token).get("/webhook-endpoints/{id}/deliveries", endpoint).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_subscribed_event_arrives_once_as_the_feed_gives_it_signed_with_the_endpoints_secret() throws Exception {
        String app = app();
        try (Receiver receiver = Receiver.start()) {
            JsonPath endpoint = subscribe(app, receiver.url(), "unit.created");
            assertThat(endpoint.getString("secret")).matches("^whsec_[A-Za-z0-9+/]{32}$");
            assertThat(endpoint.getString("status")).isEqualTo("ENABLED");
            assertThat(endpoint.getList("eventTypes")).containsExactly("unit.created");
            String unit = Fixtures.unit();

            await("the unit's event delivered", Duration.ofSeconds(10), () -> about(receiver, unit).size() == 1);
            Thread.sleep(500); // and not twice
            List<Receiver.Received> got = about(receiver, unit);
            assertThat(got).hasSize(1);
            Receiver.Received request = got.get(0);
            assertThat(request.header("content-type")).startsWith("application/json");
            assertThat(Verifier.verify(endpoint.getString("secret"), request)).isTrue();
            assertThat(Verifier.verify(Signatures.newSecret(), request)).as("another secret").isFalse();
            assertThat(Verifier.verify(endpoint.getString("secret"), request.header("webhook-id"),
                    request.header("webhook-timestamp"), request.header("webhook-signature"), request.body() + " ")).as("body changed").isFalse();
            assertThat(Long.parseLong(request.header("webhook-timestamp"))).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));

            // the body is the feed's item, byte for byte as JSON
            JsonNode body = json(request.body());
            Map<String, Object> item = feedItem(body.get("id").asText());
            assertThat(body).isEqualTo(JSON.valueToTree(item));
            assertThat(body.at("/data/code").asText()).isEqualTo(unit);

            await("the delivery recorded", Duration.ofSeconds(5), () -> "SUCCEEDED".equals(
                    deliveries(app, endpoint.getString("id")).getString("items[0].status")));
            JsonPath delivery = deliveries(app, endpoint.getString("id"));
            assertThat(delivery.getString("items[0].id")).isEqualTo(request.header("webhook-id"));
            assertThat(delivery.getString("items[0].eventId")).isEqualTo(body.get("id").asText());
            assertThat(delivery.getInt("items[0].attempts")).isEqualTo(1);
            assertThat(delivery.getInt("items[0].lastResponseStatus")).isEqualTo(200);
            assertThat(delivery.getString("items[0].nextAttemptAt")).isNull();
        }
    }

    @Test
    void events_of_types_not_subscribed_and_events_before_the_subscription_are_not_sent() throws Exception {
        String app = app();
        String before = Fixtures.unit();
        try (Receiver receiver = Receiver.start()) {
            subscribe(app, receiver.url(), "declarant.registered");
            String unit = Fixtures.unit();
            JsonPath all = subscribe(app(), receiver.url(), "*");
            String after = Fixtures.unit();
            await("the catch-all endpoint's delivery", Duration.ofSeconds(10), () -> about(receiver, after).size() == 1);
            Thread.sleep(500);
            assertThat(about(receiver, unit)).isEmpty();
            assertThat(about(receiver, before)).isEmpty();
            assertThat(all.getList("eventTypes")).containsExactly("*");
        }
    }

    @Test
    void a_receiver_answering_500_twice_then_200_gets_three_attempts_with_the_same_webhook_id() throws Exception {
        String app = app();
        try (Receiver receiver = Receiver.start(500, 500)) {
            JsonPath endpoint = subscribe(app, receiver.url(), "unit.created");
            String unit = Fixtures.unit();
            await("three attempts", Duration.ofSeconds(15), () -> about(receiver, unit).size() == 3);
            List<Receiver.Received> attempts = about(receiver, unit);
            assertThat(attempts).extracting(request -> request.header("webhook-id")).containsOnly(attempts.get(0).header("webhook-id"));
            assertThat(attempts).allSatisfy(request -> assertThat(Verifier.verify(endpoint.getString("secret"), request)).isTrue());
            await("SUCCEEDED", Duration.ofSeconds(5), () -> "SUCCEEDED".equals(deliveries(app, endpoint.getString("id")).getString("items[0].status")));
            JsonPath delivery = deliveries(app, endpoint.getString("id"));
            assertThat(delivery.getInt("items[0].attempts")).isEqualTo(3);
            assertThat(delivery.getInt("items[0].lastResponseStatus")).isEqualTo(200);
            assertThat(delivery.getString("items[0].lastResponseBody")).isEqualTo("answer 200");
            Thread.sleep(1500);
            assertThat(about(receiver, unit)).hasSize(3);

            String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("(?m)^backoffice_webhooks_attempts_total\\{[^}]*outcome=\"failed\"[^}]*} [1-9]")
                    .containsPattern("(?m)^backoffice_webhooks_attempts_total\\{[^}]*outcome=\"succeeded\"[^}]*} [1-9]")
                    .containsPattern("(?m)^backoffice_webhooks_deliveries_total\\{[^}]*status=\"SUCCEEDED\"[^}]*} [1-9]");
        }
    }

    @Test
    void a_receiver_that_is_down_gets_everything_in_order_once_it_is_back() throws Exception {
        String app = app();
        try (Receiver receiver = Receiver.down()) {
            JsonPath endpoint = subscribe(app, receiver.url(), "unit.created");
            String id = endpoint.getString("id");
            List<String> units = List.of(Fixtures.unit(), Fixtures.unit(), Fixtures.unit());
            await("a first refused attempt", Duration.ofSeconds(10), () -> {
                JsonPath page = deliveries(app, id);
                // attempts counts a claimed attempt at once; its outcome is written when the attempt ends
                return page.getList("items").size() == 3 && page.getString("items[2].lastError") != null;
            });
            JsonPath page = deliveries(app, id);
            // newest first: the two later ones wait behind the first
            assertThat(page.getString("items[2].lastError")).isEqualTo("connection refused");
            assertThat(page.getInt("items[1].attempts")).isZero();
            assertThat(page.getInt("items[0].attempts")).isZero();
            refresh.refresh().await().indefinitely();
            String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("(?m)^backoffice_webhooks_pending_oldest_age_seconds\\{[^}]*endpoint=\"" + id + "\"[^}]*} ")
                    .containsPattern("(?m)^backoffice_webhooks_deliveries_pending(\\{[^}]*})? [1-9]");
            receiver.listen();
            await("all three", Duration.ofSeconds(15), () -> units.stream().allMatch(unit -> about(receiver, unit).size() == 1));
            assertThat(receiver.received()).extracting(request -> json(request.body()).at("/resource/id").asText())
                    .filteredOn(units::contains).containsExactlyElementsOf(units);
        }
    }

    @Test
    void a_receiver_that_trickles_its_answer_is_cut_off_at_the_timeout_and_keeps_no_connection_open() throws Exception {
        // the test profile: a 3 s timeout, retries after 1 s, 1 s and 1 s; the receiver would take 28 h to answer
        String app = app();
        try (TricklingReceiver receiver = TricklingReceiver.start()) {
            String id = subscribe(app, receiver.url(), "unit.created").getString("id");
            Fixtures.unit();
            await("the delivery FAILED after its four attempts", Duration.ofSeconds(60),
                    () -> "FAILED".equals(deliveries(app, id).getString("items[0].status")));
            JsonPath delivery = deliveries(app, id);
            assertThat(delivery.getInt("items[0].attempts")).isEqualTo(4);
            assertThat(delivery.getString("items[0].lastError")).startsWith("timed out");
            assertThat(receiver.accepted()).isEqualTo(4);
            await("every connection closed by the service", Duration.ofSeconds(2), () -> receiver.open() == 0);
            assertThat(receiver.mostOpenAtOnce()).as("each attempt's connection closed before the next").isEqualTo(1);
        }
    }

    @Test
    void a_410_disables_the_endpoint_at_once_with_an_event() throws Exception {
        String app = app();
        try (Receiver receiver = Receiver.start(410)) {
            JsonPath endpoint = subscribe(app, receiver.url(), "unit.created");
            String id = endpoint.getString("id");
            String unit = Fixtures.unit();
            await("disabled", Duration.ofSeconds(10), () -> "DISABLED".equals(
                    Api.as(app).get("/webhook-endpoints/{id}", id).then().statusCode(200).extract().jsonPath().getString("status")));
            JsonPath disabled = Api.as(app).get("/webhook-endpoints/{id}", id).then().extract().jsonPath();
            assertThat(disabled.getString("disabledReason")).isEqualTo("GONE");
            assertThat(about(receiver, unit)).hasSize(1);
            await("the delivery FAILED", Duration.ofSeconds(5), () -> "FAILED".equals(deliveries(app, id).getString("items[0].status")));
            // read by its owner (WebhookEventVisibilityTest: by admins too, by no one else)
            List<Map<String, Object>> events = Api.as(app).queryParam("types", "webhook-endpoint.disabled")
                    .queryParam("limit", 200).get("/events").then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(events).anySatisfy(event -> {
                assertThat(event.get("resource")).isEqualTo(Map.of("type", "webhook-endpoint", "id", id));
                assertThat(((Map<?, ?>) event.get("data")).get("disabledReason")).isEqualTo("GONE");
                assertThat(((Map<?, ?>) event.get("data")).containsKey("secret")).isFalse();
                assertThat(((Map<?, ?>) event.get("data")).containsKey("url")).isFalse();
            });

            // nothing more is sent until it is enabled again; then the events meanwhile are not, the next ones are
            String meanwhile = Fixtures.unit();
            String etag = Api.as(app).get("/webhook-endpoints/{id}", id).then().extract().header("ETag");
            JsonPath enabled = Api.as(app).header("If-Match", etag).body(Map.of("status", "ENABLED"))
                    .patch("/webhook-endpoints/{id}", id).then().statusCode(200).extract().jsonPath();
            assertThat(enabled.getString("disabledReason")).isNull();
            String next = Fixtures.unit();
            await("the next event", Duration.ofSeconds(10), () -> about(receiver, next).size() == 1);
            assertThat(about(receiver, meanwhile)).isEmpty();
        }
    }

    @Test
    void after_a_rotation_both_secrets_sign_and_the_new_one_is_shown_once() throws Exception {
        String app = app();
        try (Receiver receiver = Receiver.start()) {
            JsonPath endpoint = subscribe(app, receiver.url(), "unit.created");
            String id = endpoint.getString("id");
            JsonPath rotated = Api.as(app).post("/webhook-endpoints/{id}/rotate-secret", id).then().statusCode(200).extract().jsonPath();
            String secret = rotated.getString("secret");
            assertThat(secret).isNotEqualTo(endpoint.getString("secret")).matches("^whsec_[A-Za-z0-9+/]{32}$");
            assertThat(rotated.getString("previousSecretExpiresAt")).isNotNull();
            assertThat(Api.as(app).get("/webhook-endpoints/{id}", id).then().statusCode(200).extract().asString()).doesNotContain("whsec_");

            String unit = Fixtures.unit();
            await("delivered", Duration.ofSeconds(10), () -> about(receiver, unit).size() == 1);
            Receiver.Received request = about(receiver, unit).get(0);
            assertThat(request.header("webhook-signature").split(" ")).hasSize(2).allMatch(signature -> signature.startsWith("v1,"));
            assertThat(Verifier.verify(secret, request)).as("new secret").isTrue();
            assertThat(Verifier.verify(endpoint.getString("secret"), request)).as("previous secret").isTrue();
        }
    }

    @Test
    void deliveries_are_paged_newest_first_retried_on_demand_and_a_test_event_goes_to_one_endpoint() throws Exception {
        String app = app();
        try (Receiver receiver = Receiver.start()) {
            JsonPath endpoint = subscribe(app, receiver.url(), "unit.created");
            String id = endpoint.getString("id");
            List<String> units = List.of(Fixtures.unit(), Fixtures.unit(), Fixtures.unit());
            await("all delivered", Duration.ofSeconds(10), () -> units.stream().allMatch(unit -> about(receiver, unit).size() == 1));
            await("all recorded", Duration.ofSeconds(5), () -> deliveries(app, id).getList("items.status").equals(List.of("SUCCEEDED", "SUCCEEDED", "SUCCEEDED")));

            JsonPath first = Api.as(app).queryParam("limit", 2).get("/webhook-endpoints/{id}/deliveries", id).then().statusCode(200).extract().jsonPath();
            assertThat(first.getList("items")).hasSize(2);
            assertThat(first.getString("items[0].id")).isEqualTo(about(receiver, units.get(2)).get(0).header("webhook-id"));
            JsonPath second = Api.as(app).queryParam("limit", 2).queryParam("after", first.getString("nextCursor"))
                    .get("/webhook-endpoints/{id}/deliveries", id).then().statusCode(200).extract().jsonPath();
            assertThat(second.getList("items")).hasSize(1);
            assertThat(second.getString("nextCursor")).isNull();
            String oldest = second.getString("items[0].id");
            assertThat(oldest).isEqualTo(about(receiver, units.get(0)).get(0).header("webhook-id"));

            JsonPath retried = Api.as(app).post("/webhook-endpoints/{id}/deliveries/{delivery}/retry", id, oldest)
                    .then().statusCode(202).extract().jsonPath();
            assertThat(retried.getString("status")).isEqualTo("PENDING");
            await("sent again", Duration.ofSeconds(10), () -> about(receiver, units.get(0)).size() == 2);
            assertThat(about(receiver, units.get(0))).extracting(request -> request.header("webhook-id")).containsOnly(oldest);

            JsonPath test = Api.as(app).post("/webhook-endpoints/{id}/test", id).then().statusCode(202).extract().jsonPath();
            assertThat(test.getString("eventType")).isEqualTo("webhook.test");
            assertThat(test.getString("eventId")).isNull();
            await("the test event", Duration.ofSeconds(10), () -> !receiver.received(request -> request.body().contains("\"webhook.test\"")).isEmpty());
            Receiver.Received ping = receiver.received(request -> request.body().contains("\"webhook.test\"")).get(0);
            assertThat(ping.header("webhook-id")).isEqualTo(test.getString("id"));
            assertThat(json(ping.body()).at("/resource/id").asText()).isEqualTo(id);
            assertThat(json(ping.body()).at("/data/url").asText()).isEqualTo(receiver.url());
            assertThat(Verifier.verify(endpoint.getString("secret"), ping)).isTrue();
            assertThat(Api.as(Tokens.auditor()).queryParam("types", "webhook.test").get("/events").then().statusCode(200)
                    .extract().jsonPath().getList("items")).as("not in the feed").isEmpty();

            Api.as(app).post("/webhook-endpoints/{id}/deliveries/{delivery}/retry", id, "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f72")
                    .then().statusCode(404);
        }
    }

    @Test
    void a_retry_of_a_delivery_being_sent_is_refused_and_it_is_never_sent_twice_at_once() throws Exception {
        String app = app();
        try (Receiver receiver = Receiver.start()) {
            String id = subscribe(app, receiver.url(), "unit.created").getString("id");
            receiver.hold(); // the receiver takes the request and does not answer yet (the timeout is 3 s)
            String unit = Fixtures.unit();
            await("the attempt under way", Duration.ofSeconds(10), () -> about(receiver, unit).size() == 1);
            String delivery = about(receiver, unit).get(0).header("webhook-id");

            assertProblem(Api.as(app).post("/webhook-endpoints/{id}/deliveries/{delivery}/retry", id, delivery),
                    409, "WEBHOOK_DELIVERY_IN_FLIGHT");
            Thread.sleep(1000);
            assertThat(about(receiver, unit)).as("no second send while the first is under way").hasSize(1);
            receiver.answer();
            await("SUCCEEDED", Duration.ofSeconds(10), () -> "SUCCEEDED".equals(deliveries(app, id).getString("items[0].status")));
            assertThat(deliveries(app, id).getInt("items[0].attempts")).isEqualTo(1);

            // once the attempt ended, a retry is taken
            Api.as(app).post("/webhook-endpoints/{id}/deliveries/{delivery}/retry", id, delivery).then().statusCode(202);
            await("sent again", Duration.ofSeconds(10), () -> about(receiver, unit).size() == 2);
            assertThat(about(receiver, unit)).extracting(request -> request.header("webhook-id")).containsOnly(delivery);
            assertThat(receiver.mostAtOnce()).isEqualTo(1);
        }
    }

    @Test
    void a_retried_earlier_delivery_waits_while_a_later_one_of_its_endpoint_is_being_sent() throws Exception {
        String app = app();
        try (Receiver receiver = Receiver.start()) {
            String id = subscribe(app, receiver.url(), "unit.created").getString("id");
            String first = Fixtures.unit();
            await("the first delivered", Duration.ofSeconds(10), () -> "SUCCEEDED".equals(deliveries(app, id).getString("items[0].status")));
            String firstDelivery = deliveries(app, id).getString("items[0].id");
            receiver.hold();
            String second = Fixtures.unit();
            await("the second under way", Duration.ofSeconds(10), () -> about(receiver, second).size() == 1);

            Api.as(app).post("/webhook-endpoints/{id}/deliveries/{delivery}/retry", id, firstDelivery).then().statusCode(202);
            Thread.sleep(1000);
            assertThat(about(receiver, first)).as("the retried one waits for the one under way").hasSize(1);
            receiver.answer();
            await("the first sent again", Duration.ofSeconds(10), () -> about(receiver, first).size() == 2);
            assertThat(receiver.mostAtOnce()).as("one request at a time to an endpoint").isEqualTo(1);
        }
    }

    /** The item of the feed with this id, read page after page as a consumer would (the run has many units). */
    private static Map<String, Object> feedItem(String eventId) {
        String after = null;
        for (int page = 0; page < 100; page++) {
            var request = Api.as(Tokens.auditor()).queryParam("types", "unit.created").queryParam("limit", 200);
            if (after != null) {
                request = request.queryParam("after", after);
            }
            Json.Page feed = Json.page(request.get("/events").then().statusCode(200).extract().response());
            List<Map<String, Object>> items = feed.items();
            for (Map<String, Object> event : items) {
                if (event.get("id").equals(eventId)) {
                    return event;
                }
            }
            after = feed.nextCursor();
            if (items.isEmpty() || after == null) {
                break;
            }
        }
        throw new AssertionError("event " + eventId + " is not in the feed");
    }
}
