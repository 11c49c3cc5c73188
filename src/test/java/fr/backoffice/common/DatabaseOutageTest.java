package fr.backoffice.common;

import fr.backoffice.support.Api;
import fr.backoffice.support.DatabaseProxy;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.SharedSettings;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The database goes away under the service (a restart, a network cut): requests are answered 503 with Retry-After,
 * never 500, and the service recovers by itself. The shared PostgreSQL is never touched: the service's requests go
 * through a small TCP proxy ({@link DatabaseProxy}, in the shared test profile) that the test cuts and restores.
 */
@QuarkusTest
@TestProfile(SharedSettings.class)
class DatabaseOutageTest {

    private static final DatabaseProxy PROXY = SharedSettings.DATABASE;

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

        int status = 0;
        for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
            status = Api.as(Tokens.auditor()).get("/accounts/{id}", account).statusCode();
            if (status != 200) {
                Thread.sleep(200);
            }
        }
        assertThat(status).as("served again once the database is back").isEqualTo(200);
    }
}
