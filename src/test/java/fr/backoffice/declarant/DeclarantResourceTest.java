package fr.backoffice.declarant;

import fr.backoffice.filing.FilingApi;
import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static fr.backoffice.support.Json.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class DeclarantResourceTest {

    private static Map<String, Object> declarant(String siren) {
        return new HashMap<>(Map.of("name", "Boulangerie Martin SAS", "siren", siren, "vatRegime", "MONTHLY",
                "fiscalYearEnd", "12-31"));
    }

    @Test
    void an_admin_registers_a_declarant_and_its_vat_number_is_computed_from_the_siren() {
        String siren = FilingApi.newSiren();
        Map<String, Object> body = declarant(siren);
        body.put("liableFrom", "2024-01-01");
        String id = Api.as(Tokens.admin()).body(body).post("/declarants")
                .then().statusCode(201)
                .body(at("siren", equalTo(siren)))
                .body(at("vatNumber", equalTo(Siren.vatNumber(siren))))
                .body(at("vatRegime", equalTo("MONTHLY")))
                .body(at("fiscalYearEnd", equalTo("12-31")))
                .body(at("liableFrom", equalTo("2024-01-01")))
                .body(at("createdAt", notNullValue()))
                .extract().path("id");

        for (String token : new String[]{Tokens.frontOffice(), Tokens.agent("PAR-01"), Tokens.supervisor("LYO-02"),
                Tokens.auditor(), Tokens.admin()}) {
            Api.as(token).get("/declarants/{id}", id).then().statusCode(200).body(at("siren", equalTo(siren)));
        }
    }

    @Test
    void the_location_names_the_new_declarant() {
        var response = Api.as(Tokens.admin()).body(declarant(FilingApi.newSiren())).post("/declarants");
        response.then().statusCode(201);
        assertThat(response.header("Location")).endsWith("/declarants/" + response.path("id"));
    }

    @Test
    void a_given_vat_number_is_accepted_when_it_is_the_sirens() {
        String siren = FilingApi.newSiren();
        Map<String, Object> body = declarant(siren);
        body.put("vatNumber", Siren.vatNumber(siren));
        Api.as(Tokens.admin()).body(body).post("/declarants").then().statusCode(201)
                .body(at("vatNumber", equalTo(Siren.vatNumber(siren))))
                .body(at("liableFrom", nullValue()));
    }

    @Test
    void a_given_vat_number_with_a_wrong_key_or_for_another_siren_is_refused() {
        String siren = FilingApi.newSiren();
        String good = Siren.vatNumber(siren);
        String wrongKey = "FR" + String.format("%02d", (Integer.parseInt(good.substring(2, 4)) + 1) % 97) + siren;
        for (String vat : new String[]{wrongKey, Siren.vatNumber(FilingApi.newSiren())}) {
            Map<String, Object> body = declarant(siren);
            body.put("vatNumber", vat);
            Api.as(Tokens.admin()).body(body).post("/declarants").then().statusCode(400)
                    .body(at("code", equalTo("INVALID_VAT_NUMBER")))
                    .body(at("errors[0].field", equalTo("vatNumber")));
        }
        Api.as(Tokens.admin()).get("/declarants?siren=" + siren).then().statusCode(200).body(at("items", hasSize(0)));
    }

    @Test
    void a_siren_failing_the_luhn_check_is_refused() {
        String valid = FilingApi.newSiren();
        String broken = valid.substring(0, 8) + (char) ('0' + (valid.charAt(8) - '0' + 1) % 10);
        Api.as(Tokens.admin()).body(declarant(broken)).post("/declarants").then().statusCode(400)
                .body(at("code", equalTo("INVALID_SIREN")))
                .body(at("errors[0].field", equalTo("siren")));
        Api.invalidRequestAs(Tokens.admin()).body(declarant("12345678")).post("/declarants").then().statusCode(400)
                .body(at("code", equalTo("INVALID_SIREN")));
    }

    @Test
    void a_siren_already_registered_is_refused_with_declarant_exists() {
        String siren = FilingApi.newSiren();
        Api.as(Tokens.admin()).body(declarant(siren)).post("/declarants").then().statusCode(201);
        Api.as(Tokens.admin()).body(declarant(siren)).post("/declarants").then().statusCode(409)
                .body(at("code", equalTo("DECLARANT_EXISTS")));
    }

    @Test
    void a_fiscal_year_end_that_is_no_day_of_the_year_is_refused() {
        for (String end : new String[]{"02-30", "13-01", "00-12"}) {
            Map<String, Object> body = declarant(FilingApi.newSiren());
            body.put("fiscalYearEnd", end);
            Api.as(Tokens.admin()).body(body).post("/declarants").then().statusCode(400)
                    .body(at("code", equalTo("VALIDATION_FAILED")))
                    .body(at("errors[0].field", equalTo("fiscalYearEnd")));
        }
    }

    @Test
    void missing_fields_and_unknown_regimes_are_validation_problems() {
        Api.invalidRequestAs(Tokens.admin()).body(Map.of("siren", FilingApi.newSiren())).post("/declarants")
                .then().statusCode(400).body(at("code", equalTo("VALIDATION_FAILED")))
                .body(at("errors.field", hasItem("name"))).body(at("errors.field", hasItem("vatRegime")))
                .body(at("errors.field", hasItem("fiscalYearEnd")));
        Map<String, Object> body = declarant(FilingApi.newSiren());
        body.put("vatRegime", "YEARLY");
        Api.invalidRequestAs(Tokens.admin()).body(body).post("/declarants").then().statusCode(400)
                .body(at("code", equalTo("INVALID_JSON")));
        body = declarant(FilingApi.newSiren());
        body.put("liableFrom", "0001-01-01");
        Api.as(Tokens.admin()).body(body).post("/declarants").then().statusCode(400)
                .body(at("errors[0].field", equalTo("liableFrom")));
    }

    @Test
    void only_an_admin_registers_declarants() {
        for (String token : new String[]{Tokens.frontOffice(), Tokens.agent("PAR-01"), Tokens.supervisor("PAR-01"), Tokens.auditor()}) {
            Api.as(token).body(declarant(FilingApi.newSiren())).post("/declarants").then().statusCode(403)
                    .body(at("code", equalTo("FORBIDDEN")));
        }
    }

    @Test
    void declarants_are_listed_oldest_first_one_page_at_a_time_and_filtered_by_siren() {
        String first = FilingApi.monthlyDeclarant();
        String second = FilingApi.monthlyDeclarant();
        var page = Api.as(Tokens.auditor()).queryParam("limit", 200).get("/declarants").then().statusCode(200)
                .extract().jsonPath();
        var ids = page.getList("items.id", String.class);
        assertThat(ids).containsSubsequence(first, second);
        assertThat(ids).isSorted();

        var one = Api.as(Tokens.auditor()).queryParam("limit", 1).get("/declarants").then().statusCode(200)
                .body(at("items", hasSize(1))).body(at("nextCursor", notNullValue())).extract().jsonPath();
        Api.as(Tokens.auditor()).queryParam("limit", 1).queryParam("after", one.getString("nextCursor")).get("/declarants")
                .then().statusCode(200).body(at("items[0].id", equalTo(ids.get(1))));

        String siren = Api.as(Tokens.auditor()).get("/declarants/{id}", second).path("siren");
        Api.as(Tokens.frontOffice()).queryParam("siren", siren).get("/declarants").then().statusCode(200)
                .body(at("items", hasSize(1))).body(at("items[0].id", equalTo(second))).body(at("nextCursor", nullValue()));
        Api.invalidRequestAs(Tokens.frontOffice()).queryParam("siren", "123").get("/declarants").then().statusCode(400);
    }

    @Test
    void an_unknown_declarant_is_404_whatever_its_id_looks_like() {
        Api.as(Tokens.admin()).get("/declarants/{id}", "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70").then().statusCode(404)
                .body(at("code", equalTo("NOT_FOUND")));
        Api.as(Tokens.admin()).get("/declarants/{id}", "not-a-uuid").then().statusCode(404);
    }

    @Test
    void an_idempotent_retry_replays_the_registration() {
        Map<String, Object> body = declarant(FilingApi.newSiren());
        String key = "declarant-" + body.get("siren");
        String id = Api.as(Tokens.admin()).header("Idempotency-Key", key).body(body).post("/declarants")
                .then().statusCode(201).extract().path("id");
        Api.as(Tokens.admin()).header("Idempotency-Key", key).body(body).post("/declarants")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body(at("id", equalTo(id)));
    }
}
