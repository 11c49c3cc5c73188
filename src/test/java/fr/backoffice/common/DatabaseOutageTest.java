package fr.backoffice.common;

import fr.backoffice.common.http.OpenStreams;
import fr.backoffice.support.Api;
import fr.backoffice.support.DatabaseProxy;
import fr.backoffice.support.EventFeedEnd;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.OpenStreamCount;
import fr.backoffice.support.RawHttp;
import fr.backoffice.support.SharedSettings;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static fr.backoffice.support.Json.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The database goes away under the service (a restart, a network cut): requests are answered 503 with Retry-After,
 * never 500, and the service recovers by itself. The shared PostgreSQL is never touched: the service's requests go
 * through a small TCP proxy ({@link DatabaseProxy}, in the shared test profile) that the test cuts and restores. An
 * open event stream waits through the outage and goes on.
 */
@QuarkusTest
@TestProfile(SharedSettings.class)
class DatabaseOutageTest {

    private static final DatabaseProxy PROXY = SharedSettings.DATABASE;

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
                        .header("Retry-After", "1").body(at("code", equalTo("SERVICE_UNAVAILABLE")));
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
        OpenStreamCount.awaitNone(streams);
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
}
