package fr.backoffice.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A webhook receiver on 127.0.0.1, as a front-office application would run one: records every request (headers and
 * body) and answers the statuses it is told to, in turn, then 200.
 */
final class Receiver implements AutoCloseable {

    record Received(Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ConcurrentLinkedDeque<>();
    private HttpServer server;
    private final java.util.concurrent.atomic.AtomicInteger inProgress = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();
    /** While set, each request is recorded, then left unanswered until it is counted down. */
    private volatile java.util.concurrent.CountDownLatch holding;

    private Receiver(int port) {
        this.port = port;
    }

    /** A receiver listening now. */
    static Receiver start(Integer... statuses) throws IOException {
        Receiver receiver = new Receiver(freePort());
        receiver.statuses.addAll(List.of(statuses));
        receiver.listen();
        return receiver;
    }

    /** A receiver whose port nobody listens on yet: connections are refused until {@link #listen()}. */
    static Receiver down() throws IOException {
        return new Receiver(freePort());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    synchronized void listen() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/", exchange -> {
            mostAtOnce.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
                received.add(new Received(headers, body));
                java.util.concurrent.CountDownLatch hold = holding;
                if (hold != null) {
                    try {
                        hold.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
                Integer status = statuses.poll();
                byte[] answer = ("answer " + (status == null ? 200 : status)).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
                exchange.getResponseBody().write(answer);
            } finally {
                inProgress.decrementAndGet();
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Leaves the requests from now on unanswered, until {@link #answer()}. */
    void hold() {
        holding = new java.util.concurrent.CountDownLatch(1);
    }

    void answer() {
        java.util.concurrent.CountDownLatch hold = holding;
        holding = null;
        if (hold != null) {
            hold.countDown();
        }
    }

    /** The most requests this receiver was serving at one time. */
    int mostAtOnce() {
        return mostAtOnce.get();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    int port() {
        return port;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> received(Predicate<Received> which) {
        return received.stream().filter(which).toList();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
