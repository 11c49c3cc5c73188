package fr.backoffice.support;

import io.restassured.path.json.JsonPath;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates what a test needs through the API itself, each time with fresh names so tests never collide. */
public final class Fixtures {

    private static final AtomicInteger UNITS = new AtomicInteger();
    private static final AtomicInteger CUSTOMERS = new AtomicInteger();

    private Fixtures() {
    }

    /** AAA-00, AAA-01, ... ZZZ-99: unique within a run, and the test schema starts empty each run. */
    public static String newUnitCode() {
        int n = UNITS.getAndIncrement();
        int letters = n / 100;
        char[] code = {(char) ('A' + letters / 676 % 26), (char) ('A' + letters / 26 % 26), (char) ('A' + letters % 26)};
        return new String(code) + "-" + String.format("%02d", n % 100);
    }

    public static String newCustomerId() {
        return "C-" + String.format("%06d", CUSTOMERS.incrementAndGet());
    }

    public static String unit() {
        String code = newUnitCode();
        Api.as(Tokens.admin())
                .body(Map.of("code", code, "name", "Unit " + code, "region", "Test region"))
                .post("/units").then().statusCode(201);
        return code;
    }

    /**
     * An open account with this overdraft limit. An opening grants no credit line above the default (0.00 in tests, as
     * by default; docs/security.md "Security rules"): a higher limit is granted by a supervisor of the unit once the
     * account is open, as the bank does it, and the answer is then the account after that change.
     */
    public static JsonPath account(String unit, String type, String currency, String overdraftLimit) {
        boolean credit = overdraftLimit != null && new java.math.BigDecimal(overdraftLimit).signum() > 0;
        JsonPath opened = JsonPath.from(open(unit, type, currency, credit ? null : overdraftLimit));
        if (!credit) {
            return opened;
        }
        return Api.as(Tokens.supervisor(unit)).header("If-Match", "\"" + opened.getLong("version") + "\"")
                .body(Map.of("overdraftLimit", overdraftLimit)).patch("/accounts/{id}", opened.getString("id"))
                .then().statusCode(200).extract().jsonPath();
    }

    /** The answer to opening an account, as JSON text; no {@code overdraftLimit} in the request when null. */
    private static String open(String unit, String type, String currency, String overdraftLimit) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "holder", Map.of("name", "Holder of " + unit, "customerId", newCustomerId()),
                "type", type, "currency", currency, "unit", unit));
        if (overdraftLimit != null) {
            body.put("overdraftLimit", overdraftLimit);
        }
        String token = "INTERNAL".equals(type) ? Tokens.admin() : Tokens.frontOffice();
        return Api.as(token).body(body).post("/accounts").then().statusCode(201).extract().asString();
    }

    public static String currentAccount(String unit) {
        return Json.field(open(unit, "CURRENT", "EUR", "0.00"), "id");
    }

    /** The bank of {@link #externalIban()} in the BIC directory tests use (deploy/clearing/bic-directory.sample.csv). */
    public static final String EXTERNAL_BIC = "COBADEFFXXX";

    /**
     * A random IBAN at another bank, one the test BIC directory knows (Commerzbank, bank code 37040044, BIC
     * {@value #EXTERNAL_BIC}), so an external transfer to it is accepted without a {@code creditor.bic}.
     */
    public static String externalIban() {
        return new org.iban4j.Iban.Builder().countryCode(org.iban4j.CountryCode.DE).bankCode("37040044").buildRandom().toString();
    }
}
