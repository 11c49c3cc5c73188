package fr.backoffice.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.backoffice.support.ProductionInstances;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks from two instances of the production build on one database (docs/webhooks.md "Webhooks"): each event is
 * delivered once, in order, whichever instance wrote it; an instance killed in the middle of a delivery leaves it to
 * another, which sends it again with the same webhook-id once the lease has passed. Its own schema
 * ({@code backoffice_it_wh}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesWebhooksIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProductionInstances instances;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        instances = new ProductionInstances("backoffice_it_wh");
        start();
        start();
    }

    @AfterAll
    static void stop() {
        instances.close();
    }

    private static void start() throws Exception {
        instances.start(Map.of(
                "BACKOFFICE_AUDIT_CHECKPOINT_KEY", Base64.getEncoder().encodeToString(
                        "two-instances-webhooks-it-checkpoint-key".getBytes(StandardCharsets.US_ASCII)),
                // the receivers listen on 127.0.0.1 over http
                "BACKOFFICE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true",
                "BACKOFFICE_WEBHOOKS_RETRY_SCHEDULE", "1s,1s,1s",
                "BACKOFFICE_WEBHOOKS_POLL_EVERY", "200ms",
                // the lease is twice the timeout and 5 s: 9 s for the killed instance's delivery to be sent again;
                // the instance is killed well within the 2 s its held attempt may last
                "BACKOFFICE_WEBHOOKS_TIMEOUT", "2s"));
    }

    private static String token(String sub, String role) {
        return instances.token(sub, role);
    }

    private static RequestSpecification on(int instance, String token) {
        return instances.on(instance, token);
    }

    private static String unitOf(Receiver.Received request) {
        try {
            return JSON.readTree(request.body()).at("/resource/id").asText();
        } catch (IOException malformed) {
            throw new AssertionError(malformed);
        }
    }

    @Test
    @Order(1)
    void two_instances_deliver_each_event_once_and_in_order() throws Exception {
        String admin = token("it-wh-admin", "admin");
        String front = token("it-wh-front", "front-office");
        try (Receiver receiver = Receiver.start()) {
            String secret = on(0, front).body(Map.of("url", receiver.url(), "eventTypes", List.of("unit.created")))
                    .post("/webhook-endpoints").then().statusCode(201).extract().path("secret");
            List<String> units = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String code = String.format("WHA-%02d", i);
                on(i % 2, admin).body(Map.of("code", code, "name", "Unit " + code, "region", "Test")).post("/units")
                        .then().statusCode(201);
                units.add(code);
            }
            WebhookDeliveryTest.await("every unit delivered", Duration.ofSeconds(60),
                    () -> receiver.received().stream().map(TwoInstancesWebhooksIT::unitOf).distinct().count() == units.size());
            Thread.sleep(2000); // long enough for a second delivery, were one to come
            List<Receiver.Received> got = receiver.received();
            assertThat(got).extracting(TwoInstancesWebhooksIT::unitOf).containsExactlyElementsOf(units);
            assertThat(got).extracting(request -> request.header("webhook-id")).doesNotHaveDuplicates();
            assertThat(got).allSatisfy(request -> assertThat(Verifier.verify(secret, request)).isTrue());
        }
    }

    @Test
    @Order(2)
    void a_delivery_whose_instance_is_killed_mid_attempt_is_sent_again_by_another_with_the_same_webhook_id() throws Exception {
        // one instance left: it will be the one sending
        instances.process(1).destroy();
        assertThat(instances.process(1).waitFor(30, TimeUnit.SECONDS)).isTrue();
        String admin = token("it-wh-admin", "admin");
        String front = token("it-wh-front-2", "front-office");
        try (Receiver receiver = Receiver.start()) {
            String endpoint = on(0, front).body(Map.of("url", receiver.url(), "eventTypes", List.of("unit.created")))
                    .post("/webhook-endpoints").then().statusCode(201).extract().path("id");
            receiver.hold();
            on(0, admin).body(Map.of("code", "WHK-01", "name", "Killed", "region", "Test")).post("/units").then().statusCode(201);
            WebhookDeliveryTest.await("the attempt under way", Duration.ofSeconds(20), () -> receiver.received().size() == 1);
            instances.process(0).destroyForcibly(); // SIGKILL in the middle of the attempt: nothing is recorded
            assertThat(instances.process(0).waitFor(30, TimeUnit.SECONDS)).isTrue();
            receiver.answer();

            start();
            int survivor = instances.started() - 1;
            WebhookDeliveryTest.await("sent again once the lease has passed", Duration.ofSeconds(60),
                    () -> receiver.received().size() == 2);
            List<Receiver.Received> got = receiver.received();
            assertThat(got).extracting(TwoInstancesWebhooksIT::unitOf).containsOnly("WHK-01");
            assertThat(got.get(1).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
            WebhookDeliveryTest.await("recorded", Duration.ofSeconds(10), () -> "SUCCEEDED".equals(
                    on(survivor, front).get("/webhook-endpoints/{id}/deliveries", endpoint).then().statusCode(200)
                            .extract().jsonPath().getString("items[0].status")));
            JsonPath delivery = on(survivor, front).get("/webhook-endpoints/{id}/deliveries", endpoint).then().extract().jsonPath();
            assertThat(delivery.getInt("items[0].attempts")).isEqualTo(2);
            assertThat(delivery.getString("items[0].id")).isEqualTo(got.get(0).header("webhook-id"));
        }
    }
}
