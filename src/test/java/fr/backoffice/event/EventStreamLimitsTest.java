package fr.backoffice.event;

import fr.backoffice.common.http.OpenStreams;
import fr.backoffice.common.security.Roles;
import fr.backoffice.support.Api;
import fr.backoffice.support.EventFeedEnd;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.OpenStreamCount;
import fr.backoffice.support.RawHttp;
import fr.backoffice.support.SharedSettings;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open event streams are capped per caller and per instance (docs/security.md "Rate limiting"), with caps small enough
 * to reach in a test: 2 per caller, 3 per instance. Streams are held open on raw sockets, read lazily, and closed by
 * the test as a subscriber that goes away; refusals are asked through {@link Api}, so their answers are checked against
 * the contract. Each test closes what it opened and waits for the instance to count none.
 */
@QuarkusTest
@TestProfile(SharedSettings.class)
class EventStreamLimitsTest {

    private final List<RawHttp> open = new ArrayList<>();

    @Inject
    OpenStreams streams;

    @AfterEach
    void closeEverything() {
        open.forEach(RawHttp::close);
        open.clear();
        // every slot is back: the instance takes its three streams again
        for (int i = 0; i < 3; i++) {
            String caller = Tokens.token("streams-after-each-" + i, null, Roles.AUDITOR);
            open.add(eventually(() -> RawHttp.stream("/events/stream", caller)));
        }
        open.forEach(RawHttp::close);
        open.clear();
    }

    @Test
    void a_caller_past_its_open_streams_is_answered_429_and_a_closed_stream_frees_its_slot() {
        String follower = Tokens.token("streams-follower", null, Roles.FRONT_OFFICE);
        open.add(opened(follower));
        open.add(opened(follower));

        Response refused = Api.as(follower).accept("text/event-stream").get("/events/stream");
        assertProblem(refused, 429, "TOO_MANY_STREAMS");
        assertThat(refused.jsonPath().getString("detail")).contains("2 event streams");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        // any spelling of the stream, and HEAD, is the stream: refused alike
        try (RawHttp slash = RawHttp.stream("/events/stream/", follower);
             RawHttp matrix = RawHttp.stream("/events/stream;a=b", follower);
             RawHttp head = RawHttp.send("HEAD", "/events/stream", Map.of("Authorization", "Bearer " + follower))) {
            assertThat(List.of(slash.status(), matrix.status(), head.status())).containsOnly(429);
        }
        // another caller is not held back, and the follower still polls
        open.add(opened(Tokens.token("streams-other", null, Roles.AUDITOR)));
        Api.as(follower).get("/events").then().statusCode(200);

        open.remove(0).close(); // the subscriber goes away: its slot is free again
        open.add(eventually(() -> RawHttp.stream("/events/stream", follower)));
        assertThat(open.get(open.size() - 1).header("Content-Type")).startsWith("text/event-stream");
    }

    @Test
    void past_the_instance_s_open_streams_a_new_one_is_answered_503_with_retry_after() {
        open.add(opened(Tokens.token("streams-a", null, Roles.FRONT_OFFICE)));
        open.add(opened(Tokens.token("streams-a", null, Roles.FRONT_OFFICE)));
        open.add(opened(Tokens.token("streams-b", null, Roles.AUDITOR)));

        String late = Tokens.token("streams-late", null, Roles.ADMIN);
        Response refused = Api.as(late).accept("text/event-stream").get("/events/stream");
        assertProblem(refused, 503, "STREAM_CAPACITY_REACHED");
        assertThat(refused.jsonPath().getString("detail")).contains("3 event streams");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        Api.as(late).get("/events").then().statusCode(200);

        open.remove(2).close();
        open.add(eventually(() -> RawHttp.stream("/events/stream", late)));
    }

    /**
     * HEAD answers what GET would (200, an event stream) and ends there: nothing is streamed to a request that takes no
     * body, so it holds no slot, even while its connection stays open.
     */
    @Test
    void a_head_of_the_stream_gets_its_head_and_holds_no_slot() throws InterruptedException {
        try (RawHttp head = RawHttp.send("HEAD", "/events/stream",
                Map.of("Authorization", "Bearer " + Tokens.token("streams-head", null, Roles.AUDITOR)))) {
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Type")).startsWith("text/event-stream");
            OpenStreamCount.awaitNone(streams);
        }
    }

    /** A stream refused by its own checks (a cursor this API never gave) holds no slot afterwards. */
    @Test
    void a_stream_refused_for_a_bad_cursor_keeps_no_slot() {
        String caller = Tokens.token("streams-bad-cursor", null, Roles.AUDITOR);
        for (int i = 0; i < 4; i++) { // more than the caller's 2 slots
            assertProblem(Api.as(caller).accept("text/event-stream").queryParam("after", "bm90LWEtY3Vyc29y")
                    .get("/events/stream"), 400, "VALIDATION_FAILED");
        }
        open.add(opened(caller));
        open.add(opened(caller));
    }

    /**
     * A subscriber that leaves while the service is still writing its stream (a backlog to catch up on) fails that
     * write; its slot comes back all the same, every time.
     */
    @Test
    void a_subscriber_that_leaves_while_its_backlog_is_being_written_frees_its_slot() throws InterruptedException {
        String after = EventFeedEnd.now();
        String backlog = after == null ? "/events/stream" : "/events/stream?after=" + after;
        String account = Fixtures.currentAccount(Fixtures.unit());
        for (int batch = 0; batch < 4; batch++) { // 400 operations, in batches answered at once (100 each)
            List<Map<String, Object>> deposits = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Map<String, Object> deposit = Ledgers.cashDeposit(account, "1.00");
                deposit.put("key", UUID.randomUUID().toString());
                deposits.add(deposit);
            }
            Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("mode", "INDEPENDENT", "operations", deposits)).post("/operation-batches")
                    .then().statusCode(200);
        }

        String subscriber = Tokens.token("streams-leaving", null, Roles.AUDITOR);
        for (int i = 0; i < 20; i++) {
            RawHttp stream = eventually(() -> RawHttp.stream(backlog, subscriber));
            stream.close(); // at once: the backlog is still being written
        }
        OpenStreamCount.awaitNone(streams);
    }

    /** A stream the service accepted, held open (once the streams an earlier test closed are counted closed). */
    private static RawHttp opened(String token) {
        return eventually(() -> RawHttp.stream("/events/stream", token));
    }

    /** The slot of a closed stream comes back once the service sees the connection close: a moment later. */
    private static RawHttp eventually(Supplier<RawHttp> attempt) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            RawHttp stream = attempt.get();
            if (stream.status() == 200 || System.currentTimeMillis() > deadline) {
                assertThat(stream.status()).as("a stream once a slot is free").isEqualTo(200);
                return stream;
            }
            stream.close();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
