package fr.backoffice.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import fr.backoffice.support.Json;
import fr.backoffice.support.Api;
import fr.backoffice.support.EventFeedEnd;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static fr.backoffice.webhook.WebhookDeliveryTest.about;
import static fr.backoffice.webhook.WebhookDeliveryTest.await;
import static fr.backoffice.webhook.WebhookDeliveryTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The events about a webhook endpoint (docs/events-and-audit.md "Events and audit", docs/webhooks.md "Webhooks") are
 * read by its owner and by admins only, in the feed, in the stream and in webhook deliveries, and carry neither its url
 * nor its description: another front-office application must not learn where one application's deliveries go (a url may
 * hold a token).
 */
@QuarkusTest
class WebhookEventVisibilityTest {

    private static final String QUERY_TOKEN = "s3cr3t-query-token";
    private static final String DESCRIPTION = "the mobile app's private receiver";

    @Inject
    io.agroal.api.AgroalDataSource database;

    @Test
    void an_endpoints_disabled_event_is_read_by_its_owner_and_admins_only_and_tells_neither_its_url_nor_its_description()
            throws Exception {
        String owner = WebhookDeliveryTest.app();
        String other = WebhookDeliveryTest.app();
        try (Receiver gone = Receiver.start(410); Receiver ownersWatch = Receiver.start(); Receiver othersWatch = Receiver.start()) {
            // both applications follow endpoint events: the owner for its own, the other would like everyone's
            WebhookDeliveryTest.subscribe(owner, ownersWatch.url(), "webhook-endpoint.disabled");
            WebhookDeliveryTest.subscribe(other, othersWatch.url(), "*");
            String victim = Api.as(owner).body(Map.of("url", gone.url() + "?token=" + QUERY_TOKEN,
                            "eventTypes", List.of("unit.created"), "description", DESCRIPTION))
                    .post("/webhook-endpoints").then().statusCode(201).extract().jsonPath().getString("id");
            String from = EventFeedEnd.now();

            Fixtures.unit(); // answered 410: the endpoint is disabled, with its event
            await("disabled", Duration.ofSeconds(10), () -> "DISABLED".equals(Api.as(owner)
                    .get("/webhook-endpoints/{id}", victim).then().statusCode(200).extract().jsonPath().getString("status")));
            String marker = Fixtures.unit(); // an event every reader sees, after the endpoint's

            // the feed
            for (String reader : List.of(owner, Tokens.admin())) {
                List<Map<String, Object>> read = pollUntil(reader, from, marker);
                List<Map<String, Object>> about = read.stream().filter(event -> isAbout(event, victim)).toList();
                assertThat(about).as("the owner and admins read it").hasSize(1);
                assertThat(about.get(0).get("type")).isEqualTo("webhook-endpoint.disabled");
                assertWithoutDestination(about.get(0).get("data"));
            }
            List<Map<String, Object>> othersRead = pollUntil(other, from, marker);
            assertThat(othersRead).as("another application reads none of it").noneMatch(event -> isAbout(event, victim));
            assertThat(Api.as(other).queryParam("types", "webhook-endpoint.disabled").queryParam("limit", 200)
                    .get("/events").then().statusCode(200).extract().jsonPath().getList("items.resource.id"))
                    .doesNotContain(victim);
            assertThat(Api.as(Tokens.auditor()).queryParam("types", "webhook-endpoint.disabled").queryParam("limit", 200)
                    .get("/events").then().statusCode(200).extract().jsonPath().getList("items.resource.id"))
                    .as("an auditor is not its owner either").doesNotContain(victim);

            // the stream
            assertThat(streamUntil(owner, from, marker)).as("the owner's stream").anyMatch(data -> data.contains(victim)
                    && !data.contains(QUERY_TOKEN) && !data.contains(DESCRIPTION));
            assertThat(streamUntil(Tokens.admin(), from, marker)).as("an admin's stream").anyMatch(data -> data.contains(victim));
            assertThat(streamUntil(other, from, marker)).as("another application's stream").noneMatch(data -> data.contains(victim));

            // the deliveries
            await("the owner's watch receives it", Duration.ofSeconds(10), () -> !about(ownersWatch, victim).isEmpty());
            JsonNode delivered = json(about(ownersWatch, victim).get(0).body());
            assertThat(delivered.at("/type").asText()).isEqualTo("webhook-endpoint.disabled");
            assertThat(delivered.at("/data/owner").asText()).isNotBlank();
            assertThat(delivered.at("/data").has("url")).isFalse();
            assertThat(about(ownersWatch, victim).get(0).body()).doesNotContain(QUERY_TOKEN).doesNotContain(DESCRIPTION);
            await("the other's watch receives the marker", Duration.ofSeconds(10), () -> !about(othersWatch, marker).isEmpty());
            Thread.sleep(300);
            assertThat(othersWatch.received()).as("another application's endpoint never receives it")
                    .noneMatch(request -> request.body().contains(victim));
        }
    }

    @Test
    void the_database_refuses_an_endpoint_event_that_names_no_reader() throws Exception {
        try (var connection = database.getConnection(); var sql = connection.createStatement()) {
            connection.setAutoCommit(false); // and rolled back, should it be taken
            assertThatThrownBy(() -> sql.executeUpdate("insert into event (id, type, occurred_at, resource_type, resource_id, data) "
                    + "values (gen_random_uuid(), 'webhook-endpoint.disabled', now(), 'webhook-endpoint', "
                    + "'019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f71', '{}')"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(refused -> assertThat(((SQLException) refused).getSQLState()).isEqualTo("23514"));
            connection.rollback();
        }
    }

    private static void assertWithoutDestination(Object event) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) event;
        assertThat(data).containsEntry("status", "DISABLED").containsEntry("disabledReason", "GONE")
                .containsKeys("id", "owner").doesNotContainKeys("url", "description", "secret");
        assertThat(data.toString()).doesNotContain(QUERY_TOKEN).doesNotContain(DESCRIPTION);
    }

    private static boolean isAbout(Map<String, Object> event, String resourceId) {
        return resourceId.equals(((Map<?, ?>) event.get("resource")).get("id"));
    }

    /** What {@code token} reads of the feed after {@code from}, until the unit {@code marker}'s event. */
    private static List<Map<String, Object>> pollUntil(String token, String from, String marker) throws InterruptedException {
        List<Map<String, Object>> read = new ArrayList<>();
        String cursor = from;
        long deadline = System.currentTimeMillis() + 20_000;
        while (read.stream().noneMatch(event -> isAbout(event, marker))) {
            assertThat(System.currentTimeMillis()).as("the marker within 20 s").isLessThan(deadline);
            var request = Api.as(token).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Json.Page page = Json.page(request.get("/events").then().statusCode(200).extract().response());
            List<Map<String, Object>> items = page.items();
            read.addAll(items);
            cursor = page.nextCursor();
            if (items.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return read;
    }

    /** The {@code data:} lines {@code token}'s stream sends after {@code from}, until the unit {@code marker}'s event. */
    private static List<String> streamUntil(String token, String from, String marker) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/events/stream" + (from == null ? "" : "?after=" + from)))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> messages = new ArrayList<>();
        try (InputStream body = response.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            long deadline = System.currentTimeMillis() + 20_000;
            String line;
            while (System.currentTimeMillis() < deadline && (line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    String data = line.substring(5).strip();
                    messages.add(data);
                    if (marker.equals(JsonPath.from(data).getString("resource.id"))) {
                        return messages;
                    }
                }
            }
        }
        throw new AssertionError("the stream did not reach the marker within 20 s");
    }
}
