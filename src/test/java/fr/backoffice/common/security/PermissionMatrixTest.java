package fr.backoffice.common.security;

import fr.backoffice.support.Api;
import fr.backoffice.support.Endpoints;
import fr.backoffice.support.Endpoints.Endpoint;
import fr.backoffice.support.Endpoints.Target;
import fr.backoffice.support.Fixtures;
import fr.backoffice.support.Ledgers;
import fr.backoffice.support.Problems;
import fr.backoffice.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static fr.backoffice.support.Json.at;
import static fr.backoffice.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The security rules (docs/security.md "Security rules") as a matrix: every endpoint touching a unit's accounts and
 * operations, called with single- and multi-role tokens of one unit on the objects of that unit and of another. The
 * rule: an endpoint is allowed by the roles that grant it, each with its reach ({@code agent}, {@code supervisor}:
 * their own unit; {@code front-office}, {@code auditor}, {@code admin}: every unit); a role the endpoint does not list
 * widens nothing.
 */
@QuarkusTest
class PermissionMatrixTest {

    private static final List<Set<String>> ROLE_SETS = List.of(
            Set.of(Roles.AGENT), Set.of(Roles.SUPERVISOR), Set.of(Roles.AGENT, Roles.SUPERVISOR),
            Set.of(Roles.AGENT, Roles.FRONT_OFFICE), Set.of(Roles.AGENT, Roles.AUDITOR), Set.of(Roles.SUPERVISOR, Roles.AUDITOR),
            Set.of(Roles.SUPERVISOR, Roles.FRONT_OFFICE), Set.of(Roles.AGENT, Roles.ADMIN),
            Set.of(Roles.FRONT_OFFICE), Set.of(Roles.AUDITOR), Set.of(Roles.ADMIN));

    /** The product rule, restated: whether a token with these roles of {@code tokenUnit} may use the endpoint on {@code objectUnit}. */
    private static boolean allowed(Set<String> granting, Set<String> roles, String tokenUnit, String objectUnit) {
        return roles.stream().filter(granting::contains)
                .anyMatch(role -> !Set.of(Roles.AGENT, Roles.SUPERVISOR).contains(role) || tokenUnit.equals(objectUnit));
    }

