package fr.backoffice.unit;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static fr.backoffice.support.Json.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class UnitResourceTest {

    @Test
    void admin_creates_a_unit_and_everyone_can_read_it() {
        String code = Fixtures.newUnitCode();
        Api.as(Tokens.admin())
                .body(Map.of("code", code, "name", "Lyon Part-Dieu", "region", "Auvergne-Rhône-Alpes"))
                .post("/units")
                .then().statusCode(201)
                .header("Location", endsWith("/units/" + code))
                .body(at("code", equalTo(code)))
                .body(at("name", equalTo("Lyon Part-Dieu")))
                .body(at("region", equalTo("Auvergne-Rhône-Alpes")))
                .body(at("createdAt", notNullValue()));

        for (String token : new String[]{Tokens.frontOffice(), Tokens.agent(code), Tokens.supervisor("ZZZ-99"), Tokens.auditor(), Tokens.admin()}) {
            Api.as(token).get("/units/{code}", code).then().statusCode(200).body(at("name", equalTo("Lyon Part-Dieu")));
        }
    }

    @Test
    void a_duplicate_code_is_refused_with_unit_exists() {
        String code = Fixtures.unit();
        Api.as(Tokens.admin())
                .body(Map.of("code", code, "name", "Again", "region", "Again"))
                .post("/units")
                .then().statusCode(409).body(at("code", equalTo("UNIT_EXISTS")));
    }

    @Test
    void only_an_admin_creates_units() {
        for (String token : new String[]{Tokens.frontOffice(), Tokens.agent("PAR-01"), Tokens.supervisor("PAR-01"), Tokens.auditor()}) {
            Api.as(token)
                    .body(Map.of("code", Fixtures.newUnitCode(), "name", "N", "region", "R"))
                    .post("/units")
                    .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
        }
    }

    @Test
    void a_malformed_code_is_a_validation_problem_naming_the_field() {
        Api.invalidRequestAs(Tokens.admin())
                .body(Map.of("code", "paris-1", "name", "", "region", "R"))
                .post("/units")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body(at("code", equalTo("VALIDATION_FAILED")))
                .body(at("errors.field", hasItem("code")))
                .body(at("errors.field", hasItem("name")));
    }

    @Test
    void an_unknown_unit_is_404() {
        Api.as(Tokens.admin()).get("/units/{code}", "NOP-00").then().statusCode(404).body(at("code", equalTo("NOT_FOUND")));
    }

    @Test
    void units_are_listed_by_code_one_page_at_a_time() {
        List<String> created = List.of(Fixtures.unit(), Fixtures.unit(), Fixtures.unit());
        var first = Api.as(Tokens.auditor()).queryParam("limit", 2).get("/units")
                .then().statusCode(200).body(at("items", hasSize(2))).body(at("nextCursor", notNullValue()))
                .extract().jsonPath();
        List<String> codes = new ArrayList<>(first.getList("items.code", String.class));
        String cursor = first.getString("nextCursor");
        while (cursor != null) { // other test classes create units too: read on to the last page
            var page = Api.as(Tokens.auditor()).queryParam("limit", 200).queryParam("after", cursor)
                    .get("/units").then().statusCode(200).extract().jsonPath();
            codes.addAll(page.getList("items.code", String.class));
            cursor = page.getString("nextCursor");
        }
        assertThat(codes).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates().containsAll(created);
    }

    @Test
    void a_limit_out_of_range_is_400() {
        Api.invalidRequestAs(Tokens.admin()).queryParam("limit", 201).get("/units")
                .then().statusCode(400).body(at("errors[0].field", equalTo("limit")));
        Api.invalidRequestAs(Tokens.admin()).queryParam("limit", "ten").get("/units")
                .then().statusCode(400).body(at("errors[0].field", equalTo("limit")));
        Api.invalidRequestAs(Tokens.admin()).queryParam("after", "%%%").get("/units")
                .then().statusCode(400).body(at("errors[0].field", equalTo("after")));
    }

    @Test
    void the_same_idempotency_key_replays_the_creation() {
        String code = Fixtures.newUnitCode();
        Map<String, String> body = Map.of("code", code, "name", "Nantes", "region", "Pays de la Loire");
        Api.as(Tokens.admin()).header("Idempotency-Key", "unit-" + code).body(body).post("/units")
                .then().statusCode(201);
        Api.as(Tokens.admin()).header("Idempotency-Key", "unit-" + code).body(body).post("/units")
                .then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/units/" + code))
                .body(at("code", equalTo(code)));
        Api.as(Tokens.admin()).header("Idempotency-Key", "unit-" + code)
                .body(Map.of("code", code, "name", "Other", "region", "Pays de la Loire")).post("/units")
                .then().statusCode(422).body(at("code", equalTo("IDEMPOTENCY_KEY_REUSED")));
    }

    @Test
    void reading_needs_a_valid_token() {
        Api.anonymous().get("/units").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .body(at("code", equalTo("UNAUTHENTICATED")));
    }
}
