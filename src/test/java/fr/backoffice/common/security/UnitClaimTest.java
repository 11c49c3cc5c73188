package fr.backoffice.common.security;

import fr.backoffice.support.Contract;
import fr.backoffice.support.Api;
import fr.backoffice.support.Endpoints;
import fr.backoffice.support.Endpoints.Endpoint;
import fr.backoffice.support.Endpoints.Target;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A token with a unit-confined role ({@code agent}, {@code supervisor}) must name its unit: without a unit code in
 * the {@code unit} claim (missing, empty, a list, a number, not a unit code) every request is refused at the door
 * with 403 {@code UNIT_CLAIM_REQUIRED}, whatever other roles the token carries, and nothing of any unit is seen.
 */
@QuarkusTest
class UnitClaimTest {

    /** Every endpoint touching a unit's objects, the plain lists, and the endpoints of everything else. */
    private static List<Endpoint> everyEndpoint() {
        List<Endpoint> all = new ArrayList<>(Endpoints.UNIT_SCOPED);
        all.addAll(List.of(
                new Endpoint("GET /accounts", Endpoints.Kind.LIST, null, (r, t) -> r.get("/accounts")),
                new Endpoint("GET /operations", Endpoints.Kind.LIST, null, (r, t) -> r.get("/operations")),
                new Endpoint("GET /operations?status=", Endpoints.Kind.LIST, null,
                        (r, t) -> r.queryParam("status", "CANCELLED").get("/operations")),
                new Endpoint("GET /units", Endpoints.Kind.LIST, null, (r, t) -> r.get("/units")),
                new Endpoint("GET /units/{code}", Endpoints.Kind.READ, null, (r, t) -> r.get("/units/{code}", t.unit())),
                new Endpoint("POST /units", Endpoints.Kind.ACTION, null,
                        (r, t) -> r.body(Map.of("code", Fixtures.newUnitCode(), "name", "N", "region", "R")).post("/units")),
                new Endpoint("POST /accounts", Endpoints.Kind.ACTION, null, (r, t) -> r.body(Map.of(
                        "holder", Map.of("name", "Unitless", "customerId", "C-UNITLESS"),
                        "type", "CURRENT", "currency", "EUR", "unit", t.unit())).post("/accounts")),
                new Endpoint("GET /ledger/trial-balance", Endpoints.Kind.READ, null, (r, t) -> r.get("/ledger/trial-balance")),
                new Endpoint("GET /declarants", Endpoints.Kind.LIST, null, (r, t) -> r.get("/declarants")),
                new Endpoint("GET /filings", Endpoints.Kind.LIST, null, (r, t) -> r.get("/filings")),
                new Endpoint("GET /events", Endpoints.Kind.LIST, null, (r, t) -> r.get("/events")),
                new Endpoint("GET /audit", Endpoints.Kind.LIST, null, (r, t) -> r.get("/audit"))));
        return all;
    }

    /** The claims that name no unit (each tried with another of the role sets below); null is a token without the claim. */
    private static final List<Object> NOT_A_UNIT = Arrays.asList(null, "", List.of("PAR-01"), 42, "par-01", " PAR-01");

    @Test
    void a_token_with_agent_or_supervisor_and_no_unit_code_is_refused_everywhere() {
        Target target = Endpoints.target(Fixtures.unit());
        JsonPath before = state(target);
        List<String[]> roleSets = List.of(new String[]{Roles.AGENT}, new String[]{Roles.SUPERVISOR},
                new String[]{Roles.AGENT, Roles.AUDITOR}, new String[]{Roles.SUPERVISOR, Roles.FRONT_OFFICE},
                new String[]{Roles.SUPERVISOR, Roles.ADMIN});
        int cases = 0;
        for (int i = 0; i < NOT_A_UNIT.size(); i++) {
            Object claim = NOT_A_UNIT.get(i);
            String[] roles = roleSets.get(i % roleSets.size());
            String token = Tokens.withUnitClaim("unitless-" + String.join("+", roles), claim, roles);
            for (Endpoint endpoint : everyEndpoint()) {
                // the contract check of every answer is done once per endpoint below; here only the problem
                var response = endpoint.call(RestAssured.given().contentType(ContentType.JSON).auth().oauth2(token), target);
                assertThat(response.statusCode() + " " + response.asString())
                        .as("%s with %s and unit %s", endpoint, Arrays.toString(roles), claim)
                        .startsWith("403 ").contains("\"code\":\"UNIT_CLAIM_REQUIRED\"");
                assertProblem(response, 403, "UNIT_CLAIM_REQUIRED");
                cases++;
            }
        }
        String agent = Tokens.withUnitClaim("unitless-agent", null, Roles.AGENT);
        for (Endpoint endpoint : everyEndpoint()) {
            assertProblem(endpoint.call(Api.invalidRequestAs(agent), target), 403, "UNIT_CLAIM_REQUIRED");
        }
        assertThat(cases).isEqualTo(NOT_A_UNIT.size() * everyEndpoint().size());
        assertThat(state(target).prettify()).isEqualTo(before.prettify());
    }

    @Test
    void a_token_without_agent_or_supervisor_needs_no_unit() {
        String unit = Fixtures.unit();
        for (String role : List.of(Roles.FRONT_OFFICE, Roles.AUDITOR, Roles.ADMIN)) {
            for (Object claim : NOT_A_UNIT) {
                Api.as(Tokens.withUnitClaim("no-unit-" + role, claim, role)).queryParam("unit", unit).get("/accounts")
                        .then().statusCode(200);
            }
        }
    }

    @Test
    void the_unit_claim_is_documented_among_the_shared_403_answers() {
        org.assertj.core.api.Assertions.assertThat(Contract.served().at("/paths/~1operations/get/responses/403/description")
                .asText()).contains("UNIT_CLAIM_REQUIRED");
    }

    /** What the target's objects look like to an admin: nothing in them may change. */
    private static JsonPath state(Target target) {
        var admin = Tokens.admin();
        return new JsonPath("{\"account\":" + Api.as(admin).get("/accounts/{id}", target.account()).then().statusCode(200)
                .extract().asString() + ",\"operation\":" + Api.as(admin).get("/operations/{id}", target.operation()).then()
                .statusCode(200).extract().asString() + ",\"accounts\":" + Api.as(admin).queryParam("unit", target.unit())
                .get("/accounts").then().statusCode(200).extract().asString() + "}");
    }
}
