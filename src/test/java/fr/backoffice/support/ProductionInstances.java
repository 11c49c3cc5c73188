package fr.backoffice.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Instances of the production build ({@code target/quarkus-app}, packaged before failsafe runs the {@code *IT}
 * classes) on a schema of their own of the local PostgreSQL, configured as a deployment would be, with tokens signed
 * by a key pair made for the run. The schema is dropped first, so each run starts from the migrations.
 */
public final class ProductionInstances implements AutoCloseable {

    private static final String ISSUER = "https://it.backoffice.local";
    private static final String DATABASE = "//127.0.0.1:5432/postgres";

    private final String schema;
    private final KeyPair keys;
    private final Path publicKey;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    public ProductionInstances(String schema) throws Exception {
        this.schema = schema;
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql:" + DATABASE, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        publicKey = Files.createTempFile("it-public", ".pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    }

    /**
     * The command line of one instance on {@code port}, every setting a deployment gives it but those the test adds:
     * rate limits it never reaches (the tests' load comes from one caller and one address). The JVM runs without its
     * optimising compiler and with one GC thread: an instance lives a minute at most beside two or three other JVMs
     * on two cores, where C2's compilations cost more than they give back (the three classes took 4 min 38 s of
     * their forks' time with production's JVM defaults, 3 min 07 s without, docs/testing.md "Integration tests").
     */
    public ProcessBuilder instance(int port) {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "target/quarkus-app/quarkus-run.jar");
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql:" + DATABASE + "?search_path=" + schema);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql:" + DATABASE + "?currentSchema=" + schema);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_FLYWAY_SCHEMAS", schema);
        env.put("QUARKUS_HIBERNATE_ORM_DATABASE_DEFAULT_SCHEMA", schema);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
        env.put("MP_JWT_VERIFY_ISSUER", ISSUER);
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        for (String budget : List.of("WRITES", "READS", "STREAM", "UNAUTHENTICATED")) {
            env.put("BACKOFFICE_RATE_LIMIT_" + budget + "_CAPACITY", "1000000");
        }
        return builder;
    }

    /** Starts one more instance with these settings added, waits until it is ready, and answers its log. */
    public Path start(Map<String, String> settings) throws Exception {
        int port = freePort();
        ProcessBuilder builder = instance(port);
        builder.environment().putAll(settings);
        File log = Files.createTempFile("it-instance-" + port, ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        processes.add(builder.start());
        ports.add(port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return log.toPath();
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("instance on port " + port + " did not start: " + Files.readString(log.toPath()));
    }

    /** The process of the {@code n}th instance started (from 0). */
    public Process process(int n) {
        return processes.get(n);
    }

    public int port(int n) {
        return ports.get(n);
    }

    /** How many were started, stopped ones included: the last one is {@code started() - 1}. */
    public int started() {
        return processes.size();
    }

    public String token(String sub, String role) {
        return Jwt.issuer(ISSUER).subject(sub).groups(role).expiresIn(3600).sign(keys.getPrivate());
    }

    /** A request to the {@code n}th instance with this token. */
    public RequestSpecification on(int n, String token) {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port(n)).contentType(ContentType.JSON)
                .auth().oauth2(token);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM to every instance still running, as a container runtime stops them. */
    @Override
    public void close() {
        processes.forEach(Process::destroy);
    }
}
