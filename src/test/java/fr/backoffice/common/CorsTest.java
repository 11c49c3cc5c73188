package fr.backoffice.common;

import fr.backoffice.support.SharedSettings;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Browsers may call the API from the front-office origins configured (BACKOFFICE_CORS_ORIGINS) and from no other:
 * a listed origin gets its preflight answered and sees the headers a front office reads; another is refused.
 */
@QuarkusTest
@TestProfile(SharedSettings.class)
class CorsTest {

    private static final String FRONT = SharedSettings.FRONT_OFFICE_ORIGIN;

    @Test
    void a_listed_origin_gets_its_preflight_answered_and_reads_the_exposed_headers() {
        RestAssured.given().header("Origin", FRONT).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/operations")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(FRONT))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
        RestAssured.given().header("Origin", FRONT).auth().oauth2(Tokens.auditor()).get("/units")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(FRONT))
                .header("Access-Control-Expose-Headers", containsString("RateLimit"));
    }

    @Test
    void another_origin_is_refused() {
        RestAssured.given().header("Origin", "https://evil.example").auth().oauth2(Tokens.auditor()).get("/units")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
