package fr.backoffice.common;

import fr.backoffice.support.SharedSettings;
import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing on, a request continues the caller's W3C trace (or starts one), and a problem answer names the trace, so
 * that a caller can quote it to the operator. (Spans go to a collector nobody runs here: exporting them fails quietly
 * in the background.)
 */
@QuarkusTest
@TestProfile(SharedSettings.class)
class TracingTest {

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Test
    void a_problem_names_the_trace_the_caller_started() {
        String traceId = hex(16);
        String problemTrace = Api.as(Tokens.admin()).header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .get("/units/{code}", "NOP-00").then().statusCode(404).extract().path("traceId");
        assertThat(problemTrace).isEqualTo(traceId);
    }

    @Test
    void without_a_traceparent_the_service_starts_a_trace_and_names_it() {
        String first = Api.as(Tokens.admin()).get("/units/{code}", "NOP-00").then().statusCode(404).extract().path("traceId");
        String second = Api.as(Tokens.admin()).get("/units/{code}", "NOP-00").then().statusCode(404).extract().path("traceId");
        assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second);
    }
}
