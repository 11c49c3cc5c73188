package fr.backoffice.event;

import fr.backoffice.support.Json;
import fr.backoffice.support.Api;
import fr.backoffice.support.EventFeedEnd;
import fr.backoffice.support.Tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** A poller of GET /events, as a client would write one: it keeps the last cursor and asks for what follows. */
final class Feed {

    private String cursor;

    /** A poller positioned at the end of the feed as it stands now. */
    static Feed fromNow() {
        Feed feed = new Feed();
        feed.cursor = EventFeedEnd.now();
        return feed;
    }

    /** Every event committed since the last poll (reads pages until an empty one). */
    List<Map<String, Object>> poll() {
        List<Map<String, Object>> seen = new ArrayList<>();
        while (true) {
            var request = Api.as(Tokens.auditor()).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Json.Page page = Json.page(request.get("/events").then().statusCode(200).extract().response());
            List<Map<String, Object>> items = page.items();
            if (page.nextCursor() != null) {
                cursor = page.nextCursor();
            }
            if (items.isEmpty()) {
                return seen;
            }
            seen.addAll(items);
        }
    }

    /** Polls until {@code enough} events of these resources arrived (or 20 s passed), and returns all polled. */
    List<Map<String, Object>> pollUntil(int enough, Predicate<Map<String, Object>> wanted) throws InterruptedException {
        List<Map<String, Object>> seen = new ArrayList<>();
        pollUntil(seen, enough, wanted);
        return seen;
    }

    /**
     * Polls, adding to {@code seen}, until it holds {@code enough} wanted events (or 20 s passed): what a poller read
     * before counts, so a feed already read to its end costs one poll, not the whole wait.
     */
    void pollUntil(List<Map<String, Object>> seen, int enough, Predicate<Map<String, Object>> wanted)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            seen.addAll(poll());
            if (seen.stream().filter(wanted).count() >= enough || System.currentTimeMillis() >= deadline) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** Polls in the background while {@code writers} run, as a client following the feed would, and returns what it read. */
    List<Map<String, Object>> pollDuring(Callable<?> writers) throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Map<String, Object>> polled = new ArrayList<>();
        ExecutorService poller = Executors.newSingleThreadExecutor();
        Future<?> polling = poller.submit(() -> {
            while (writing.get()) {
                polled.addAll(poll());
            }
            return null;
        });
        try {
            writers.call();
        } finally {
            writing.set(false);
            polling.get(1, TimeUnit.MINUTES);
            poller.shutdown();
        }
        return polled;
    }

    String cursor() {
        return cursor;
    }

    @SuppressWarnings("unchecked")
    static String resourceId(Map<String, Object> event) {
        return (String) ((Map<String, Object>) event.get("resource")).get("id");
    }

    /** The types of the events about one resource, in feed order. */
    static List<String> typesOf(List<Map<String, Object>> events, String resourceId) {
        return events.stream().filter(event -> resourceId.equals(resourceId(event)))
                .map(event -> (String) event.get("type")).toList();
    }
}
