package fr.backoffice.support;

import io.restassured.path.json.JsonPath;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Operations and balances as tests need them, through the API. */
public final class Ledgers {

    private Ledgers() {
    }

    public static Map<String, Object> transfer(String debit, String credit, String amount) {
        return new HashMap<>(Map.of("type", "TRANSFER", "amount", amount, "currency", "EUR",
                "debitAccountId", debit, "creditAccountId", credit));
    }

    /** A SEPA transfer from {@code debit} to a random IBAN at a bank the test BIC directory knows (no account of ours). */
    public static Map<String, Object> externalTransfer(String debit, String amount) {
        return new HashMap<>(Map.of("type", "TRANSFER", "amount", amount, "currency", "EUR", "debitAccountId", debit,
                "creditor", Map.of("name", "Dupont SARL", "iban", Fixtures.externalIban())));
    }

    public static Map<String, Object> cashDeposit(String credit, String amount) {
        return new HashMap<>(Map.of("type", "CASH_DEPOSIT", "amount", amount, "currency", "EUR", "creditAccountId", credit));
    }

    /** Submits with a fresh idempotency key and returns the created operation. */
    public static JsonPath submit(String token, Map<String, Object> operation) {
        return Api.as(token).header("Idempotency-Key", UUID.randomUUID().toString()).body(operation)
                .post("/operations").then().statusCode(201).extract().jsonPath();
    }

    /** Credits an account with cash, in straight-through deposits of at most 1000.00. */
    public static void fund(String accountId, String amount) {
        BigDecimal left = new BigDecimal(amount);
        BigDecimal chunk = new BigDecimal("1000.00");
        while (left.signum() > 0) {
            BigDecimal next = left.min(chunk);
            // read with Jackson: a JsonPath lookup evaluates a Groovy script, and funding runs in most tests
            String op = Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(cashDeposit(accountId, next.toPlainString())).post("/operations").then().statusCode(201)
                    .extract().asString();
            if (!"EXECUTED".equals(Json.field(op, "status"))) {
                throw new IllegalStateException("Funding deposit not executed: " + op);
            }
            left = left.subtract(next);
        }
    }

    public static JsonPath account(String id) {
        return Api.as(Tokens.admin()).get("/accounts/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    public static String balance(String id) {
        return Json.field(Api.as(Tokens.admin()).get("/accounts/{id}", id).then().statusCode(200).extract().asString(),
                "ledgerBalance");
    }
}
