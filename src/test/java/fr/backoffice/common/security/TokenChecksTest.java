package fr.backoffice.common.security;

import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** What a token must be beyond its signature: for this audience, and not issued in the future. */
@QuarkusTest
class TokenChecksTest {

    private static void assertUnauthenticated(Response response) {
        assertProblem(response, 401, "UNAUTHENTICATED");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void a_token_for_another_audience_is_401() {
        String elsewhere = Jwt.subject("admin-elsewhere").groups(Set.of(Roles.ADMIN))
                .audience("https://other-service.example").sign();
        assertUnauthenticated(Api.invalidRequestAs(elsewhere).get("/units"));
        String both = Jwt.subject("admin-both").groups(Set.of(Roles.ADMIN))
                .audience(Set.of("https://other-service.example", "https://test.backoffice.local/api")).sign();
        Api.as(both).get("/units").then().statusCode(200);
        Api.as(Tokens.admin()).get("/units").then().statusCode(200);
    }

    @Test
    void a_token_issued_in_the_future_beyond_the_clock_skew_is_401() {
        Instant now = Instant.now();
        String tomorrow = Jwt.subject("admin-early").groups(Set.of(Roles.ADMIN))
                .issuedAt(now.plusSeconds(86_400)).expiresAt(now.plusSeconds(90_000)).sign();
        assertUnauthenticated(Api.invalidRequestAs(tomorrow).get("/units"));
        String inTwoMinutes = Jwt.subject("admin-early").groups(Set.of(Roles.ADMIN))
                .issuedAt(now.plusSeconds(120)).expiresAt(now.plusSeconds(3_600)).sign();
        assertUnauthenticated(Api.invalidRequestAs(inTwoMinutes).get("/units"));

        // a clock a little ahead of ours is tolerated
        String slightlyAhead = Jwt.subject("admin-ahead").groups(Set.of(Roles.ADMIN))
                .issuedAt(now.plusSeconds(20)).expiresAt(now.plusSeconds(3_600)).sign();
        Api.as(slightlyAhead).get("/units").then().statusCode(200);
    }
}
