package fr.backoffice.filing;

import fr.backoffice.common.security.Roles;
import fr.backoffice.support.Api;
import fr.backoffice.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Declarants and filings created through the API itself, with fresh SIRENs and people so that tests sharing
 * one database never collide.
 */
public final class FilingApi {

    private static final AtomicInteger SIRENS = new AtomicInteger();
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private FilingApi() {
    }

    /** A valid SIREN never handed out before in this run: 8 digits from a counter and the Luhn check digit. */
    public static String newSiren() {
        String prefix = String.format("%08d", 40_000_000 + SIRENS.incrementAndGet());
        int sum = 0;
        for (int j = 0; j < 8; j++) {
            int digit = prefix.charAt(7 - j) - '0';
            if (j % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return prefix + (10 - sum % 10) % 10;
    }

    /** A person's token with a fresh {@code sub}: four-eyes tests need preparers, validators and submitters who differ. */
    public static String person(String... roles) {
        return Tokens.token(String.join("+", roles) + "-" + PEOPLE.incrementAndGet(), "PAR-01", roles);
    }

    public static String agent() {
        return person(Roles.AGENT);
    }

    public static String supervisor() {
        return person(Roles.SUPERVISOR);
    }

    public static String subOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return JsonPath.from(payload).getString("sub");
    }

    public static JsonPath declarant(String vatRegime, String fiscalYearEnd, String liableFrom) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Declarant " + SIRENS.get(), "siren", newSiren(),
                "vatRegime", vatRegime, "fiscalYearEnd", fiscalYearEnd));
        if (liableFrom != null) {
            body.put("liableFrom", liableFrom);
        }
        return Api.as(Tokens.admin()).body(body).post("/declarants").then().statusCode(201).extract().jsonPath();
    }

    public static String monthlyDeclarant() {
        return declarant("MONTHLY", "12-31", null).getString("id");
    }

    public static Map<String, Object> line(String rate, long base) {
        return Map.of("rate", rate, "base", base);
    }

    public static Map<String, Object> vatContent(List<Map<String, Object>> sales, long goodsAndServices, Long credit) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("taxableSales", sales);
        content.put("deductibleVat", Map.of("goodsAndServices", goodsAndServices, "fixedAssets", 0, "other", 0));
        if (credit != null) {
            content.put("creditCarriedForward", credit);
        }
        return content;
    }

    /** Balanced accounts: 1 200 000 = 700 000 + 500 000; 150 000 = 2 400 000 − 2 250 000. */
    public static Map<String, Object> annualContent(String approvalDate) {
        Map<String, Object> content = new LinkedHashMap<>(Map.of("totalAssets", 1_200_000, "totalLiabilities", 700_000,
                "equity", 500_000, "revenue", 2_400_000, "expenses", 2_250_000, "netIncome", 150_000));
        if (approvalDate != null) {
            content.put("approvalDate", approvalDate);
        }
        return content;
    }

    public static Map<String, Object> newFiling(String type, String declarantId, String start, String end, Object content) {
        return Map.of("type", type, "declarantId", declarantId, "periodStart", start, "periodEnd", end, "content", content);
    }

    public static Response create(String token, String type, String declarantId, String start, String end, Object content) {
        return Api.as(token).body(newFiling(type, declarantId, start, end, content)).post("/filings");
    }

    public static JsonPath draft(String type, String declarantId, String start, String end, Object content) {
        return create(Tokens.frontOffice(), type, declarantId, start, end, content).then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath get(String id) {
        return Api.as(Tokens.auditor()).get("/filings/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    public static Response validate(String token, String id) {
        return Api.as(token).post("/filings/{id}/validate", id);
    }

    public static Response submit(String token, String id) {
        return Api.as(token).post("/filings/{id}/submit", id);
    }

    public static Response acknowledge(String id, String outcome, String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("outcome", outcome, "administrationReference", "DGFIP-" + id.substring(30)));
        if (reason != null) {
            body.put("reason", reason);
        }
        return Api.as(Tokens.admin()).body(body).post("/filings/{id}/acknowledgement", id);
    }

    /** Validated by one agent, submitted by another supervisor: the filing is SUBMITTED. */
    public static JsonPath validateAndSubmit(String id) {
        validate(agent(), id).then().statusCode(200);
        return submit(supervisor(), id).then().statusCode(200).extract().jsonPath();
    }

    /** Through the whole lifecycle to the administration's answer. */
    public static JsonPath filedAndAcknowledged(String id, String outcome) {
        validateAndSubmit(id);
        return acknowledge(id, outcome, outcome.equals("REJECTED") ? "Figures do not match the payment" : null)
                .then().statusCode(200).extract().jsonPath();
    }
}
