package fr.backoffice.operation;

import fr.backoffice.support.Api;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Ledgers.submit;
import static fr.backoffice.support.Ledgers.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Each operation type end to end with the entries it posts, and the refusals the API documents. */
@QuarkusTest
class OperationTypesApiTest {

    private static final java.time.ZoneId PARIS = java.time.ZoneId.of("Europe/Paris");

    @Test
    void an_internal_transfer_posts_a_debit_and_a_credit_with_running_balances() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        Map<String, Object> request = transfer(from, to, "40.00");
        request.put("label", "Rent November");
        String id = submit(Tokens.frontOffice(), request).getString("id");

        Api.as(Tokens.agent(unit)).get("/accounts/{id}/entries", from).then().statusCode(200)
                .body(at("items.amount", equalTo(List.of("100.00", "-40.00"))))
                .body(at("items.balanceAfter", equalTo(List.of("100.00", "60.00"))))
                .body(at("items[1].operationId", equalTo(id)))
                .body(at("items[1].label", equalTo("Rent November")));
        Api.as(Tokens.agent(unit)).get("/accounts/{id}/entries", to).then().statusCode(200)
                .body(at("items.amount", equalTo(List.of("40.00"))));
    }

    @Test
    void an_external_transfer_goes_to_the_units_outgoing_transfers_account() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "500.00");
        // a random IBAN at a bank of the test BIC directory: other tests register well-known ones as accounts of ours
        org.iban4j.Iban creditor = org.iban4j.Iban.valueOf(Fixtures.externalIban());
        Map<String, Object> request = new HashMap<>(Map.of("type", "TRANSFER", "amount", "300.00", "currency", "EUR",
                "debitAccountId", from, "creditor", Map.of("name", "Dupont SARL", "iban", creditor.toFormattedString())));
        JsonPath op = submit(Tokens.frontOffice(), request);

        assertThat(op.getString("status")).isEqualTo("EXECUTED");
        assertThat(op.getString("creditor.iban")).isEqualTo(creditor.toString());
        assertThat(op.getString("creditAccountId")).isNull();
        JsonPath outgoing = internalAccount(unit, "Outgoing transfers");
        assertThat(outgoing.getString("ledgerBalance")).isEqualTo("300.00");
        assertThat(Ledgers.balance(from)).isEqualTo("200.00");
    }

    @Test
    void a_transfer_to_another_bank_is_a_sepa_transfer_in_euros_to_a_sepa_country() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "500.00");
        for (org.iban4j.CountryCode outside : List.of(org.iban4j.CountryCode.TR, org.iban4j.CountryCode.BR,
                org.iban4j.CountryCode.SA)) {
            Map<String, Object> transfer = Map.of("type", "TRANSFER", "amount", "1.00", "currency", "EUR",
                    "debitAccountId", from, "creditor", Map.of("name", "Far away", "iban", org.iban4j.Iban.random(outside).toString()));
            Api.as(Tokens.frontOffice()).header("Idempotency-Key", "not-sepa-" + outside + "-" + from).body(transfer)
                    .post("/operations").then().statusCode(422).body(at("code", equalTo("NOT_SEPA")))
                    .body(at("errors[0].field", equalTo("creditor.iban")));
        }
        // in a SEPA country but not in euros
        String dollars = Fixtures.account(unit, "CURRENT", "USD", "0.00").getString("id");
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", "not-sepa-usd-" + from)
                .body(Map.of("type", "TRANSFER", "amount", "1.00", "currency", "USD", "debitAccountId", dollars,
                        "creditor", Map.of("name", "Dupont SARL", "iban", Fixtures.externalIban())))
                .post("/operations").then().statusCode(422).body(at("code", equalTo("NOT_SEPA")))
                .body(at("errors[0].field", equalTo("currency")));
        // the EEA beyond the EU, and the scheme's other countries, are SEPA (their banks given as BICs: the test
        // directory lists none of theirs)
        Map<org.iban4j.CountryCode, String> banks = Map.of(org.iban4j.CountryCode.NO, "DNBANOKKXXX",
                org.iban4j.CountryCode.CH, "UBSWCHZH80A", org.iban4j.CountryCode.GB, "BARCGB22XXX");
        for (org.iban4j.CountryCode inside : List.of(org.iban4j.CountryCode.NO, org.iban4j.CountryCode.CH,
                org.iban4j.CountryCode.GB)) {
            Api.as(Tokens.frontOffice()).header("Idempotency-Key", "sepa-" + inside + "-" + from)
                    .body(Map.of("type", "TRANSFER", "amount", "1.00", "currency", "EUR", "debitAccountId", from,
                            "creditor", Map.of("name", "Near", "iban", org.iban4j.Iban.random(inside).toString(),
                                    "bic", banks.get(inside))))
                    .post("/operations").then().statusCode(201).body(at("status", equalTo("EXECUTED")));
        }
    }

    @Test
    void an_external_transfer_needs_a_valid_iban_that_is_not_ours() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String ours = Ledgers.account(Fixtures.currentAccount(unit)).getString("iban");
        Ledgers.fund(from, "500.00");
        Map<String, Object> corrupted = new HashMap<>(Map.of("type", "TRANSFER", "amount", "1.00", "currency", "EUR",
                "debitAccountId", from, "creditor", Map.of("name", "X", "iban", "DE89370400440532013001")));
        Api.invalidRequestAs(Tokens.frontOffice()).header("Idempotency-Key", "bad-iban-" + from).body(corrupted)
                .post("/operations").then().statusCode(400).body(at("code", equalTo("INVALID_IBAN")));
        corrupted.put("creditor", Map.of("name", "X", "iban", ours));
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", "our-iban-" + from).body(corrupted)
                .post("/operations").then().statusCode(422).body(at("code", equalTo("CREDITOR_HELD_HERE")));
    }

    @Test
    void cash_deposits_and_withdrawals_move_the_units_cash_account() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        // cash taken at the counter by an agent waits for a colleague's validation (an agent's own submission)
        String deposit = submit(Tokens.agent(unit), Ledgers.cashDeposit(account, "250.00")).getString("id");
        Api.as(Tokens.token("colleague-" + unit, unit, "agent")).post("/operations/{id}/validate", deposit).then()
                .statusCode(200).body(at("status", equalTo("EXECUTED")));
        JsonPath withdrawal = submit(Tokens.frontOffice(), Map.of("type", "CASH_WITHDRAWAL", "amount", "100.00",
                "currency", "EUR", "debitAccountId", account));

        assertThat(withdrawal.getString("status")).isEqualTo("EXECUTED");
        assertThat(Ledgers.balance(account)).isEqualTo("150.00");
        assertThat(internalAccount(unit, "Cash").getString("ledgerBalance")).isEqualTo("-150.00");
    }

    @Test
    void a_fee_with_vat_splits_into_fee_income_and_vat_collected() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        Ledgers.fund(account, "100.00");
        String id = submit(Tokens.frontOffice(), Map.of("type", "FEE", "amount", "12.00", "currency", "EUR",
                "debitAccountId", account, "vatRate", "20")).getString("id");
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200)
                .body(at("status", equalTo("EXECUTED"))).body(at("vatRate", equalTo("20")));

        assertThat(Ledgers.balance(account)).isEqualTo("88.00");
        assertThat(internalAccount(unit, "Fee income").getString("ledgerBalance")).isEqualTo("10.00");
        assertThat(internalAccount(unit, "VAT collected").getString("ledgerBalance")).isEqualTo("2.00");
    }

    @Test
    void a_cheque_deposit_waits_for_an_agent_then_its_credit_is_held_until_cleared() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        JsonPath op = submit(Tokens.frontOffice(), cheque(account, "480.00", LocalDate.now(PARIS).minusDays(3)));
        String id = op.getString("id");
        assertThat(op.getString("status")).isEqualTo("RECEIVED");

        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200).body(at("status", equalTo("EXECUTED")));
        JsonPath credited = Ledgers.account(account);
        assertThat(credited.getString("ledgerBalance")).isEqualTo("480.00");
        assertThat(credited.getString("heldAmount")).isEqualTo("480.00");
        assertThat(credited.getString("availableBalance")).isEqualTo("0.00");
        assertThat(internalAccount(unit, "Cheques in clearing").getString("ledgerBalance")).isEqualTo("-480.00");

        Api.as(Tokens.agent(unit)).post("/operations/{id}/clear", id).then().statusCode(200).body(at("status", equalTo("CLEARED")));
        assertThat(Ledgers.account(account).getString("availableBalance")).isEqualTo("480.00");
        Api.as(Tokens.agent(unit)).post("/operations/{id}/clear", id).then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
    }

    @Test
    void a_bounced_cheque_takes_the_credit_back() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        String id = submit(Tokens.frontOffice(), cheque(account, "75.00", LocalDate.now(PARIS).minusDays(1))).getString("id");
        Api.as(Tokens.agent(unit)).post("/operations/{id}/validate", id).then().statusCode(200);

        Api.as(Tokens.agent(unit)).body(Map.of("reason", "Drawer's account closed")).post("/operations/{id}/bounce", id)
                .then().statusCode(200).body(at("status", equalTo("BOUNCED")));
        JsonPath after = Ledgers.account(account);
        assertThat(after.getString("ledgerBalance")).isEqualTo("0.00");
        assertThat(after.getString("heldAmount")).isEqualTo("0.00");
        Api.as(Tokens.agent(unit)).get("/accounts/{id}/entries", account).then()
                .body(at("items.amount", equalTo(List.of("75.00", "-75.00"))));
    }

    @Test
    void clear_and_bounce_apply_to_cheque_deposits_only() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "10.00");
        String id = submit(Tokens.frontOffice(), transfer(from, Fixtures.currentAccount(unit), "5.00")).getString("id");
        Api.as(Tokens.agent(unit)).post("/operations/{id}/clear", id).then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
    }

    @Test
    void cheques_must_be_neither_postdated_nor_older_than_one_year_and_eight_days() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", "postdated-" + account)
                .body(cheque(account, "10.00", LocalDate.now(PARIS).plusDays(5)))
                .post("/operations").then().statusCode(422).body(at("code", equalTo("CHEQUE_POSTDATED")));
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", "expired-" + account)
                .body(cheque(account, "10.00", LocalDate.now(PARIS).minusYears(1).minusDays(10)))
                .post("/operations").then().statusCode(422).body(at("code", equalTo("CHEQUE_EXPIRED")));
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", "just-valid-" + account)
                .body(cheque(account, "10.00", LocalDate.now(PARIS).minusYears(1).minusDays(6)))
                .post("/operations").then().statusCode(201);
    }

    @Test
    void a_supervisor_reverses_an_executed_operation_and_the_two_link_to_each_other() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        String id = submit(Tokens.frontOffice(), transfer(from, to, "30.00")).getString("id");

        Api.as(Tokens.agent(unit)).body(Map.of("reason", "x")).post("/operations/{id}/reverse", id).then().statusCode(403);
        JsonPath original = Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "Wrong beneficiary"))
                .post("/operations/{id}/reverse", id).then().statusCode(200)
                .body(at("status", equalTo("REVERSED"))).extract().jsonPath();
        String reversalId = original.getString("reversedBy");
        Api.as(Tokens.supervisor(unit)).get("/operations/{id}", reversalId).then().statusCode(200)
                .body(at("type", equalTo("REVERSAL")))
                .body(at("status", equalTo("EXECUTED")))
                .body(at("reversalOf", equalTo(id)))
                .body(at("debitAccountId", equalTo(to)))
                .body(at("creditAccountId", equalTo(from)));
        assertThat(Ledgers.balance(from)).isEqualTo("100.00");
        assertThat(Ledgers.balance(to)).isEqualTo("0.00");

        Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "again")).post("/operations/{id}/reverse", reversalId)
                .then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
        Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "again")).post("/operations/{id}/reverse", id)
                .then().statusCode(409).body(at("code", equalTo("INVALID_TRANSITION")));
    }

    @Test
    void a_reversal_the_credited_account_cannot_afford_is_refused_and_changes_nothing() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "50.00");
        String id = submit(Tokens.frontOffice(), transfer(from, to, "50.00")).getString("id");
        submit(Tokens.frontOffice(), transfer(to, from, "50.00"));

        Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "Wrong beneficiary")).post("/operations/{id}/reverse", id)
                .then().statusCode(422).body(at("code", equalTo("INSUFFICIENT_FUNDS")));
        Api.as(Tokens.admin()).get("/operations/{id}", id).then().body(at("status", equalTo("EXECUTED")));
    }

    @Test
    void a_supervisor_reverses_an_operation_whose_accounts_were_frozen_since() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "50.00");
        String id = submit(Tokens.frontOffice(), transfer(from, to, "20.00")).getString("id");
        for (String account : List.of(from, to)) {
            Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "Court order")).post("/accounts/{id}/freeze", account)
                    .then().statusCode(200);
        }

        Api.as(Tokens.supervisor(unit)).body(Map.of("reason", "Wrong beneficiary")).post("/operations/{id}/reverse", id)
                .then().statusCode(200).body(at("status", equalTo("REVERSED")));
        assertThat(Ledgers.balance(from)).isEqualTo("50.00");
        assertThat(Ledgers.balance(to)).isEqualTo("0.00");
        // a customer's own operation on a frozen account is still refused
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", "frozen-after-reversal-" + from).body(transfer(from, to, "1.00"))
                .post("/operations").then().statusCode(422).body(at("code", equalTo("ACCOUNT_FROZEN")));
    }

    @Test
    void a_submission_that_cannot_become_a_valid_operation_gets_422_and_creates_nothing() {
        String unit = Fixtures.unit();
        String poor = Fixtures.currentAccount(unit);
        String other = Fixtures.currentAccount(unit);
        String dollars = Fixtures.account(unit, "CURRENT", "USD", "0").getString("id");
        String frozen = Fixtures.currentAccount(unit);
        Ledgers.fund(frozen, "10.00");
        Api.as(Tokens.agent(unit)).body(Map.of("reason", "Court order")).post("/accounts/{id}/freeze", frozen).then().statusCode(200);

        refused(transfer(poor, other, "0.01"), 422, "INSUFFICIENT_FUNDS");
        refused(transfer(poor, dollars, "1.00"), 422, "CURRENCY_MISMATCH");
        refused(transfer(poor, poor, "1.00"), 422, "SAME_ACCOUNT");
        refused(transfer(poor, "01a2205f-0000-7000-8000-000000000000", "1.00"), 422, "UNKNOWN_ACCOUNT");
        refused(transfer(frozen, other, "1.00"), 422, "ACCOUNT_FROZEN");
        refused(transfer(other, frozen, "0.00"), 400, "VALIDATION_FAILED");
        Map<String, Object> past = transfer(frozen, other, "1.00");
        past.put("requestedExecutionDate", LocalDate.now(PARIS).minusDays(2).toString());
        refused(past, 422, "EXECUTION_DATE_IN_PAST");

        Api.as(Tokens.admin()).queryParam("accountId", poor).get("/operations").then().body(at("items", hasSize(0)));
        assertThat(Ledgers.account(poor).getString("heldAmount")).isEqualTo("0.00");
    }

    @Test
    void each_type_takes_exactly_its_fields() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        Api.invalidRequestAs(Tokens.frontOffice()).header("Idempotency-Key", "shape-1-" + account)
                .body(Map.of("type", "CASH_DEPOSIT", "amount", "1.00", "currency", "EUR", "debitAccountId", account))
                .post("/operations").then().statusCode(400)
                .body(at("errors.field", hasItem("creditAccountId")))
                .body(at("errors.field", hasItem("debitAccountId")));
        Api.invalidRequestAs(Tokens.frontOffice()).header("Idempotency-Key", "shape-2-" + account)
                .body(Map.of("type", "REVERSAL", "amount", "1.00", "currency", "EUR", "debitAccountId", account))
                .post("/operations").then().statusCode(400).body(at("errors.field", hasItem("type")));
        Api.invalidRequestAs(Tokens.frontOffice()).header("Idempotency-Key", "shape-3-" + account)
                .body(Map.of("type", "CASH_DEPOSIT", "amount", "1.001", "currency", "EUR", "creditAccountId", account))
                .post("/operations").then().statusCode(400).body(at("errors[0].field", equalTo("amount")));
    }

    @Test
    void idempotency_keys_replay_the_first_answer_and_refuse_another_body() {
        String unit = Fixtures.unit();
        String from = Fixtures.currentAccount(unit);
        String to = Fixtures.currentAccount(unit);
        Ledgers.fund(from, "100.00");
        String key = "pay-rent-" + from;

        JsonPath first = Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(transfer(from, to, "60.00"))
                .post("/operations").then().statusCode(201).extract().jsonPath();
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(transfer(from, to, "60.00"))
                .post("/operations").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", org.hamcrest.Matchers.endsWith("/operations/" + first.getString("id")))
                .body(at("id", equalTo(first.getString("id"))));
        Api.as(Tokens.frontOffice()).header("Idempotency-Key", key).body(transfer(from, to, "61.00"))
                .post("/operations").then().statusCode(422).body(at("code", equalTo("IDEMPOTENCY_KEY_REUSED")));
        assertThat(Ledgers.balance(from)).isEqualTo("40.00");

        // keys belong to the caller: another client may use the same one
        Api.as(Tokens.token("other-app", null, "front-office")).header("Idempotency-Key", key).body(transfer(from, to, "1.00"))
                .post("/operations").then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        Api.invalidRequestAs(Tokens.frontOffice()).body(transfer(from, to, "1.00")).post("/operations").then().statusCode(400)
                .body(at("errors[0].field", equalTo("Idempotency-Key")));
    }

    @Test
    void the_trial_balance_is_balanced_and_for_supervisors_auditors_and_admins() {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        Ledgers.fund(account, "10.00");
        Api.as(Tokens.auditor()).queryParam("currency", "EUR").get("/ledger/trial-balance").then().statusCode(200)
                .body(at("balanced", equalTo(true)))
                .body(at("currencies[0].currency", equalTo("EUR")))
                .body(at("currencies[0].sumOfBalances", equalTo("0.00")));
        Api.as(Tokens.frontOffice()).get("/ledger/trial-balance").then().statusCode(403);
        Api.as(Tokens.agent(unit)).get("/ledger/trial-balance").then().statusCode(403);
    }

    @Test
    void the_balance_at_a_past_instant_is_the_sum_of_the_entries_posted_until_then() throws InterruptedException {
        String unit = Fixtures.unit();
        String account = Fixtures.currentAccount(unit);
        Ledgers.fund(account, "10.00");
        String between = Api.as(Tokens.admin()).get("/accounts/{id}/entries", account).jsonPath().getString("items[0].postedAt");
        Thread.sleep(5);
        Ledgers.fund(account, "5.00");

        Api.as(Tokens.agent(unit)).queryParam("at", between).get("/accounts/{id}/balance", account).then().statusCode(200)
                .body(at("ledgerBalance", equalTo("10.00")));
        Api.as(Tokens.agent(unit)).get("/accounts/{id}/balance", account).then().statusCode(200)
                .body(at("ledgerBalance", equalTo("15.00"))).body(at("currency", equalTo("EUR")));
        Api.as(Tokens.agent(unit)).queryParam("at", "2000-01-01T00:00:00Z").get("/accounts/{id}/balance", account)
                .then().body(at("ledgerBalance", equalTo("0.00")));
        Api.as(Tokens.agent(Fixtures.unit())).get("/accounts/{id}/balance", account).then().statusCode(404);
        Api.invalidRequestAs(Tokens.admin()).queryParam("at", "noon").get("/accounts/{id}/balance", account).then().statusCode(400);
    }

    private static void refused(Map<String, Object> request, int status, String code) {
        var spec = status == 400 ? Api.invalidRequestAs(Tokens.frontOffice()) : Api.as(Tokens.frontOffice());
        spec.header("Idempotency-Key", java.util.UUID.randomUUID().toString()).body(request)
                .post("/operations").then().statusCode(status).body(at("code", equalTo(code)));
    }

    private static Map<String, Object> cheque(String account, String amount, LocalDate issued) {
        return Map.of("type", "CHEQUE_DEPOSIT", "amount", amount, "currency", "EUR", "creditAccountId", account,
                "cheque", Map.of("number", "0012345", "drawerName", "Jean Durand", "drawerBank", "Banque Exemple",
                        "issueDate", issued.toString()));
    }

    private static JsonPath internalAccount(String unit, String purposeLabel) {
        JsonPath page = Api.as(Tokens.admin()).queryParam("unit", unit).queryParam("type", "INTERNAL")
                .get("/accounts").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        String id = items.stream().filter(a -> ((Map<?, ?>) a.get("holder")).get("name").toString().startsWith(purposeLabel))
                .map(a -> a.get("id").toString()).findFirst().orElseThrow();
        return Ledgers.account(id);
    }
}
