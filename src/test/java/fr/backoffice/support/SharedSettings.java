package fr.backoffice.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The one test profile of the tests that need settings the default test profile lacks, where those settings do not
 * disturb each other's tests: one Quarkus build and start for all of them instead of one each (docs/testing.md
 * "Test profiles"). Each line names the test that needs it; a setting that would change what another test of this
 * profile sees gets a profile of its own.
 */
public class SharedSettings implements QuarkusTestProfile {

    /** The only front-office origin browsers may call from (CorsTest). */
    public static final String FRONT_OFFICE_ORIGIN = "https://front.bank.example";

    /** What the service's requests (the reactive pool) reach the database through; migrations (JDBC) go straight. */
    public static final DatabaseProxy DATABASE = DatabaseProxy.start();

    @Override
    public Map<String, String> getConfigOverrides() {
        // read before Quarkus starts with this profile: the variable application.properties reads for test.schema
        String schema = System.getenv().getOrDefault("BACKOFFICE_TEST_SCHEMA", "backoffice_test");
        return Map.of(
                "quarkus.datasource.reactive.url", // DatabaseOutageTest cuts it
                "postgresql://127.0.0.1:" + DATABASE.port() + "/postgres?search_path=" + schema,
                "backoffice.cors.origins", FRONT_OFFICE_ORIGIN, // CorsTest
                "quarkus.otel.sdk.disabled", "false", // TracingTest: spans, exported nowhere
                "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:4317",
                "backoffice.event-stream.max-per-caller", "2", // EventStreamLimitsTest
                "backoffice.event-stream.max-per-instance", "3",
                "backoffice.webhooks.allow-private-networks", "false"); // WebhookPrivateNetworksTest: production's rule
    }
}
