package fr.backoffice.support;

import fr.backoffice.common.security.Roles;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The endpoints that touch a unit's accounts and operations, each with the roles the product grants it
 * (docs/security.md "Security rules", restated here rather than read from the annotations, so a drift of either shows),
 * and a request that would be valid for the objects of one unit.
 */
public final class Endpoints {

    private static final Set<String> EVERYONE = Set.of(Roles.FRONT_OFFICE, Roles.AGENT, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN);
    private static final Set<String> AGENTS = Set.of(Roles.AGENT, Roles.SUPERVISOR);

    private Endpoints() {
    }

    /**
     * What a request is about: a unit, a funded account of it (its customer's id) and a second one, and a CANCELLED
     * operation and a VOIDED authorization between them, so that every action an access check lets through is then
     * refused by the object's state (409, or 412 for the wrong If-Match): the matrix changes nothing but a few 1.00
     * transfers and authorizations.
     */
    public record Target(String unit, String account, String customerId, String otherAccount, String operation,
                         String authorization) {
    }

    public enum Kind {
        /** A read of one object: a refusal is 404 NOT_FOUND. */
        READ,
        /** A list: a refusal leaves the object out. */
        LIST,
        /** The queue of a unit: a refusal is 403 FORBIDDEN. */
        QUEUE,
        /** An action on an object named in the path: a refusal is 403 FORBIDDEN. */
        ACTION,
        /** POST /operations naming the object in the body: a refusal is 422 UNKNOWN_ACCOUNT. */
        SUBMIT
    }

