package fr.backoffice;

import fr.backoffice.support.ProductionInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the production build starts and stops: it refuses to start without a usable audit checkpoint key, and a
 * stopping instance ends its event streams with a last message. Its instances use their own schema
 * ({@code backoffice_it_stop}), so that it runs beside the other integration tests
 * (docs/testing.md "Integration tests").
 */
class StartAndStopIT {

    private static final String CHECKPOINT_KEY = Base64.getEncoder().encodeToString(
            "start-and-stop-it-audit-checkpoint-key".getBytes(StandardCharsets.US_ASCII));
    private static ProductionInstances instances;

    @BeforeAll
    static void schema() throws Exception {
        instances = new ProductionInstances("backoffice_it_stop");
    }

    @AfterAll
    static void stop() {
        instances.close();
    }

    @Test
    void the_production_build_does_not_start_without_a_usable_audit_checkpoint_key() throws Exception {
        // both started at once: each stops on its own
        RefusedStart none = RefusedStart.of(null);
        RefusedStart tooShort = RefusedStart.of(Base64.getEncoder().encodeToString(new byte[16]));
        assertThat(none.log()).contains("backoffice.audit.checkpoint-key");
        assertThat(tooShort.log()).contains("BACKOFFICE_AUDIT_CHECKPOINT_KEY").contains("at least 32");
    }

    /** An instance started with this key (none when null), expected to stop on its own, unready. */
    private record RefusedStart(Process process, File output) {

        static RefusedStart of(String key) throws Exception {
            ProcessBuilder builder = instances.instance(ProductionInstances.freePort());
            if (key != null) {
                builder.environment().put("BACKOFFICE_AUDIT_CHECKPOINT_KEY", key);
            }
            File output = Files.createTempFile("it-refused", ".log").toFile();
            return new RefusedStart(builder.redirectErrorStream(true).redirectOutput(output).start(), output);
        }

        /** What it wrote before it stopped. */
        String log() throws Exception {
            try {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped on its own").isTrue();
                assertThat(process.exitValue()).isNotZero();
                return Files.readString(output.toPath());
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void a_stopping_instance_ends_its_event_streams_with_a_last_message_and_logs_no_error() throws Exception {
        // a second of the shutdown delay (5 s in production): the streams end after it, whatever its length
        Path log = instances.start(Map.of("BACKOFFICE_AUDIT_CHECKPOINT_KEY", CHECKPOINT_KEY, "QUARKUS_SHUTDOWN_DELAY", "1s"));
        int instance = instances.started() - 1;
        String auditor = instances.token("it-stream", "auditor");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest stream = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instances.port(instance) + "/events/stream"))
                .header("Authorization", "Bearer " + auditor).build();
        // a subscriber that goes away
        HttpResponse<Stream<String>> gone = http.send(stream, HttpResponse.BodyHandlers.ofLines());
        assertThat(gone.statusCode()).isEqualTo(200);
        gone.body().close();

        HttpResponse<Stream<String>> open = http.send(stream, HttpResponse.BodyHandlers.ofLines());
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<List<String>> lines = reader.submit(() -> open.body().toList());
        instances.process(instance).destroy(); // SIGTERM, as a container runtime stops it
        List<String> received = lines.get(60, TimeUnit.SECONDS);
        reader.shutdown();
        assertThat(received).contains("event:stream.closing", "retry:1000");
        assertThat(instances.process(instance).waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(Files.readAllLines(log)).noneMatch(line -> line.contains(" ERROR "));
    }
}
