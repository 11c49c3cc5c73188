package fr.backoffice.event;

import fr.backoffice.filing.FilingApi;
import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.filing.FilingApi.line;
import static fr.backoffice.filing.FilingApi.vatContent;
import static fr.backoffice.support.Ledgers.submit;
import static fr.backoffice.support.Ledgers.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The event feed: one event per state change, in feed order, exactly once, also over SSE. */
@QuarkusTest
class EventFeedTest {

    @Test
    void each_account_change_is_one_event_with_the_account_as_it_now_stands() throws Exception {
        Feed feed = Feed.fromNow();
        String unit = Fixtures.unit();
        String id = Fixtures.currentAccount(unit);
        String supervisor = Tokens.supervisor(unit);
        Api.as(supervisor).header("If-Match", "\"0\"").body(Map.of("holder", Map.of("name", "Jeanne Martin")))
                .patch("/accounts/{id}", id).then().statusCode(200);
        Api.as(supervisor).body(Map.of("reason", "Fraud check")).post("/accounts/{id}/freeze", id).then().statusCode(200);
        Api.as(supervisor).body(Map.of("reason", "Checked")).post("/accounts/{id}/unfreeze", id).then().statusCode(200);
        Api.as(supervisor).body(Map.of("reason", "Customer left")).post("/accounts/{id}/close", id).then().statusCode(200);

        List<Map<String, Object>> events = feed.pollUntil(5, event -> id.equals(Feed.resourceId(event)));

        assertThat(Feed.typesOf(events, id)).containsExactly("account.opened", "account.changed", "account.frozen",
                "account.unfrozen", "account.closed");
        Map<String, Object> closed = events.stream().filter(e -> "account.closed".equals(e.get("type"))).findFirst().orElseThrow();
        assertThat(closed).containsEntry("resource", Map.of("type", "account", "id", id));
        assertThat(((Map<?, ?>) closed.get("data")).get("status")).isEqualTo("CLOSED");
        assertThat(((Map<?, ?>) closed.get("data")).get("version")).isEqualTo(4);
        assertThat(Feed.typesOf(events, unit)).containsExactly("unit.created");
    }

    @Test
    void each_operation_change_is_one_event_and_balances_move_only_through_operation_events() throws Exception {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "3000.00");
        Feed feed = Feed.fromNow();

