package fr.backoffice.account;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.iban4j.CountryCode;
import org.iban4j.IbanUtil;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Accounts through HTTP, each request and response checked against the OpenAPI document. */
@QuarkusTest
class AccountResourceTest {

    private static final String BANK_CODE = "12548";

    /** A request body for {@code POST /accounts}, mutable so a test can add or break one field. */
    static Map<String, Object> newAccount(String unit, String type, String currency) {
        Map<String, Object> body = new HashMap<>();
        body.put("holder", Map.of("name", "Camille Martin", "customerId", Fixtures.newCustomerId()));
        body.put("type", type);
        body.put("currency", currency);
        body.put("unit", unit);
        return body;
    }

    /** Opens an account, checking what every opening answers: 201, the new account's Location and its first ETag. */
    static JsonPath open(String token, Map<String, Object> body) {
        Response response = Api.as(token).body(body).post("/accounts");
        response.then().statusCode(201).header("ETag", "\"0\"").body(at("version", equalTo(0))).body(at("status", equalTo("ACTIVE")));
        assertThat(response.header("Location")).endsWith("/accounts/" + response.jsonPath().getString("id"));
        return response.jsonPath();
    }

    static String etag(String id) {
        return Api.as(Tokens.admin()).get("/accounts/{id}", id).then().statusCode(200).extract().header("ETag");
    }

    @Nested
    class Opening {

        @Test
        void a_front_office_opens_a_current_account_with_a_generated_french_iban() {
            String unit = Fixtures.unit();
            Map<String, Object> body = newAccount(unit, "CURRENT", "EUR");
            // the most an opening grants (backoffice.accounts.default-overdraft-limit, 0.00 here as by default)
            body.put("overdraftLimit", "0.00");

            Response response = Api.as(Tokens.frontOffice()).body(body).post("/accounts");
            response.then().statusCode(201)
                    .header("ETag", "\"0\"")
                    .body(at("holder.name", equalTo("Camille Martin")))
                    .body(at("type", equalTo("CURRENT")))
                    .body(at("currency", equalTo("EUR")))
                    .body(at("unit", equalTo(unit)))
                    .body(at("status", equalTo("ACTIVE")))
                    .body(at("ledgerBalance", equalTo("0.00")))
                    .body(at("heldAmount", equalTo("0.00")))
                    .body(at("availableBalance", equalTo("0.00")))
                    .body(at("overdraftLimit", equalTo("0.00")))
                    .body(at("openedAt", notNullValue()))
                    .body(at("closedAt", nullValue()))
                    .body(at("lastStatusChange", nullValue()))
                    .body(at("version", equalTo(0)));
            String id = response.jsonPath().getString("id");
            assertThat(response.header("Location")).endsWith("/accounts/" + id);

            String iban = response.jsonPath().getString("iban");
            assertThat(iban).startsWith("FR76").hasSize(27);
            assertThat(iban.substring(4, 9)).as("bank code").isEqualTo(BANK_CODE);
            assertThatCode(() -> Iban.parse(iban)).doesNotThrowAnyException();

            Api.as(Tokens.frontOffice()).get(response.header("Location").replaceFirst("^https?://[^/]+", ""))
                    .then().statusCode(200).body(at("id", equalTo(id))).body(at("iban", equalTo(iban)));
        }

        @Test
        void accounts_of_one_unit_share_its_branch_code_and_never_an_iban() {
            String unit = Fixtures.unit();
            String first = open(Tokens.frontOffice(), newAccount(unit, "CURRENT", "EUR")).getString("iban");
            String second = open(Tokens.frontOffice(), newAccount(unit, "SAVINGS", "EUR")).getString("iban");
            String elsewhere = open(Tokens.frontOffice(), newAccount(Fixtures.unit(), "CURRENT", "EUR")).getString("iban");

            assertThat(second).isNotEqualTo(first);
            assertThat(second.substring(9, 14)).as("branch code").isEqualTo(first.substring(9, 14));
            assertThat(elsewhere.substring(9, 14)).as("another unit's branch code").isNotEqualTo(first.substring(9, 14));
            for (String iban : List.of(first, second, elsewhere)) {
                assertThatCode(() -> Iban.parse(iban)).doesNotThrowAnyException();
            }
        }

        @Test
        void a_savings_account_opens_without_an_overdraft() {
            String unit = Fixtures.unit();
            open(Tokens.frontOffice(), newAccount(unit, "SAVINGS", "EUR"));
            Map<String, Object> body = newAccount(unit, "SAVINGS", "EUR");
            body.put("overdraftLimit", "0.00");
            JsonPath savings = open(Tokens.frontOffice(), body);
            assertThat(savings.getString("type")).isEqualTo("SAVINGS");
            assertThat(savings.getString("overdraftLimit")).isEqualTo("0.00");
        }

        @Test
        void an_admin_opens_an_internal_account_which_has_no_overdraft_limit() {
            JsonPath internal = open(Tokens.admin(), newAccount(Fixtures.unit(), "INTERNAL", "EUR"));
            assertThat(internal.getString("type")).isEqualTo("INTERNAL");
            assertThat(internal.getString("overdraftLimit")).as("unlimited").isNull();
            assertThat(internal.getString("iban")).startsWith("FR76");
        }

