package fr.backoffice.webhook;

import fr.backoffice.support.SharedSettings;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * As in production (docs/webhooks.md "Webhooks"): without {@code backoffice.webhooks.allow-private-networks}, plain
 * http and private addresses are refused when the url is given, and a name that resolves to one is refused before the
 * attempt.
 */
@QuarkusTest
@TestProfile(SharedSettings.class)
class WebhookPrivateNetworksTest {

    @Test
    void http_and_private_addresses_are_refused_when_given() {
        String app = WebhookDeliveryTest.app();
        for (String url : List.of("http://front.bank.example/hook", "https://127.0.0.1/hook", "https://10.0.0.7/hook",
                "https://192.168.1.20/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook",
                "https://[fd00:ec2::254]/hook")) {
            JsonPath problem = assertProblem(Api.invalidRequestAs(app).body(Map.of("url", url, "eventTypes", List.of("*")))
                    .post("/webhook-endpoints"), 400, "VALIDATION_FAILED");
            assertThat(problem.getString("errors[0].field")).as(url).isEqualTo("url");
        }
        assertThat(Api.as(app).get("/webhook-endpoints").then().statusCode(200).extract().jsonPath().getList("items"))
                .as("nothing was created, so nothing is ever sent there").isEmpty();
    }

    @Test
    void ipv6_literals_that_carry_a_private_ipv4_address_are_refused_when_given() {
        String app = WebhookDeliveryTest.app();
        // NAT64 (well-known and local-use prefixes), 6to4, Teredo (server, then obfuscated client), IPv4-mapped and
        // -compatible: a translator or relay on the path would reach loopback, the metadata service or the LAN
        for (String url : List.of("https://[64:ff9b::7f00:1]/hook", "https://[64:ff9b::a9fe:a9fe]/latest/meta-data",
                "https://[64:ff9b::a00:7]/hook", "https://[64:ff9b:1::a00:7]/hook", "https://[2002:7f00:1::1]/hook",
                "https://[2002:c0a8:101::1]/hook", "https://[2001:0:a00:1:8000:63bf:f7f7:f7f7]/hook",
                "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook", "https://[::ffff:a9fe:a9fe]/hook",
                "https://[::127.0.0.1]/hook")) {
            JsonPath problem = assertProblem(Api.invalidRequestAs(app).body(Map.of("url", url, "eventTypes", List.of("*")))
                    .post("/webhook-endpoints"), 400, "VALIDATION_FAILED");
            assertThat(problem.getString("errors[0].field")).as(url).isEqualTo("url");
        }
        assertThat(Api.as(app).get("/webhook-endpoints").then().statusCode(200).extract().jsonPath().getList("items"))
                .as("nothing was created, so nothing is ever sent there").isEmpty();
    }

    @Test
    void a_name_that_resolves_to_a_private_address_is_refused_at_every_attempt() throws Exception {
        String app = WebhookDeliveryTest.app();
        try (Receiver receiver = Receiver.start()) {
            String id = WebhookDeliveryTest.subscribe(app, "https://localhost:" + receiver.port() + "/hook", "unit.created").getString("id");
            Fixtures.unit();
            WebhookDeliveryTest.await("a refused attempt", Duration.ofSeconds(10), () -> {
                JsonPath page = WebhookDeliveryTest.deliveries(app, id);
                return !page.getList("items").isEmpty() && page.getInt("items[0].attempts") >= 2;
            });
            JsonPath delivery = WebhookDeliveryTest.deliveries(app, id);
            assertThat(delivery.getString("items[0].lastError")).contains("not a public address");
            assertThat(delivery.getString("items[0].lastResponseStatus")).isNull();
            assertThat(receiver.received()).isEmpty();
        }
    }
}