        String small = submit(Tokens.frontOffice(), transfer(from, to, "10.00")).getString("id");
        String large = submit(Tokens.frontOffice(), transfer(from, to, "2500.00")).getString("id");
        Api.as(Tokens.agent(unit)).post("/operations/{id}/claim", large).then().statusCode(200);
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", large).then().statusCode(200)
                .body(at("status", equalTo("EXECUTED")));
        String reversal = Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "Customer error"))
                .post("/operations/{id}/reverse", large).then().statusCode(200).extract().path("reversedBy");
        String cancelled = submit(Tokens.frontOffice(), transfer(from, to, "1500.00")).getString("id");
        Api.as(Tokens.frontOffice()).post("/operations/{id}/cancel", cancelled).then().statusCode(200);

        List<Map<String, Object>> events = feed.pollUntil(1, event -> cancelled.equals(Feed.resourceId(event))
                && "operation.cancelled".equals(event.get("type")));

        assertThat(Feed.typesOf(events, small)).containsExactly("operation.received", "operation.executed");
        assertThat(Feed.typesOf(events, large)).containsExactly("operation.received", "operation.claimed",
                "operation.executed", "operation.reversed");
        assertThat(Feed.typesOf(events, reversal)).containsExactly("operation.executed");
        assertThat(Feed.typesOf(events, cancelled)).containsExactly("operation.received", "operation.cancelled");
        assertThat(Feed.typesOf(events, from)).isEmpty();
        assertThat(Feed.typesOf(events, to)).isEmpty();
    }

    @Test
    void each_declarant_and_filing_change_is_one_event() throws Exception {
        Feed feed = Feed.fromNow();
        String declarant = FilingApi.monthlyDeclarant();
        String id = FilingApi.draft("VAT_RETURN", declarant, "2026-07-01", "2026-07-31",
                vatContent(List.of(line("20", 100)), 0, null)).getString("id");
        long version = FilingApi.get(id).getLong("version");
        Api.as(Tokens.frontOffice()).header("If-Match", "\"" + version + "\"")
                .body(vatContent(List.of(line("20", 200)), 0, null)).put("/filings/{id}/content", id)
                .then().statusCode(200);
        FilingApi.filedAndAcknowledged(id, "ACCEPTED");
        String amendment = Api.as(FilingApi.agent()).post("/filings/{id}/amend", id).then().statusCode(201)
                .extract().path("id");

        List<Map<String, Object>> events = feed.pollUntil(1, event -> amendment.equals(Feed.resourceId(event)));

        assertThat(Feed.typesOf(events, declarant)).containsExactly("declarant.registered");
        assertThat(Feed.typesOf(events, id)).containsExactly("filing.created", "filing.content-replaced",
                "filing.validated", "filing.submitted", "filing.accepted", "filing.amended");
        assertThat(Feed.typesOf(events, amendment)).containsExactly("filing.created");
    }

    @Test
    void types_filter_the_feed_and_an_unknown_type_is_refused() {
        Api.as(Tokens.frontOffice()).queryParam("types", "account.opened").get("/events").then().statusCode(200);
        String unit = Fixtures.unit();
        Fixtures.currentAccount(unit);
        JsonPath page = Api.as(Tokens.admin()).queryParam("types", "unit.created").queryParam("limit", 200)
                .get("/events").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.type", String.class)).containsOnly("unit.created");
        Api.invalidRequestAs(Tokens.admin()).queryParam("types", "account.opened,account.exploded").get("/events")
                .then().statusCode(400).body(at("errors[0].field", equalTo("types")));
        Api.invalidRequestAs(Tokens.admin()).queryParam("after", "bm90LWEtY3Vyc29y").get("/events")
                .then().statusCode(400);
        Api.as(Tokens.agent(unit)).get("/events").then().statusCode(403);
    }

    @Test
    void the_openapi_document_names_every_event_type() {
        List<String> documented = RestAssured.get("/q/openapi?format=json").then().extract().jsonPath()
                .getList("components.schemas.EventType.enum", String.class);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values()).map(EventType::type).toList());
    }

    @Test
    void a_poller_sees_every_event_of_many_concurrent_writers_exactly_once_and_in_cursor_order() throws Exception {
        String unit = Fixtures.unit();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accounts.add(Fixtures.currentAccount(unit));
            Ledgers.fund(accounts.get(i), "1000.00");
        }
        Feed feed = Feed.fromNow();
        String token = Tokens.token("events-load", null, "front-office");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/operations");
        Set<String> executed = ConcurrentHashMap.newKeySet();

        // the poller runs alongside the writers
        List<Map<String, Object>> polled = new ArrayList<>(feed.pollDuring(() -> {
            ExecutorService writers = Executors.newFixedThreadPool(16);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                done.add(writers.submit(() -> {
                    String body = """
                            {"type":"TRANSFER","amount":"1.%02d","currency":"EUR","debitAccountId":"%s","creditAccountId":"%s"}"""
                            .formatted(n % 100, accounts.get(n % 4), accounts.get((n + 1) % 4));
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .header("Idempotency-Key", "events-" + unit + "-" + n)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    if (response.body().contains("\"status\":\"EXECUTED\"")) {
                        executed.add(response.body().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1"));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(5, TimeUnit.MINUTES);
            }
            writers.shutdown();
            return null;
        }));
        feed.pollUntil(polled, executed.size(), event -> "operation.executed".equals(event.get("type"))
                && executed.contains(Feed.resourceId(event)));

        assertThat(executed).hasSizeGreaterThan(150);
        List<String> seenExecuted = polled.stream().filter(event -> "operation.executed".equals(event.get("type")))
                .map(Feed::resourceId).filter(executed::contains).toList();
        assertThat(seenExecuted).as("every executed operation exactly once").hasSize(executed.size())
                .containsExactlyInAnyOrderElementsOf(executed);
        List<String> ids = polled.stream().map(event -> (String) event.get("id")).toList();
        assertThat(new HashSet<>(ids)).as("no event twice").hasSize(ids.size());
        // within an operation, its events come in the order of its changes
        for (String id : executed) {
            assertThat(Feed.typesOf(polled, id)).containsExactly("operation.received", "operation.executed");
        }
    }

    @Test
    void a_stream_resumed_with_last_event_id_loses_and_repeats_nothing() throws Exception {
        Feed start = Feed.fromNow();
        String unit = Fixtures.unit();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            created.add(Fixtures.currentAccount(unit));
        }
        String after = start.cursor();

        List<String[]> first = readStream(after == null ? null : after, null, 3);
        assertThat(first).hasSize(3);
        String lastId = first.get(first.size() - 1)[0];
        for (int i = 0; i < 2; i++) {
            created.add(Fixtures.currentAccount(unit)); // committed while nobody listens
        }
        List<String[]> second = readStream(null, lastId, 6);

        List<String> resources = new ArrayList<>();
        for (String[] message : first) {
            resources.add(message[2]);
        }
        for (String[] message : second) {
            resources.add(message[2]);
        }
        assertThat(first.get(0)[1]).isEqualTo("unit.created");
        List<String> accountEvents = resources.stream().filter(created::contains).toList();
        assertThat(accountEvents).containsExactlyElementsOf(created);
    }

    /** Reads {@code count} SSE messages ({@code [id, event, resource id]}), then disconnects. */
    private static List<String[]> readStream(String after, String lastEventId, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String query = after == null ? "" : "?after=" + after;
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/events/stream" + query))
                .header("Authorization", "Bearer " + Tokens.frontOffice()).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String[]> messages = new ArrayList<>();
        try (InputStream body = response.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            String data = null;
            long deadline = System.currentTimeMillis() + 20_000;
            String line;
            while (messages.size() < count && System.currentTimeMillis() < deadline && (line = lines.readLine()) != null) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                } else if (line.isEmpty() && data != null) {
                    String resource = JsonPath.from(data).getString("resource.id");
                    messages.add(new String[] {id, event, resource});
                    id = null;
                    event = null;
                    data = null;
                }
            }
        }
        return messages;
    }
}