        @Test
        void an_admin_also_opens_customer_accounts() {
            open(Tokens.admin(), newAccount(Fixtures.unit(), "CURRENT", "EUR"));
        }

        @Test
        void no_opening_grants_a_credit_line_above_the_default_a_supervisor_raises_it_once_open() {
            String unit = Fixtures.unit();
            for (String token : List.of(Tokens.frontOffice(), Tokens.admin())) {
                for (String limit : List.of("999999999999999.00", "0.01")) {
                    Map<String, Object> body = newAccount(unit, "CURRENT", "EUR");
                    body.put("overdraftLimit", limit);
                    JsonPath problem = assertProblem(Api.as(token).body(body).post("/accounts"), 403, "OVERDRAFT_NEEDS_SUPERVISOR");
                    assertThat(problem.getString("detail")).contains("0.00 EUR").contains("PATCH /accounts/{id}");
                    assertThat(problem.getList("errors.field")).containsExactly("overdraftLimit");
                    @SuppressWarnings("unchecked")
                    String customer = ((Map<String, String>) body.get("holder")).get("customerId");
                    Api.as(Tokens.auditor()).queryParam("customerId", customer).get("/accounts").then().statusCode(200)
                            .body(at("items", empty()));
                }
            }
            // at the default, or without a limit (which opens at the default), the account opens
            Map<String, Object> atDefault = newAccount(unit, "CURRENT", "EUR");
            atDefault.put("overdraftLimit", "0.00");
            open(Tokens.frontOffice(), atDefault);
            JsonPath opened = open(Tokens.admin(), newAccount(unit, "CURRENT", "EUR"));
            assertThat(opened.getString("overdraftLimit")).isEqualTo("0.00");
            // the credit line is a supervisor's decision, on the open account
            Api.as(Tokens.supervisor(unit)).header("If-Match", "\"0\"").body(Map.of("overdraftLimit", "500.00"))
                    .patch("/accounts/{id}", opened.getString("id")).then().statusCode(200)
                    .body(at("overdraftLimit", equalTo("500.00")));
        }

        @Test
        void the_front_office_cannot_open_an_unlimited_credit_line_and_move_it_out_straight_through() {
            // the finding: opened with 999999999999999.00, then 3 x 1000.00 to an external IBAN executed, balance -3000.00
            String unit = Fixtures.unit();
            Map<String, Object> body = newAccount(unit, "CURRENT", "EUR");
            body.put("overdraftLimit", "999999999999999.00");
            assertProblem(Api.as(Tokens.frontOffice()).body(body).post("/accounts"), 403, "OVERDRAFT_NEEDS_SUPERVISOR");
            body.remove("overdraftLimit");
            String id = open(Tokens.frontOffice(), body).getString("id");
            for (int i = 0; i < 3; i++) {
                assertProblem(Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(fr.backoffice.support.Ledgers.externalTransfer(id, "1000.00")).post("/operations"),
                        422, "INSUFFICIENT_FUNDS");
            }
            Api.as(Tokens.auditor()).get("/accounts/{id}", id).then().statusCode(200)
                    .body(at("ledgerBalance", equalTo("0.00"))).body(at("heldAmount", equalTo("0.00")));
        }

        @Test
        void a_yen_account_has_no_decimals() {
            String unit = Fixtures.unit();
            JsonPath yen = open(Tokens.frontOffice(), newAccount(unit, "CURRENT", "JPY"));
            assertThat(yen.getString("ledgerBalance")).isEqualTo("0");
            assertThat(yen.getString("availableBalance")).isEqualTo("0");
            assertThat(yen.getString("overdraftLimit")).isEqualTo("0");
            // a credit line beyond the default is a supervisor's (docs/security.md "Security rules")
            Api.as(Tokens.supervisor(unit)).header("If-Match", "\"0\"").body(Map.of("overdraftLimit", "100000"))
                    .patch("/accounts/{id}", yen.getString("id")).then().statusCode(200)
                    .body(at("overdraftLimit", equalTo("100000")));

            Map<String, Object> withCents = newAccount(Fixtures.unit(), "CURRENT", "JPY");
            withCents.put("overdraftLimit", "100.5");
            Api.as(Tokens.frontOffice()).body(withCents).post("/accounts")
                    .then().statusCode(400).body(at("errors.field", hasItem("overdraftLimit")));
        }

        @Test
        void a_dinar_account_counts_in_thousandths() {
            String unit = Fixtures.unit();
            Map<String, Object> body = newAccount(unit, "CURRENT", "TND");
            body.put("overdraftLimit", "0.000");
            JsonPath dinar = open(Tokens.frontOffice(), body);
            assertThat(dinar.getString("ledgerBalance")).isEqualTo("0.000");
            assertThat(dinar.getString("overdraftLimit")).isEqualTo("0.000");
            Api.as(Tokens.supervisor(unit)).header("If-Match", "\"0\"").body(Map.of("overdraftLimit", "1.234"))
                    .patch("/accounts/{id}", dinar.getString("id")).then().statusCode(200)
                    .body(at("overdraftLimit", equalTo("1.234")));
        }