    public record Endpoint(String name, Kind kind, Set<String> roles, BiFunction<RequestSpecification, Target, Response> call) {
        public Response call(RequestSpecification request, Target target) {
            return call.apply(request, target);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A fresh unit's target (see {@link Target}). */
    public static Target target(String unit) {
        var account = Fixtures.account(unit, "CURRENT", "EUR", "0.00");
        String id = account.getString("id");
        String other = Fixtures.currentAccount(unit);
        Ledgers.fund(id, "2000.00");
        String operation = Ledgers.submit(Tokens.frontOffice(), Ledgers.transfer(id, other, "1500.00")).getString("id");
        Api.as(Tokens.frontOffice()).post("/operations/{id}/cancel", operation).then().statusCode(200);
        String authorization = Api.as(Tokens.frontOffice()).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(authorization(id, other)).post("/authorizations").then().statusCode(201).extract().path("id");
        Api.as(Tokens.frontOffice()).post("/authorizations/{id}/void", authorization).then().statusCode(200);
        return new Target(unit, id, account.getString("holder.customerId"), other, operation, authorization);
    }

    private static Map<String, Object> authorization(String debit, String credit) {
        return Map.of("debitAccountId", debit, "creditAccountId", credit, "amount", "1.00", "currency", "EUR");
    }

    public static final List<Endpoint> UNIT_SCOPED = List.of(
            new Endpoint("GET /accounts/{id}", Kind.READ, EVERYONE, (r, t) -> r.get("/accounts/{id}", t.account())),
            new Endpoint("GET /accounts/{id}/entries", Kind.READ, EVERYONE, (r, t) -> r.get("/accounts/{id}/entries", t.account())),
            new Endpoint("GET /accounts/{id}/balance", Kind.READ, EVERYONE, (r, t) -> r.get("/accounts/{id}/balance", t.account())),
            new Endpoint("GET /accounts/{id}/statements/{date}", Kind.READ, EVERYONE, (r, t) -> r.get(
                    "/accounts/{id}/statements/{date}", t.account(), java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString())),
            new Endpoint("GET /operations/{id}", Kind.READ, EVERYONE, (r, t) -> r.get("/operations/{id}", t.operation())),
            new Endpoint("GET /accounts?customerId=", Kind.LIST, EVERYONE,
                    (r, t) -> r.queryParam("customerId", t.customerId()).get("/accounts")),
            new Endpoint("GET /accounts?unit=&customerId=", Kind.LIST, EVERYONE,
                    (r, t) -> r.queryParam("unit", t.unit()).queryParam("customerId", t.customerId()).get("/accounts")),
            new Endpoint("GET /operations?accountId=", Kind.LIST, EVERYONE,
                    (r, t) -> r.queryParam("accountId", t.account()).queryParam("limit", 200).get("/operations")),
            new Endpoint("GET /operations?status=&accountId=", Kind.LIST, EVERYONE,
                    (r, t) -> r.queryParam("status", "CANCELLED").queryParam("accountId", t.account()).get("/operations")),
            new Endpoint("GET /operations?unit=&accountId=", Kind.LIST, EVERYONE,
                    (r, t) -> r.queryParam("unit", t.unit()).queryParam("accountId", t.account()).queryParam("limit", 200)
                            .get("/operations")),
            new Endpoint("GET /units/{code}/queue", Kind.QUEUE, Set.of(Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN),
                    (r, t) -> r.get("/units/{code}/queue", t.unit())),
            new Endpoint("POST /operations", Kind.SUBMIT, Set.of(Roles.FRONT_OFFICE, Roles.AGENT),
                    (r, t) -> r.header("Idempotency-Key", UUID.randomUUID().toString())
                            .body(Ledgers.transfer(t.account(), t.otherAccount(), "1.00")).post("/operations")),
            new Endpoint("GET /authorizations/{id}", Kind.READ, EVERYONE, (r, t) -> r.get("/authorizations/{id}", t.authorization())),
            new Endpoint("GET /authorizations?accountId=", Kind.LIST, EVERYONE,
                    (r, t) -> r.queryParam("accountId", t.account()).queryParam("limit", 200).get("/authorizations")),
            new Endpoint("POST /authorizations", Kind.SUBMIT, Set.of(Roles.FRONT_OFFICE),
                    (r, t) -> r.header("Idempotency-Key", UUID.randomUUID().toString())
                            .body(authorization(t.account(), t.otherAccount())).post("/authorizations")),
            new Endpoint("POST /authorizations/{id}/capture", Kind.ACTION, Set.of(Roles.FRONT_OFFICE),
                    (r, t) -> r.body(Map.of("amount", "1.00")).post("/authorizations/{id}/capture", t.authorization())),
            new Endpoint("POST /authorizations/{id}/void", Kind.ACTION, Set.of(Roles.FRONT_OFFICE),
                    (r, t) -> r.post("/authorizations/{id}/void", t.authorization())),
            new Endpoint("POST /operations/{id}/claim", Kind.ACTION, AGENTS, (r, t) -> r.post("/operations/{id}/claim", t.operation())),
            new Endpoint("POST /operations/{id}/validate", Kind.ACTION, AGENTS,
                    (r, t) -> r.post("/operations/{id}/validate", t.operation())),
            new Endpoint("POST /operations/{id}/approve", Kind.ACTION, Set.of(Roles.SUPERVISOR),
                    (r, t) -> r.post("/operations/{id}/approve", t.operation())),
            new Endpoint("POST /operations/{id}/reject", Kind.ACTION, AGENTS,
                    (r, t) -> r.body(Map.of("reasonCode", "OTHER")).post("/operations/{id}/reject", t.operation())),
            new Endpoint("POST /operations/{id}/cancel", Kind.ACTION, Set.of(Roles.FRONT_OFFICE),
                    (r, t) -> r.post("/operations/{id}/cancel", t.operation())),
            new Endpoint("POST /operations/{id}/reverse", Kind.ACTION, Set.of(Roles.SUPERVISOR),
                    (r, t) -> r.body(Map.of("reason", "Matrix")).post("/operations/{id}/reverse", t.operation())),
            new Endpoint("POST /operations/{id}/clear", Kind.ACTION, AGENTS, (r, t) -> r.post("/operations/{id}/clear", t.operation())),
            new Endpoint("POST /operations/{id}/bounce", Kind.ACTION, AGENTS,
                    (r, t) -> r.body(Map.of("reason", "Matrix")).post("/operations/{id}/bounce", t.operation())),
            new Endpoint("PATCH /accounts/{id}", Kind.ACTION, AGENTS,
                    (r, t) -> r.header("If-Match", "\"999\"").body(Map.of("holder", Map.of("name", "Matrix")))
                            .patch("/accounts/{id}", t.account())),
            new Endpoint("POST /accounts/{id}/freeze", Kind.ACTION, AGENTS,
                    (r, t) -> r.header("If-Match", "\"999\"").body(Map.of("reason", "Matrix")).post("/accounts/{id}/freeze", t.account())),
            new Endpoint("POST /accounts/{id}/unfreeze", Kind.ACTION, Set.of(Roles.SUPERVISOR),
                    (r, t) -> r.header("If-Match", "\"999\"").body(Map.of("reason", "Matrix")).post("/accounts/{id}/unfreeze", t.account())),
            new Endpoint("POST /accounts/{id}/close", Kind.ACTION, AGENTS,
                    (r, t) -> r.header("If-Match", "\"999\"").post("/accounts/{id}/close", t.account())));
}