    @Test
    void every_endpoint_by_every_token_on_its_own_unit_and_another() {
        Target home = Endpoints.target(Fixtures.unit());
        Target other = Endpoints.target(Fixtures.unit());
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (Set<String> roles : ROLE_SETS) {
            String token = Tokens.token(String.join("+", roles) + "-" + home.unit(), home.unit(), roles.toArray(String[]::new));
            for (Endpoint endpoint : Endpoints.UNIT_SCOPED) {
                for (Target target : List.of(home, other)) {
                    Response response = endpoint.call(RestAssured.given().contentType(ContentType.JSON).auth().oauth2(token), target);
                    String expected = expected(endpoint, roles, home.unit(), target.unit());
                    String actual = outcome(endpoint, response, target);
                    if (!expected.equals(actual)) {
                        wrong.add(endpoint + " by " + roles + " of " + home.unit() + " on " + (target == home ? "its" : "another")
                                + " unit: expected " + expected + ", got " + actual + " " + response.asString());
                    }
                    cases++;
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(cases).isEqualTo(ROLE_SETS.size() * Endpoints.UNIT_SCOPED.size() * 2);
        System.out.println("PermissionMatrixTest: " + cases + " cases");
    }

    private static String expected(Endpoint endpoint, Set<String> roles, String tokenUnit, String objectUnit) {
        if (roles.stream().noneMatch(endpoint.roles()::contains)) {
            return "403 FORBIDDEN";
        }
        boolean allowed = allowed(endpoint.roles(), roles, tokenUnit, objectUnit);
        return switch (endpoint.kind()) {
            case READ -> allowed ? "200" : "404 NOT_FOUND";
            case LIST -> allowed ? "listed" : "not listed";
            case QUEUE -> allowed ? "200" : "403 FORBIDDEN";
            case SUBMIT -> allowed ? "201" : "422 UNKNOWN_ACCOUNT";
            // let through by the access rule, then refused by the object's state (CANCELLED) or its version
            case ACTION -> allowed ? "let through" : "403 FORBIDDEN";
        };
    }

    private static String outcome(Endpoint endpoint, Response response, Target target) {
        int status = response.statusCode();
        String code = status >= 400 ? " " + Problems.code(response) : "";
        return switch (endpoint.kind()) {
            case LIST -> status != 200 ? status + code
                    : ((List<?>) response.as(Map.class).get("items")).stream().map(item -> ((Map<?, ?>) item).get("id"))
                    .toList().contains(listed(endpoint, target)) ? "listed" : "not listed";
            case ACTION -> (status == 409 || status == 412) ? "let through" : status + code;
            default -> status + code;
        };
    }

    /** The object a list endpoint should (or should not) show. */
    private static String listed(Endpoint endpoint, Target target) {
        if (endpoint.name().startsWith("GET /accounts")) {
            return target.account();
        }
        return endpoint.name().startsWith("GET /authorizations") ? target.authorization() : target.operation();
    }

    /**
     * Payment files are the bank's clearing desk's (docs/security.md "Security rules"): a file holds every unit's
     * transfers and their customers' names and IBANs, so it is closed and acknowledged by the clearing desk or an
     * admin, read by them and by auditors, and nothing of it is given to a unit's agents or supervisors. Each endpoint
     * is called on a file that does not exist (or, to close, with whatever waits), so the matrix changes nothing: a 404
     * (or 201 / 422 NOTHING_TO_SEND) is "let through".
     */
    @Test
    void payment_files_are_the_clearing_desks_and_the_auditors_read_them() {
        String unit = Fixtures.unit();
        String nowhere = UUID.randomUUID().toString();
        Set<String> desk = Set.of(Roles.CLEARING, Roles.ADMIN);
        Set<String> readers = Set.of(Roles.CLEARING, Roles.AUDITOR, Roles.ADMIN);
        Map<String, Set<String>> granted = new java.util.LinkedHashMap<>();
        granted.put("POST /payment-files", desk);
        granted.put("GET /payment-files", readers);
        granted.put("GET /payment-files/{id}", readers);
        granted.put("GET /payment-files/{id}/document", readers);
        granted.put("POST /payment-files/{id}/acknowledge", desk);
        granted.put("POST /payment-files/status-reports", desk);
        granted.put("POST /payment-files/incoming", Set.of(Roles.ADMIN));
        granted.put("POST /payment-files/returns", Set.of(Roles.ADMIN));
        List<Set<String>> roleSets = List.of(Set.of(Roles.FRONT_OFFICE), Set.of(Roles.AGENT), Set.of(Roles.SUPERVISOR),
                Set.of(Roles.AUDITOR), Set.of(Roles.ADMIN), Set.of(Roles.CLEARING), Set.of(Roles.SUPERVISOR, Roles.AUDITOR),
                Set.of(Roles.SUPERVISOR, Roles.CLEARING), Set.of(Roles.AGENT, Roles.FRONT_OFFICE));
        List<String> wrong = new ArrayList<>();
        for (Set<String> roles : roleSets) {
            String token = Tokens.token(String.join("+", roles) + "-files", unit, roles.toArray(String[]::new));
            for (Map.Entry<String, Set<String>> endpoint : granted.entrySet()) {
                Response response = callFileEndpoint(endpoint.getKey(), token, nowhere);
                boolean allowed = roles.stream().anyMatch(endpoint.getValue()::contains);
                int status = response.statusCode();
                boolean letThrough = status == 200 || status == 201 || status == 404 || status == 422 || status == 400;
                boolean refused = status == 403 && "FORBIDDEN".equals(Problems.code(response));
                if (allowed ? !letThrough : !refused) {
                    wrong.add(endpoint.getKey() + " by " + roles + ": " + status + " " + response.asString());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static Response callFileEndpoint(String endpoint, String token, String nowhere) {
        var request = RestAssured.given().auth().oauth2(token);
        return switch (endpoint) {
            case "POST /payment-files" -> request.post("/payment-files");
            case "GET /payment-files" -> request.get("/payment-files");
            case "GET /payment-files/{id}" -> request.get("/payment-files/{id}", nowhere);
            case "GET /payment-files/{id}/document" -> request.accept("application/xml").get("/payment-files/{id}/document", nowhere);
            case "POST /payment-files/{id}/acknowledge" -> request.contentType(ContentType.JSON)
                    .body(Map.of("outcome", "ACCEPTED")).post("/payment-files/{id}/acknowledge", nowhere);
            // a message that is not XML: refused as invalid (400) once let through
            case "POST /payment-files/status-reports" -> request.contentType("application/xml").body("<x/>")
                    .post("/payment-files/status-reports");
            case "POST /payment-files/incoming" -> request.contentType("application/xml").body("<x/>").post("/payment-files/incoming");
            case "POST /payment-files/returns" -> request.contentType("application/xml").body("<x/>").post("/payment-files/returns");
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    /**
     * Reconciliation is the bank's reconciliation desk's (docs/security.md "Security rules"): it and admins load
     * statements and work the queue, auditors read, nobody else. Each endpoint is called on nothing (a statement that is
     * not XML, ids that name nothing), so a 400 or 404 is "let through".
     */
    @Test
    void reconciliation_is_the_reconciliation_desks_and_the_auditors_read_it() {
        String unit = Fixtures.unit();
        String nowhere = UUID.randomUUID().toString();
        Set<String> desk = Set.of(Roles.RECONCILIATION, Roles.ADMIN);
        Set<String> readers = Set.of(Roles.RECONCILIATION, Roles.AUDITOR, Roles.ADMIN);
        Map<String, Set<String>> granted = new java.util.LinkedHashMap<>();
        granted.put("POST /reconciliation/statements", desk);
        granted.put("GET /reconciliation/statements/{id}", readers);
        granted.put("GET /reconciliation/exceptions", readers);
        granted.put("GET /reconciliation/exceptions/{id}", readers);
        granted.put("POST /reconciliation/exceptions/{id}/claim", desk);
        granted.put("POST /reconciliation/exceptions/{id}/resolve", desk);
        granted.put("GET /reconciliation/reports/{accountId}/{date}", readers);
        List<Set<String>> roleSets = List.of(Set.of(Roles.FRONT_OFFICE), Set.of(Roles.AGENT), Set.of(Roles.SUPERVISOR),
                Set.of(Roles.AUDITOR), Set.of(Roles.ADMIN), Set.of(Roles.CLEARING), Set.of(Roles.RECONCILIATION),
                Set.of(Roles.SUPERVISOR, Roles.AUDITOR), Set.of(Roles.AGENT, Roles.FRONT_OFFICE));
        List<String> wrong = new ArrayList<>();
        for (Set<String> roles : roleSets) {
            String token = Tokens.token(String.join("+", roles) + "-recon", unit, roles.toArray(String[]::new));
            for (Map.Entry<String, Set<String>> endpoint : granted.entrySet()) {
                var request = RestAssured.given().auth().oauth2(token);
                Response response = switch (endpoint.getKey()) {
                    case "POST /reconciliation/statements" -> request.contentType("application/xml").body("<x/>")
                            .post("/reconciliation/statements");
                    case "GET /reconciliation/statements/{id}" -> request.get("/reconciliation/statements/{id}", nowhere);
                    case "GET /reconciliation/exceptions" -> request.get("/reconciliation/exceptions");
                    case "GET /reconciliation/exceptions/{id}" -> request.get("/reconciliation/exceptions/{id}", nowhere);
                    case "POST /reconciliation/exceptions/{id}/claim" -> request.post("/reconciliation/exceptions/{id}/claim", nowhere);
                    case "GET /reconciliation/reports/{accountId}/{date}" ->
                            request.get("/reconciliation/reports/{accountId}/{date}", nowhere, "2026-12-01");
                    default -> request.contentType(ContentType.JSON).body(Map.of("resolution", "BANK_ERROR", "reason", "x"))
                            .post("/reconciliation/exceptions/{id}/resolve", nowhere);
                };
                boolean allowed = roles.stream().anyMatch(endpoint.getValue()::contains);
                int status = response.statusCode();
                boolean letThrough = status == 200 || status == 404 || status == 400;
                boolean refused = status == 403 && "FORBIDDEN".equals(Problems.code(response));
                if (allowed ? !letThrough : !refused) {
                    wrong.add(endpoint.getKey() + " by " + roles + ": " + status + " " + response.asString());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * Expected payments are registered by front offices (and admins) and read by them, the reconciliation desk and
     * auditors (docs/security.md "Security rules"). Called on nothing (an empty body, an id naming nothing), so a 400
     * or 404 is "let through".
     */
    @Test
    void expected_payments_are_the_front_offices_the_desk_and_auditors_read_them() {
        String unit = Fixtures.unit();
        Set<String> writers = Set.of(Roles.FRONT_OFFICE, Roles.ADMIN);
        Set<String> readers = Set.of(Roles.FRONT_OFFICE, Roles.RECONCILIATION, Roles.AUDITOR, Roles.ADMIN);
        Map<String, Set<String>> granted = new java.util.LinkedHashMap<>();
        granted.put("POST /expected-payments", writers);
        granted.put("GET /expected-payments", readers);
        granted.put("GET /expected-payments/{id}", readers);
        List<String> wrong = new ArrayList<>();
        for (Set<String> roles : List.of(Set.of(Roles.FRONT_OFFICE), Set.of(Roles.AGENT), Set.of(Roles.SUPERVISOR),
                Set.of(Roles.AUDITOR), Set.of(Roles.ADMIN), Set.of(Roles.CLEARING), Set.of(Roles.RECONCILIATION))) {
            String token = Tokens.token(String.join("+", roles) + "-expected", unit, roles.toArray(String[]::new));
            for (Map.Entry<String, Set<String>> endpoint : granted.entrySet()) {
                var request = RestAssured.given().auth().oauth2(token);
                Response response = switch (endpoint.getKey()) {
                    case "POST /expected-payments" -> request.contentType(ContentType.JSON).body(Map.of())
                            .header("Idempotency-Key", UUID.randomUUID().toString()).post("/expected-payments");
                    case "GET /expected-payments" -> request.get("/expected-payments");
                    default -> request.get("/expected-payments/{id}", UUID.randomUUID().toString());
                };
                boolean allowed = roles.stream().anyMatch(endpoint.getValue()::contains);
                int status = response.statusCode();
                boolean letThrough = status == 200 || status == 404 || status == 400;
                boolean refused = status == 403 && "FORBIDDEN".equals(Problems.code(response));
                if (allowed ? !letThrough : !refused) {
                    wrong.add(endpoint.getKey() + " by " + roles + ": " + status + " " + response.asString());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void an_auditor_who_is_an_agent_reads_every_unit_but_acts_in_their_own() {
        String home = Fixtures.unit();
        String elsewhere = Fixtures.unit();
        String token = Tokens.token("agent-auditor-" + home, home, Roles.AGENT, Roles.AUDITOR);
        for (String unit : List.of(home, elsewhere)) {
            String from = Fixtures.currentAccount(unit);
            Ledgers.fund(from, "2000.00");
            String id = Ledgers.submit(Tokens.frontOffice(), Ledgers.transfer(from, Fixtures.currentAccount(unit), "1500.00")).getString("id");
            Api.as(token).get("/operations/{id}", id).then().statusCode(200);
            if (unit.equals(home)) {
                Api.as(token).post("/operations/{id}/validate", id).then().statusCode(200).body(at("status", equalTo("EXECUTED")));
            } else {
                assertProblem(Api.as(token).post("/operations/{id}/validate", id), 403, "FORBIDDEN");
                assertProblem(Api.as(token).body(Map.of("reason", "No")).post("/accounts/{id}/freeze", from), 403, "FORBIDDEN");
                assertProblem(Api.as(token).get("/units/{code}/queue", unit), 403, "FORBIDDEN");
                Api.as(Tokens.admin()).get("/operations/{id}", id).then().body(at("status", equalTo("RECEIVED")));
                Api.as(Tokens.admin()).get("/accounts/{id}", from).then().body(at("status", equalTo("ACTIVE")));
            }
        }
    }

    @Test
    void another_units_account_is_answered_as_one_that_does_not_exist() {
        String home = Fixtures.unit();
        String elsewhere = Fixtures.unit();
        String mine = Fixtures.currentAccount(home);
        Ledgers.fund(mine, "100.00");
        String foreign = Fixtures.currentAccount(elsewhere);
        String foreignDollars = Fixtures.account(elsewhere, "CURRENT", "USD", "0.00").getString("id");
        String foreignFrozen = Fixtures.currentAccount(elsewhere);
        Api.as(Tokens.agent(elsewhere)).body(Map.of("reason", "Court order")).post("/accounts/{id}/freeze", foreignFrozen)
                .then().statusCode(200);
        String foreignInternal = Fixtures.account(elsewhere, "INTERNAL", "EUR", null).getString("id");
        String agent = Tokens.agent(home);

        for (String field : List.of("debitAccountId", "creditAccountId")) {
            String unknown = submitNaming(agent, field, UUID.randomUUID().toString(), mine);
            assertThat(unknown).contains("UNKNOWN_ACCOUNT");
            for (String account : List.of(foreign, foreignDollars, foreignFrozen, foreignInternal)) {
                assertThat(submitNaming(agent, field, account, mine)).as("%s naming %s", field, account).isEqualTo(unknown);
            }
        }
        // a front-office app reaches every unit: the same request is refused for what the account is
        assertProblem(Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Ledgers.transfer(mine, foreignDollars, "1.00")).post("/operations"), 422, "CURRENCY_MISMATCH");
    }

    /** The body of the answer to an agent's transfer naming {@code account} in {@code field}, {@code mine} on the other side. */
    private static String submitNaming(String token, String field, String account, String mine) {
        Map<String, Object> transfer = field.equals("debitAccountId") ? Ledgers.transfer(account, mine, "10.00")
                : Ledgers.transfer(mine, account, "10.00");
        Response response = Api.as(token).header("Idempotency-Key", UUID.randomUUID().toString()).body(transfer).post("/operations");
        assertProblem(response, 422, "UNKNOWN_ACCOUNT");
        return response.asString();
    }

    @Test
    void an_action_on_another_units_object_is_answered_as_on_one_that_does_not_exist() {
        String home = Fixtures.unit();
        String elsewhere = Fixtures.unit();
        Target target = Endpoints.target(elsewhere);
        String agent = Tokens.agent(home);
        String nowhere = UUID.randomUUID().toString();
        for (String action : List.of("claim", "validate", "reject")) {
            Map<String, Object> body = action.equals("reject") ? Map.of("reasonCode", "OTHER") : null;
            String foreign = post(agent, body, "/operations/{id}/" + action, target.operation()).asString();
            String missing = post(agent, body, "/operations/{id}/" + action, nowhere).asString();
            assertThat(foreign.replace(target.operation(), "ID")).isEqualTo(missing.replace(nowhere, "ID"));
            assertProblem(post(agent, body, "/operations/{id}/" + action, nowhere), 403, "FORBIDDEN");
        }
        String foreign = Api.as(agent).body(Map.of("reason", "x")).post("/accounts/{id}/freeze", target.account()).asString();
        String missing = Api.as(agent).body(Map.of("reason", "x")).post("/accounts/{id}/freeze", nowhere).asString();
        assertThat(foreign.replace(target.account(), "ID")).isEqualTo(missing.replace(nowhere, "ID"));
        // whoever reaches every unit learns that it does not exist
        assertProblem(Api.as(Tokens.frontOffice()).post("/operations/{id}/cancel", nowhere), 404, "NOT_FOUND");
    }

    private static Response post(String token, Map<String, Object> body, String path, String id) {
        var request = Api.as(token);
        return (body == null ? request : request.body(body)).post(path, id);
    }
}