        @Test
        void an_amount_is_kept_exactly_as_given() {
            String unit = Fixtures.unit();
            String id = open(Tokens.frontOffice(), newAccount(unit, "CURRENT", "EUR")).getString("id");
            Api.as(Tokens.supervisor(unit)).header("If-Match", "\"0\"").body(Map.of("overdraftLimit", "999999999999999.99"))
                    .patch("/accounts/{id}", id).then().statusCode(200);
            Api.as(Tokens.auditor()).get("/accounts/{id}", id)
                    .then().statusCode(200).body(at("overdraftLimit", equalTo("999999999999999.99")));
        }

        @Test
        void real_world_ibans_from_several_countries_are_registered() {
            // The published examples of each country's IBAN format; no other test may use them.
            String unit = Fixtures.unit();
            for (String iban : List.of("DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
                    "NL91ABNA0417164300", "BE68539007547034", "ES9121000418450200051332", "IT60X0542811101000000123456",
                    "CH9300762011623852957")) {
                Map<String, Object> body = newAccount(unit, "CURRENT", "EUR");
                body.put("iban", iban);
                Api.as(Tokens.frontOffice()).body(body).post("/accounts")
                        .then().statusCode(201).body(at("iban", equalTo(iban)));
            }
        }

        @Test
        void a_given_iban_in_printed_form_is_stored_in_electronic_form() {
            org.iban4j.Iban iban = org.iban4j.Iban.random(CountryCode.NL);
            Map<String, Object> body = newAccount(Fixtures.unit(), "CURRENT", "EUR");
            body.put("iban", iban.toFormattedString().toLowerCase(Locale.ROOT));
            assertThat(open(Tokens.frontOffice(), body).getString("iban")).isEqualTo(iban.toString());
        }

        @Test
        void an_iban_already_held_is_refused_with_iban_exists() {
            org.iban4j.Iban iban = org.iban4j.Iban.random(CountryCode.DE);
            String unit = Fixtures.unit();
            Map<String, Object> first = newAccount(unit, "CURRENT", "EUR");
            first.put("iban", iban.toString());
            open(Tokens.frontOffice(), first);

            for (String again : List.of(iban.toString(), iban.toFormattedString())) {
                Map<String, Object> duplicate = newAccount(unit, "SAVINGS", "EUR");
                duplicate.put("iban", again);
                Api.as(Tokens.frontOffice()).body(duplicate).post("/accounts")
                        .then().statusCode(409).body(at("code", equalTo("IBAN_EXISTS")));
            }
        }

        @Test
        void a_corrupted_iban_is_refused_with_invalid_iban() {
            String frenchBban = "20041010050500013M026";
            String wrongRibKey = "FR" + IbanUtil.calculateCheckDigit("FR00" + frenchBban + "07") + frenchBban + "07";
            for (String corrupted : List.of(
                    "DE89370400440532013001",      // one digit changed
                    "DE89370400440523013000",      // two digits swapped
                    "GB82WEST12345698765423",      // two digits swapped
                    "DE8937040044053201300",       // one digit short for Germany
                    "XX89370400440532013000",      // no such country
                    "DE89 3704 0044 0532 0130 0!", // not an IBAN character
                    wrongRibKey)) {                // mod-97 right, French RIB key wrong
                Map<String, Object> body = newAccount(Fixtures.unit(), "CURRENT", "EUR");
                body.put("iban", corrupted);
                Api.as(Tokens.frontOffice()).body(body).post("/accounts")
                        .then().statusCode(400)
                        .body(at("code", equalTo("INVALID_IBAN")))
                        .body(at("errors[0].field", equalTo("iban")));
            }
        }

        @Test
        void only_an_admin_opens_internal_accounts() {
            Api.as(Tokens.frontOffice()).body(newAccount(Fixtures.unit(), "INTERNAL", "EUR")).post("/accounts")
                    .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
        }

        @Test
        void agents_supervisors_and_auditors_do_not_open_accounts() {
            String unit = Fixtures.unit();
            for (String token : List.of(Tokens.agent(unit), Tokens.supervisor(unit), Tokens.auditor())) {
                Api.as(token).body(newAccount(unit, "CURRENT", "EUR")).post("/accounts")
                        .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
            }
        }

        @Test
        void an_account_in_an_unknown_unit_is_refused_with_unknown_unit() {
            Api.as(Tokens.frontOffice()).body(newAccount("QZZ-99", "CURRENT", "EUR")).post("/accounts")
                    .then().statusCode(422).body(at("code", equalTo("UNKNOWN_UNIT")));
        }

        @Test
        void a_savings_account_with_an_overdraft_is_refused_with_overdraft_not_allowed() {
            Map<String, Object> body = newAccount(Fixtures.unit(), "SAVINGS", "EUR");
            body.put("overdraftLimit", "100.00");
            Api.as(Tokens.frontOffice()).body(body).post("/accounts")
                    .then().statusCode(422).body(at("code", equalTo("OVERDRAFT_NOT_ALLOWED")));
        }

