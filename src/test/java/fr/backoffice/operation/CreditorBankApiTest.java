package fr.backoffice.operation;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The creditor's bank of an external transfer (docs/clearing-and-statements.md "Clearing and statements",
 * docs/clearing-and-statements.md "The BIC directory"): given as {@code creditor.bic}, or found from the IBAN in the
 * BIC directory; a transfer whose bank cannot be found is refused at submission, nothing created.
 */
@QuarkusTest
class CreditorBankApiTest {

    private static Map<String, Object> external(String from, String amount, Map<String, Object> creditor) {
        return new HashMap<>(Map.of("type", "TRANSFER", "amount", amount, "currency", "EUR", "debitAccountId", from,
                "creditor", creditor));
    }

    @Test
    void an_external_transfer_to_a_bank_of_the_directory_carries_its_bic() {
        String from = Fixtures.currentAccount(Fixtures.unit());
        Ledgers.fund(from, "100.00");
        String iban = Fixtures.externalIban();
        JsonPath op = Ledgers.submit(Tokens.frontOffice(), external(from, "10.00", Map.of("name", "Dupont GmbH", "iban", iban)));

        assertThat(op.getString("status")).isEqualTo("EXECUTED");
        assertThat(op.getString("creditor.iban")).isEqualTo(iban);
        assertThat(op.getString("creditor.bic")).isEqualTo("COBADEFFXXX");
        assertThat(Api.as(Tokens.auditor()).get("/operations/{id}", op.getString("id")).then().statusCode(200)
                .extract().jsonPath().getString("creditor.bic")).isEqualTo("COBADEFFXXX");
    }

    @Test
    void a_creditor_bic_given_is_kept_as_given_even_for_a_bank_the_directory_does_not_list() {
        String from = Fixtures.currentAccount(Fixtures.unit());
        Ledgers.fund(from, "100.00");
        String norwegian = org.iban4j.Iban.random(org.iban4j.CountryCode.NO).toString();
        JsonPath op = Ledgers.submit(Tokens.frontOffice(), external(from, "10.00",
                Map.of("name", "Nordmann AS", "iban", norwegian, "bic", "DNBANOKKXXX")));

        assertThat(op.getString("creditor.bic")).isEqualTo("DNBANOKKXXX");
        // given, it wins over the directory
        JsonPath given = Ledgers.submit(Tokens.frontOffice(), external(from, "10.00",
                Map.of("name", "Dupont GmbH", "iban", Fixtures.externalIban(), "bic", "COBADEFF")));
        assertThat(given.getString("creditor.bic")).isEqualTo("COBADEFF");
    }

    @Test
    void a_transfer_whose_creditor_bank_cannot_be_found_is_refused_and_nothing_is_created() {
        String from = Fixtures.currentAccount(Fixtures.unit());
        Ledgers.fund(from, "100.00");
        // a German bank code no bank of the test directory has
        String unknownBank = new org.iban4j.Iban.Builder().countryCode(org.iban4j.CountryCode.DE).bankCode("99999999")
                .buildRandom().toString();
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = external(from, "10.00", Map.of("name", "Nobody knows", "iban", unknownBank));

        JsonPath problem = assertProblem(Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(request)
                .post("/operations"), 422, "CREDITOR_BANK_UNKNOWN");

        assertThat(problem.getString("errors[0].field")).isEqualTo("creditor.bic");
        assertThat(problem.getString("detail")).contains("99999999");
        assertThat(Ledgers.balance(from)).isEqualTo("100.00");
        assertThat(Api.as(Tokens.admin()).queryParam("accountId", from).queryParam("type", "TRANSFER").get("/operations")
                .then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
        // nothing was stored under the key either: with the bank's BIC, the same key goes through
        request.put("creditor", Map.of("name", "Nobody knows", "iban", unknownBank, "bic", "MARKDEFFXXX"));
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(request).post("/operations").then().statusCode(201);
    }

    @Test
    void a_creditor_bic_must_be_a_bic() {
        String from = Fixtures.currentAccount(Fixtures.unit());
        Ledgers.fund(from, "100.00");
        for (String bic : new String[]{"COBADEFF1", "cobadeffxxx", "COBAQQFFXXX"}) {
            JsonPath problem = assertProblem(Api.invalidRequestAs(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(external(from, "10.00", Map.of("name", "Dupont", "iban", Fixtures.externalIban(), "bic", bic)))
                    .post("/operations"), 400, "INVALID_BIC");
            assertThat(problem.getString("errors[0].field")).isEqualTo("creditor.bic");
        }
        assertThat(Ledgers.balance(from)).isEqualTo("100.00");
    }

    @Test
    void an_external_transfer_above_the_sepa_maximum_is_refused_at_submission() {
        String from = Fixtures.currentAccount(Fixtures.unit());
        JsonPath problem = assertProblem(Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(external(from, "1000000000.00", Map.of("name", "Big Corp", "iban", Fixtures.externalIban())))
                .post("/operations"), 422, "AMOUNT_ABOVE_SEPA_MAXIMUM");
        assertThat(problem.getString("errors[0].field")).isEqualTo("amount");
    }
}
