package fr.backoffice.common.security;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** What a token must be beyond its signature: for this audience, not issued in the future, and naming its caller in {@code sub}. */
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

    @Test
    void a_verified_token_without_a_usable_sub_is_401_whatever_names_it_carries() {
        String unit = Fixtures.unit();
        List<String> withoutSub = List.of(
                Jwt.claims().preferredUserName("front-1").groups(Set.of(Roles.FRONT_OFFICE)).sign(),
                Jwt.claims().upn("front-1@bank.example").groups(Set.of(Roles.FRONT_OFFICE)).sign(),
                Jwt.subject("").preferredUserName("front-1").groups(Set.of(Roles.FRONT_OFFICE)).sign(),
                Jwt.subject("   ").groups(Set.of(Roles.FRONT_OFFICE)).sign(),
                // OpenID Connect: a sub is at most 255 ASCII characters; the columns naming callers hold 255
                Jwt.subject("f".repeat(256)).groups(Set.of(Roles.FRONT_OFFICE)).sign(),
                Jwt.subject("front\u0000one").groups(Set.of(Roles.FRONT_OFFICE)).sign(),
                Jwt.subject("front\none").groups(Set.of(Roles.FRONT_OFFICE)).sign());
        for (String token : withoutSub) {
            assertUnauthenticated(Api.invalidRequestAs(token).get("/units"));
            assertUnauthenticated(Api.invalidRequestAs(token).body(Map.of(
                    "holder", Map.of("name", "Nobody", "customerId", "C-NOSUB"),
                    "type", "CURRENT", "currency", "EUR", "unit", unit)).post("/accounts"));
        }
        Api.as(Tokens.admin()).queryParam("customerId", "C-NOSUB").get("/accounts").then().statusCode(200)
                .body(at("items.size()", org.hamcrest.Matchers.equalTo(0)));

        // the longest sub OpenID Connect allows is a caller like any other
        Api.as(Jwt.subject("f".repeat(255)).groups(Set.of(Roles.ADMIN)).sign()).get("/units").then().statusCode(200);
    }

    @Test
    void a_token_accepted_once_is_accepted_again_and_one_altered_after_it_is_still_401() {
        String token = Jwt.subject("admin-twice").groups(Set.of(Roles.ADMIN)).sign();
        Api.as(token).get("/units").then().statusCode(200);
        Api.as(token).get("/units").then().statusCode(200);
        String[] parts = token.split("\\.");
        String otherSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertUnauthenticated(Api.invalidRequestAs(otherSignature).get("/units"));
        String otherClaims = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertUnauthenticated(Api.invalidRequestAs(otherClaims).get("/units"));
    }
}
