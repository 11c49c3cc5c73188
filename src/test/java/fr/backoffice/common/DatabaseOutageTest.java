package fr.backoffice.common;

import fr.backoffice.common.http.OpenStreams;
import fr.backoffice.support.Api;
import fr.backoffice.support.EventFeedEnd;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.RawHttp;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The database goes away under the service (a restart, a network cut): requests are answered 503 with Retry-After,
 * never 500, and the service recovers by itself. The shared PostgreSQL is never touched: the service's requests go
 * through a small TCP proxy that the test cuts and restores.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.ThroughProxy.class)
class DatabaseOutageTest {

    static final Proxy PROXY = Proxy.start();

    /** Requests (the reactive pool) reach the database through the proxy; migrations (JDBC) go straight. */
    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // read before Quarkus starts with this profile: the variable application.properties reads for test.schema
            String schema = System.getenv().getOrDefault("BACKOFFICE_TEST_SCHEMA", "backoffice_test");
            return Map.of("quarkus.datasource.reactive.url",
                    "postgresql://127.0.0.1:" + PROXY.port() + "/postgres?search_path=" + schema);
        }
    }

    @Inject
    OpenStreams streams;

    @Test
    void while_the_database_is_unreachable_requests_are_503_with_retry_after_then_served_again() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        Api.as(Tokens.auditor()).get("/accounts/{id}", account).then().statusCode(200);

        PROXY.cut();
        try {
            for (Response response : List.of(
                    Api.as(Tokens.auditor()).get("/accounts/{id}", account),
                    Api.as(Tokens.auditor()).get("/operations"),
                    Api.as(Tokens.frontOffice()).header("Idempotency-Key", "outage-" + account)
                            .body(Ledgers.transfer(account, java.util.UUID.randomUUID().toString(), "1.00")).post("/operations"))) {
                response.then().statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", "1").body("code", equalTo("SERVICE_UNAVAILABLE"));
            }
        } finally {
            PROXY.restore();
        }
        awaitServed(account);
    }

    /**
     * A stream open while the database goes away stays open, then delivers what was committed since, from where it
     * was (docs/events-and-audit.md "Event feed"); when its subscriber leaves, its slot comes back.
     */
    @Test
    void a_stream_outlives_an_outage_and_gives_its_slot_back_when_its_subscriber_leaves() throws Exception {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        RawHttp across = RawHttp.stream("/events/stream?after=" + EventFeedEnd.now(), Tokens.auditor());
        assertThat(across.status()).isEqualTo(200);
        PROXY.cut();
        try {
            Api.as(Tokens.auditor()).get("/accounts/{id}", account).then().statusCode(503);
            Thread.sleep(1_000); // nothing tells when a poll (every 500 ms) meets the outage: two do meanwhile
        } finally {
            PROXY.restore();
        }
        awaitServed(account);
        String openedAfter = Fixtures.currentAccount(unit);
        assertThat(across.readUntilLineWith(openedAfter)).as("the account opened after the outage, on the same stream").isTrue();
        across.close();
        awaitNoStreamOpen();
    }

    private static void awaitServed(String account) throws InterruptedException {
        int status = 0;
        for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
            status = Api.as(Tokens.auditor()).get("/accounts/{id}", account).statusCode();
            if (status != 200) {
                Thread.sleep(200);
            }
        }
        assertThat(status).as("served again once the database is back").isEqualTo(200);
    }

    /** The service sees a subscriber's connection close a moment after it does. */
    private void awaitNoStreamOpen() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (streams.open() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(streams.open()).as("streams the instance still counts open").isZero();
    }

    /** A TCP proxy to the local PostgreSQL that can drop every connection and refuse new ones, then come back. */
    static final class Proxy {

        private final int port;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;

        private Proxy(int port) {
            this.port = port;
        }

        static Proxy start() {
            try {
                int port;
                try (ServerSocket probe = new ServerSocket(0)) {
                    port = probe.getLocalPort();
                }
                Proxy proxy = new Proxy(port);
                proxy.restore();
                return proxy;
            } catch (IOException failed) {
                throw new IllegalStateException(failed);
            }
        }

        int port() {
            return port;
        }

        synchronized void restore() throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            ServerSocket listening = server;
            Thread acceptor = new Thread(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket client = listening.accept();
                        Socket database = new Socket("127.0.0.1", 5432);
                        open.add(client);
                        open.add(database);
                        pipe(client, database);
                        pipe(database, client);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "outage-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        synchronized void cut() throws IOException {
            server.close();
            for (Socket socket : open) {
                socket.close();
            }
            open.clear();
        }

        private static void pipe(Socket from, Socket to) {
            Thread copier = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException ended) {
                    // the other side closed, or the proxy cut the line
                } finally {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "outage-proxy-pipe");
            copier.setDaemon(true);
            copier.start();
        }
    }
}
