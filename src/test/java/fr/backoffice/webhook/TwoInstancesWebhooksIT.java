package fr.backoffice.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks from two instances of the production build on one database (README "Webhooks"): each event is delivered
 * once, in order, whichever instance wrote it; an instance killed in the middle of a delivery leaves it to another,
 * which sends it again with the same webhook-id once the lease has passed. Its own schema ({@code backoffice_it_wh}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesWebhooksIT {

    private static final String SCHEMA = "backoffice_it_wh";
    private static final String ISSUER = "https://it.backoffice.local";
    private static final String DATABASE = "//127.0.0.1:5432/postgres";
    private static final List<Process> INSTANCES = new ArrayList<>();
    private static final List<Integer> PORTS = new ArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KeyPair keys;
    private static Path publicKey;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql:" + DATABASE, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        publicKey = Files.createTempFile("it-wh-public", ".pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        start();
        start();
    }

    @AfterAll
    static void stop() {
        INSTANCES.forEach(Process::destroy);
    }

    private static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", "target/quarkus-app/quarkus-run.jar");
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql:" + DATABASE + "?search_path=" + SCHEMA);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql:" + DATABASE + "?currentSchema=" + SCHEMA);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_FLYWAY_SCHEMAS", SCHEMA);
        env.put("QUARKUS_HIBERNATE_ORM_DATABASE_DEFAULT_SCHEMA", SCHEMA);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
        env.put("MP_JWT_VERIFY_ISSUER", ISSUER);
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        env.put("BACKOFFICE_AUDIT_CHECKPOINT_KEY", Base64.getEncoder().encodeToString(
                "two-instances-webhooks-it-checkpoint-key".getBytes(StandardCharsets.US_ASCII)));
        // the receivers listen on 127.0.0.1 over http
        env.put("BACKOFFICE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true");
        env.put("BACKOFFICE_WEBHOOKS_RETRY_SCHEDULE", "1s,1s,1s");
        env.put("BACKOFFICE_WEBHOOKS_POLL_EVERY", "200ms");
        env.put("BACKOFFICE_WEBHOOKS_TIMEOUT", "10s");
        File log = Files.createTempFile("it-wh-instance-" + port, ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        INSTANCES.add(builder.start());
        PORTS.add(port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("instance on port " + port + " did not start: " + Files.readString(log.toPath()));
    }

    private static String token(String sub, String role) {
        return Jwt.issuer(ISSUER).subject(sub).groups(role).expiresIn(3600).sign(keys.getPrivate());
    }

    private static RequestSpecification on(int instance, String token) {
        return RestAssured.given().baseUri("http://127.0.0.1").port(PORTS.get(instance)).contentType(ContentType.JSON)
                .auth().oauth2(token);
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
        INSTANCES.get(1).destroy();
        assertThat(INSTANCES.get(1).waitFor(30, TimeUnit.SECONDS)).isTrue();
        String admin = token("it-wh-admin", "admin");
        String front = token("it-wh-front-2", "front-office");
        try (Receiver receiver = Receiver.start()) {
            String endpoint = on(0, front).body(Map.of("url", receiver.url(), "eventTypes", List.of("unit.created")))
                    .post("/webhook-endpoints").then().statusCode(201).extract().path("id");
            receiver.hold();
            on(0, admin).body(Map.of("code", "WHK-01", "name", "Killed", "region", "Test")).post("/units").then().statusCode(201);
            WebhookDeliveryTest.await("the attempt under way", Duration.ofSeconds(20), () -> receiver.received().size() == 1);
            INSTANCES.get(0).destroyForcibly(); // SIGKILL in the middle of the attempt: nothing is recorded
            assertThat(INSTANCES.get(0).waitFor(30, TimeUnit.SECONDS)).isTrue();
            receiver.answer();

            start();
            int survivor = PORTS.size() - 1;
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