        @Test
        void an_internal_account_with_an_overdraft_limit_is_refused_with_overdraft_not_allowed() {
            Map<String, Object> body = newAccount(Fixtures.unit(), "INTERNAL", "EUR");
            body.put("overdraftLimit", "0.00");
            Api.as(Tokens.admin()).body(body).post("/accounts")
                    .then().statusCode(422).body(at("code", equalTo("OVERDRAFT_NOT_ALLOWED")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.234", "-1", "1e3", "1E3", "1,00", "+1", " 1", "1 000", "", ".5", "1.",
                "1234567890123456", "1234567890123456.00"})
        void an_overdraft_limit_breaking_the_money_rules_is_a_validation_problem(String limit) {
            Map<String, Object> body = newAccount(Fixtures.unit(), "CURRENT", "EUR");
            body.put("overdraftLimit", limit);
            Api.invalidRequestAs(Tokens.frontOffice()).body(body).post("/accounts")
                    .then().statusCode(400)
                    .body(at("code", equalTo("VALIDATION_FAILED")))
                    .body(at("errors.field", hasItem("overdraftLimit")));
        }

        @Test
        void an_overdraft_limit_given_as_a_json_number_is_refused() {
            Map<String, Object> body = newAccount(Fixtures.unit(), "CURRENT", "EUR");
            body.put("overdraftLimit", 100);
            Api.invalidRequestAs(Tokens.frontOffice()).body(body).post("/accounts")
                    .then().statusCode(400).body(at("errors.field", hasItem("overdraftLimit")));
            body.put("overdraftLimit", 100.5);
            Api.invalidRequestAs(Tokens.frontOffice()).body(body).post("/accounts")
                    .then().statusCode(400).body(at("errors.field", hasItem("overdraftLimit")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"EURO", "eur", "XXX", "XAU", "XTS", "ZZZ", "CLF"})
        void a_currency_that_accounts_cannot_be_held_in_is_a_validation_problem(String currency) {
            // XXX (no currency), XAU (gold) and XTS (testing) have no minor units; CLF has 4, more than amounts are stored with.
            Map<String, Object> body = newAccount(Fixtures.unit(), "CURRENT", currency);
            body.put("overdraftLimit", "1");
            Api.invalidRequestAs(Tokens.frontOffice()).body(body).post("/accounts")
                    .then().statusCode(400)
                    .body(at("code", equalTo("VALIDATION_FAILED")))
                    .body(at("errors.field", hasItem("currency")));
        }

        @Test
        void a_missing_field_is_named() {
            Map<String, Object> body = newAccount(Fixtures.unit(), "CURRENT", "EUR");
            body.remove("unit");
            body.put("holder", Map.of("name", " ", "customerId", "C-1"));
            Api.invalidRequestAs(Tokens.frontOffice()).body(body).post("/accounts")
                    .then().statusCode(400)
                    .body(at("code", equalTo("VALIDATION_FAILED")))
                    .body(at("errors.field", hasItem("unit")))
                    .body(at("errors.field", hasItem("holder.name")));
        }
    }

    @Nested
    class Reading {

        @Test
        void every_role_reads_an_account_of_its_unit_with_its_etag() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            for (String token : List.of(Tokens.frontOffice(), Tokens.auditor(), Tokens.admin(), Tokens.agent(unit),
                    Tokens.supervisor(unit))) {
                Api.as(token).get("/accounts/{id}", id)
                        .then().statusCode(200).header("ETag", "\"0\"").body(at("id", equalTo(id))).body(at("unit", equalTo(unit)));
            }
        }

        @Test
        void an_agent_or_supervisor_of_another_unit_does_not_see_the_account() {
            String id = Fixtures.currentAccount(Fixtures.unit());
            String elsewhere = Fixtures.unit();
            for (String token : List.of(Tokens.agent(elsewhere), Tokens.supervisor(elsewhere))) {
                Api.as(token).get("/accounts/{id}", id).then().statusCode(404).body(at("code", equalTo("NOT_FOUND")));
            }
        }

        @Test
        void an_unknown_or_malformed_id_is_404() {
            for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "12345",
                    "01a22054-008d-79f2-8076-ceb95b688b4")) {
                Api.as(Tokens.admin()).get("/accounts/{id}", id).then().statusCode(404).body(at("code", equalTo("NOT_FOUND")));
            }
        }
    }

    @Nested
    class Listing {

        @Test
        void accounts_are_filtered_by_status_unit_customer_type_and_currency() {
            String unit = Fixtures.unit();
            String current = Fixtures.currentAccount(unit);
            String savings = Fixtures.account(unit, "SAVINGS", "EUR", null).getString("id");
            JsonPath yen = Fixtures.account(unit, "CURRENT", "JPY", "0");
            String internal = Fixtures.account(unit, "INTERNAL", "EUR", null).getString("id");
            Api.as(Tokens.agent(unit)).body(Map.of("reason", "Fraud check")).post("/accounts/{id}/freeze", savings)
                    .then().statusCode(200);
            String elsewhere = Fixtures.currentAccount(Fixtures.unit());

            assertThat(ids(Map.of("unit", unit))).containsExactly(current, savings, yen.getString("id"), internal);
            assertThat(ids(Map.of("unit", unit, "status", "FROZEN"))).containsExactly(savings);
            assertThat(ids(Map.of("unit", unit, "status", "ACTIVE"))).containsExactly(current, yen.getString("id"), internal);
            assertThat(ids(Map.of("unit", unit, "type", "INTERNAL"))).containsExactly(internal);
            assertThat(ids(Map.of("unit", unit, "type", "CURRENT", "currency", "JPY"))).containsExactly(yen.getString("id"));
            assertThat(ids(Map.of("customerId", yen.getString("holder.customerId")))).containsExactly(yen.getString("id"));
            assertThat(ids(Map.of("unit", unit, "type", "SAVINGS", "status", "ACTIVE"))).isEmpty();
            assertThat(ids(Map.of("unit", unit))).doesNotContain(elsewhere);
        }

        @Test
        void pages_follow_each_other_oldest_first_until_the_next_cursor_is_null() {
            String unit = Fixtures.unit();
            List<String> opened = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                opened.add(Fixtures.currentAccount(unit));
            }

            List<String> seen = new ArrayList<>();
            List<Instant> openedAt = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String cursor = null;
            do {
                var request = Api.as(Tokens.auditor()).queryParam("unit", unit).queryParam("limit", 2);
                if (cursor != null) {
                    request.queryParam("after", cursor);
                }
                JsonPath page = request.get("/accounts").then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.id", String.class));
                page.getList("items.openedAt", String.class).forEach(at -> openedAt.add(Instant.parse(at)));
                pageSizes.add(page.getList("items").size());
                cursor = page.getString("nextCursor");
            } while (cursor != null && pageSizes.size() < 10);

            assertThat(pageSizes).containsExactly(2, 2, 1);
            assertThat(seen).containsExactlyElementsOf(opened);
            assertThat(openedAt).isSorted();
            assertThat(ids(Map.of("unit", unit))).as("the same order when read again").containsExactlyElementsOf(seen);
        }

        @Test
        void a_full_last_page_says_there_is_nothing_more() {
            String unit = Fixtures.unit();
            Fixtures.currentAccount(unit);
            Fixtures.currentAccount(unit);
            JsonPath first = Api.as(Tokens.admin()).queryParam("unit", unit).queryParam("limit", 2).get("/accounts")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(first.getList("items")).hasSize(2);
            assertThat(first.getString("nextCursor")).isNull();
        }

        @Test
        void an_agent_sees_only_the_accounts_of_their_unit() {
            String unit = Fixtures.unit();
            String mine = Fixtures.currentAccount(unit);
            String other = Fixtures.unit();
            String theirs = Fixtures.currentAccount(other);

            for (String token : List.of(Tokens.agent(unit), Tokens.supervisor(unit))) {
                Api.as(token).queryParam("limit", 200).get("/accounts")
                        .then().statusCode(200)
                        .body(at("items.unit", everyItem(equalTo(unit))))
                        .body(at("items.id", hasItem(mine)))
                        .body(at("items.id", not(hasItem(theirs))));
                Api.as(token).queryParam("unit", other).get("/accounts")
                        .then().statusCode(200).body(at("items", empty())).body(at("nextCursor", nullValue()));
            }
        }

        @Test
        void an_agent_whose_token_names_no_unit_is_refused_at_the_door() {
            Fixtures.currentAccount(Fixtures.unit());
            for (String role : List.of("agent", "supervisor")) {
                Api.as(Tokens.token("unitless-" + role, null, role)).get("/accounts")
                        .then().statusCode(403).body(at("code", equalTo("UNIT_CLAIM_REQUIRED")));
            }
        }

        @Test
        void an_unknown_status_type_or_currency_filter_is_a_validation_problem() {
            for (Map.Entry<String, String> filter : Map.of("status", "OPEN", "type", "CHECKING", "currency", "EURO").entrySet()) {
                Api.invalidRequestAs(Tokens.admin()).queryParam(filter.getKey(), filter.getValue()).get("/accounts")
                        .then().statusCode(400)
                        .body(at("code", equalTo("VALIDATION_FAILED")))
                        .body(at("errors[0].field", equalTo(filter.getKey())));
            }
        }

        @Test
        void a_limit_out_of_range_or_a_forged_cursor_is_a_validation_problem() {
            for (String limit : List.of("0", "201", "-1", "many")) {
                Api.invalidRequestAs(Tokens.admin()).queryParam("limit", limit).get("/accounts")
                        .then().statusCode(400).body(at("errors[0].field", equalTo("limit")));
            }
            for (String cursor : List.of("%%%", "bm90LWEtdXVpZA")) {
                Api.invalidRequestAs(Tokens.admin()).queryParam("after", cursor).get("/accounts")
                        .then().statusCode(400).body(at("errors[0].field", equalTo("after")));
            }
        }

        private List<String> ids(Map<String, String> filters) {
            return Api.as(Tokens.auditor()).queryParams(filters).queryParam("limit", 200).get("/accounts")
                    .then().statusCode(200).body(at("nextCursor", nullValue()))
                    .extract().jsonPath().getList("items.id", String.class);
        }
    }

    @Nested
    class Changing {

        @Test
        void an_agent_renames_the_holder_with_the_etag_last_read() {
            String unit = Fixtures.unit();
            JsonPath account = Fixtures.account(unit, "CURRENT", "EUR", "0.00");
            String id = account.getString("id");
            Map<String, Object> change = Map.of("holder", Map.of("name", "Camille Martin-Durand"));

            Api.as(Tokens.agent(unit)).body(change).patch("/accounts/{id}", id)
                    .then().statusCode(428).body(at("code", equalTo("PRECONDITION_REQUIRED")));
            Api.as(Tokens.agent(unit)).header("If-Match", "\"7\"").body(change).patch("/accounts/{id}", id)
                    .then().statusCode(412).body(at("code", equalTo("PRECONDITION_FAILED")));
            Api.as(Tokens.agent(unit)).header("If-Match", etag(id)).body(change).patch("/accounts/{id}", id)
                    .then().statusCode(200)
                    .header("ETag", "\"1\"")
                    .body(at("version", equalTo(1)))
                    .body(at("holder.name", equalTo("Camille Martin-Durand")))
                    .body(at("holder.customerId", equalTo(account.getString("holder.customerId"))));

            Api.as(Tokens.auditor()).get("/accounts/{id}", id)
                    .then().statusCode(200).header("ETag", "\"1\"").body(at("holder.name", equalTo("Camille Martin-Durand")));
            Api.as(Tokens.agent(unit)).header("If-Match", "\"0\"").body(change).patch("/accounts/{id}", id)
                    .then().statusCode(412).body(at("code", equalTo("PRECONDITION_FAILED")));
        }

        @Test
        void an_agent_may_not_change_the_overdraft_limit() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.agent(unit)).header("If-Match", "\"0\"").body(Map.of("overdraftLimit", "800.00"))
                    .patch("/accounts/{id}", id)
                    .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
            Api.as(Tokens.auditor()).get("/accounts/{id}", id).then().body(at("overdraftLimit", equalTo("0.00")));
        }

        @Test
        void a_supervisor_changes_the_overdraft_limit_and_the_holder_name() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.supervisor(unit)).header("If-Match", "\"0\"")
                    .body(Map.of("overdraftLimit", "800.00", "holder", Map.of("name", "C. Martin")))
                    .patch("/accounts/{id}", id)
                    .then().statusCode(200)
                    .header("ETag", "\"1\"")
                    .body(at("overdraftLimit", equalTo("800.00")))
                    .body(at("holder.name", equalTo("C. Martin")));
        }

        @Test
        void a_savings_or_internal_account_gets_no_overdraft_limit() {
            String unit = Fixtures.unit();
            String savings = Fixtures.account(unit, "SAVINGS", "EUR", null).getString("id");
            String internal = Fixtures.account(unit, "INTERNAL", "EUR", null).getString("id");
            for (String id : List.of(savings, internal)) {
                Api.as(Tokens.supervisor(unit)).header("If-Match", "\"0\"").body(Map.of("overdraftLimit", "100.00"))
                        .patch("/accounts/{id}", id)
                        .then().statusCode(422).body(at("code", equalTo("OVERDRAFT_NOT_ALLOWED")));
            }
        }

        @Test
        void a_new_overdraft_limit_follows_the_money_rules() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            for (String limit : List.of("-5", "1.001", "1e2")) {
                Api.invalidRequestAs(Tokens.supervisor(unit)).header("If-Match", "\"0\"").body(Map.of("overdraftLimit", limit))
                        .patch("/accounts/{id}", id)
                        .then().statusCode(400).body(at("errors.field", hasItem("overdraftLimit")));
            }
        }

        @Test
        void only_agents_and_supervisors_of_the_unit_change_an_account() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            String elsewhere = Fixtures.unit();
            for (String token : List.of(Tokens.frontOffice(), Tokens.auditor(), Tokens.admin(), Tokens.agent(elsewhere),
                    Tokens.supervisor(elsewhere))) {
                Api.as(token).header("If-Match", "\"0\"").body(Map.of("holder", Map.of("name", "Someone else")))
                        .patch("/accounts/{id}", id)
                        .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
            }
            Api.as(Tokens.auditor()).get("/accounts/{id}", id).then().header("ETag", "\"0\"");
        }

        @Test
        void an_empty_change_is_a_validation_problem() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.agent(unit)).header("If-Match", "\"0\"").body(Map.of()).patch("/accounts/{id}", id)
                    .then().statusCode(400).body(at("code", equalTo("VALIDATION_FAILED")));
        }

        @Test
        void the_customer_of_an_account_never_changes() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.invalidRequestAs(Tokens.agent(unit)).header("If-Match", "\"0\"")
                    .body(Map.of("holder", Map.of("name", "X", "customerId", "C-999999")))
                    .patch("/accounts/{id}", id)
                    .then().statusCode(400)
                    .body(at("code", equalTo("UNKNOWN_PROPERTY")))
                    .body(at("errors[0].field", equalTo("holder.customerId")));
        }

        @Test
        void changing_an_unknown_account_is_refused_as_another_units_account() {
            // an agent cannot tell an account that does not exist from one of another unit
            Api.as(Tokens.agent("PAR-01")).header("If-Match", "\"0\"").body(Map.of("holder", Map.of("name", "X")))
                    .patch("/accounts/{id}", UUID.randomUUID().toString())
                    .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
        }

        @Test
        void a_closed_account_cannot_be_changed() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.agent(unit)).post("/accounts/{id}/close", id).then().statusCode(200);
            Api.as(Tokens.supervisor(unit)).header("If-Match", "\"1\"").body(Map.of("holder", Map.of("name", "Too late")))
                    .patch("/accounts/{id}", id)
                    .then().statusCode(422).body(at("code", equalTo("ACCOUNT_CLOSED")));
        }
    }

    @Nested
    class StatusChanges {

        @Test
        void an_agent_freezes_an_account_giving_a_reason() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.agent(unit)).body(Map.of("reason", "Suspected fraud")).post("/accounts/{id}/freeze", id)
                    .then().statusCode(200)
                    .header("ETag", "\"1\"")
                    .body(at("status", equalTo("FROZEN")))
                    .body(at("version", equalTo(1)))
                    .body(at("lastStatusChange.actor", equalTo("agent-" + unit)))
                    .body(at("lastStatusChange.reason", equalTo("Suspected fraud")))
                    .body(at("lastStatusChange.at", notNullValue()));
        }

        @Test
        void a_freeze_retried_with_its_idempotency_key_replays_the_first_answer() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            String key = "freeze-" + id;
            Api.as(Tokens.agent(unit)).header("Idempotency-Key", key).body(Map.of("reason", "Lost card"))
                    .post("/accounts/{id}/freeze", id).then().statusCode(200).body(at("version", equalTo(1)));
            Api.as(Tokens.agent(unit)).header("Idempotency-Key", key).body(Map.of("reason", "Lost card"))
                    .post("/accounts/{id}/freeze", id).then().statusCode(200)
                    .header("Idempotent-Replayed", "true")
                    .body(at("status", equalTo("FROZEN")))
                    .body(at("version", equalTo(1)));
            Api.as(Tokens.agent(unit)).header("Idempotency-Key", key).body(Map.of("reason", "Other"))
                    .post("/accounts/{id}/freeze", id).then().statusCode(422).body(at("code", equalTo("IDEMPOTENCY_KEY_REUSED")));
        }

        @Test
        void freezing_needs_a_reason() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.invalidRequestAs(Tokens.agent(unit)).body(Map.of()).post("/accounts/{id}/freeze", id)
                    .then().statusCode(400).body(at("code", equalTo("VALIDATION_FAILED"))).body(at("errors.field", hasItem("reason")));
            Api.invalidRequestAs(Tokens.agent(unit)).body(Map.of("reason", "  ")).post("/accounts/{id}/freeze", id)
                    .then().statusCode(400).body(at("errors.field", hasItem("reason")));
            Api.invalidRequestAs(Tokens.agent(unit)).post("/accounts/{id}/freeze", id)
                    .then().statusCode(400).body(at("code", equalTo("VALIDATION_FAILED")));
            Api.as(Tokens.auditor()).get("/accounts/{id}", id).then().body(at("status", equalTo("ACTIVE")));
        }

        @Test
        void a_frozen_account_cannot_be_frozen_again() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "First")).post("/accounts/{id}/freeze", id)
                    .then().statusCode(200);
            Api.as(Tokens.agent(unit)).body(Map.of("reason", "Second")).post("/accounts/{id}/freeze", id)
                    .then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        }

        @Test
        void only_a_supervisor_unfreezes() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.agent(unit)).body(Map.of("reason", "Check")).post("/accounts/{id}/freeze", id).then().statusCode(200);

            Api.as(Tokens.agent(unit)).body(Map.of("reason", "Done")).post("/accounts/{id}/unfreeze", id)
                    .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
            Api.as(Tokens.supervisor(Fixtures.unit())).post("/accounts/{id}/unfreeze", id)
                    .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
            Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "Identity confirmed")).post("/accounts/{id}/unfreeze", id)
                    .then().statusCode(200)
                    .header("ETag", "\"2\"")
                    .body(at("status", equalTo("ACTIVE")))
                    .body(at("lastStatusChange.actor", equalTo("supervisor-" + unit)))
                    .body(at("lastStatusChange.reason", equalTo("Identity confirmed")));
        }

        @Test
        void an_active_account_cannot_be_unfrozen() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.supervisor(unit)).post("/accounts/{id}/unfreeze", id)
                    .then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        }

        @Test
        void an_empty_account_closes() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.agent(unit)).body(Map.of("reason", "Customer request")).post("/accounts/{id}/close", id)
                    .then().statusCode(200)
                    .header("ETag", "\"1\"")
                    .body(at("status", equalTo("CLOSED")))
                    .body(at("closedAt", notNullValue()))
                    .body(at("lastStatusChange.reason", equalTo("Customer request")));
            Api.as(Tokens.supervisor(unit)).post("/accounts/{id}/close", id)
                    .then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
            Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "Reopen?")).post("/accounts/{id}/freeze", id)
                    .then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        }

        @Test
        void closing_needs_no_body() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.supervisor(unit)).post("/accounts/{id}/close", id)
                    .then().statusCode(200).body(at("status", equalTo("CLOSED"))).body(at("lastStatusChange.reason", nullValue()));
        }

        @Test
        void a_frozen_account_cannot_be_closed() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.agent(unit)).body(Map.of("reason", "Check")).post("/accounts/{id}/freeze", id).then().statusCode(200);
            Api.as(Tokens.agent(unit)).post("/accounts/{id}/close", id)
                    .then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        }

        @Test
        void a_stale_if_match_stops_an_action_and_a_current_one_lets_it_through() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            Api.as(Tokens.agent(unit)).header("If-Match", "\"3\"").body(Map.of("reason", "Check"))
                    .post("/accounts/{id}/freeze", id)
                    .then().statusCode(412).body(at("code", equalTo("PRECONDITION_FAILED")));
            Api.as(Tokens.agent(unit)).header("If-Match", "\"0\"").body(Map.of("reason", "Check"))
                    .post("/accounts/{id}/freeze", id)
                    .then().statusCode(200).header("ETag", "\"1\"");
        }

        @Test
        void only_agents_and_supervisors_of_the_unit_freeze_or_close() {
            String unit = Fixtures.unit();
            String id = Fixtures.currentAccount(unit);
            String elsewhere = Fixtures.unit();
            for (String token : List.of(Tokens.frontOffice(), Tokens.auditor(), Tokens.admin(), Tokens.agent(elsewhere),
                    Tokens.supervisor(elsewhere))) {
                Api.as(token).body(Map.of("reason", "Check")).post("/accounts/{id}/freeze", id)
                        .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
                Api.as(token).post("/accounts/{id}/close", id)
                        .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
            }
            Api.as(Tokens.auditor()).get("/accounts/{id}", id).then().body(at("status", equalTo("ACTIVE")));
        }

        @Test
        void acting_on_an_unknown_account_is_refused_as_on_another_units_account() {
            // a supervisor cannot tell an account that does not exist from one of another unit
            for (String id : List.of(UUID.randomUUID().toString(), "nope")) {
                Api.as(Tokens.supervisor("PAR-01")).body(Map.of("reason", "Check")).post("/accounts/{id}/freeze", id)
                        .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
                Api.as(Tokens.supervisor("PAR-01")).post("/accounts/{id}/close", id)
                        .then().statusCode(403).body(at("code", equalTo("FORBIDDEN")));
            }
        }
    }

    @Nested
    class Idempotency {

        @Test
        void the_same_key_and_body_replay_the_opening() {
            Map<String, Object> body = newAccount(Fixtures.unit(), "CURRENT", "EUR");
            String key = "open-" + UUID.randomUUID();
            Response first = Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(body).post("/accounts");
            first.then().statusCode(201).header("Idempotent-Replayed", nullValue());

            Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(body).post("/accounts")
                    .then().statusCode(201)
                    .header("Idempotent-Replayed", "true")
                    .header("Location", equalTo(first.header("Location")))
                    .body(at("id", equalTo(first.jsonPath().getString("id"))))
                    .body(at("iban", equalTo(first.jsonPath().getString("iban"))));

            assertThat(Api.as(Tokens.auditor()).queryParam("customerId", customerId(body)).get("/accounts")
                    .then().statusCode(200).extract().jsonPath().getList("items")).as("opened once").hasSize(1);
        }

        @Test
        void the_same_key_with_another_body_is_refused() {
            String unit = Fixtures.unit();
            String key = "open-" + UUID.randomUUID();
            Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(newAccount(unit, "CURRENT", "EUR"))
                    .post("/accounts").then().statusCode(201);
            Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(newAccount(unit, "SAVINGS", "EUR"))
                    .post("/accounts")
                    .then().statusCode(422).body(at("code", equalTo("IDEMPOTENCY_KEY_REUSED")));
        }

        @Test
        void keys_belong_to_the_caller() {
            String unit = Fixtures.unit();
            String key = "open-" + UUID.randomUUID();
            Map<String, Object> body = newAccount(unit, "CURRENT", "EUR");
            String mine = Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(body).post("/accounts")
                    .then().statusCode(201).extract().path("id");
            Api.as(Tokens.token("front-app-2", null, "front-office")).header("Idempotency-Key", key).body(body)
                    .post("/accounts")
                    .then().statusCode(201).header("Idempotent-Replayed", nullValue()).body(at("id", not(equalTo(mine))));
        }

        @Test
        void a_refused_request_leaves_its_key_unused() {
            String key = "open-" + UUID.randomUUID();
            Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(newAccount("QZZ-98", "CURRENT", "EUR"))
                    .post("/accounts").then().statusCode(422).body(at("code", equalTo("UNKNOWN_UNIT")));
            Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(newAccount(Fixtures.unit(), "CURRENT", "EUR"))
                    .post("/accounts").then().statusCode(201).header("Idempotent-Replayed", nullValue());
        }

        @Test
        void an_invalid_key_is_a_validation_problem() {
            for (String key : List.of("k".repeat(256), "clé-1", "tab\tkey")) {
                Map<String, Object> body = newAccount(Fixtures.unit(), "CURRENT", "EUR");
                Api.invalidRequestAs(Tokens.frontOffice()).header("Idempotency-Key", key).body(body).post("/accounts")
                        .then().statusCode(400)
                        .body(at("code", equalTo("VALIDATION_FAILED")))
                        .body(at("errors[0].field", equalTo("Idempotency-Key")));
                assertThat(Api.as(Tokens.auditor()).queryParam("customerId", customerId(body)).get("/accounts")
                        .then().extract().jsonPath().getList("items")).as("nothing opened").isEmpty();
            }
            Api.as(Tokens.frontOffice()).header("Idempotency-Key", "k".repeat(255))
                    .body(newAccount(Fixtures.unit(), "CURRENT", "EUR")).post("/accounts")
                    .then().statusCode(201);
        }

        @SuppressWarnings("unchecked")
        private String customerId(Map<String, Object> body) {
            return ((Map<String, String>) body.get("holder")).get("customerId");
        }
    }
}
