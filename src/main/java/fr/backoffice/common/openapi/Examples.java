package fr.backoffice.common.openapi;

/** Example JSON for the OpenAPI document, in one place so the documented shapes are easy to compare. */
public final class Examples {

    private Examples() {
    }

    public static final String IDEMPOTENCY_KEY_OPTIONAL =
            "Optional. 1 to 255 printable ASCII characters, scoped to the caller (`sub`). A retry with the same key and "
                    + "body replays the first response with `Idempotent-Replayed: true`; another body gives 422 "
                    + "`IDEMPOTENCY_KEY_REUSED`; a retry while the first is in flight gives 409 `IDEMPOTENCY_REQUEST_IN_FLIGHT`.";

    public static final String IF_MATCH = "The `ETag` of the representation you read, e.g. `\"3\"`.";

    public static final String NEW_UNIT = """
            { "code": "PAR-01", "name": "Paris Opéra", "region": "Île-de-France" }""";

    public static final String UNIT = """
            { "code": "PAR-01", "name": "Paris Opéra", "region": "Île-de-France", "createdAt": "2026-11-28T09:15:00Z" }""";

    public static final String NEW_ACCOUNT = """
            {
              "holder": { "name": "Camille Martin", "customerId": "C-000123" },
              "type": "CURRENT",
              "currency": "EUR",
              "unit": "PAR-01",
              "overdraftLimit": "500.00"
            }""";

    public static final String ACCOUNT = """
            {
              "id": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "iban": "FR7612548000010000000000146",
              "holder": { "name": "Camille Martin", "customerId": "C-000123" },
              "type": "CURRENT",
              "currency": "EUR",
              "unit": "PAR-01",
              "status": "ACTIVE",
              "ledgerBalance": "0.00",
              "heldAmount": "0.00",
              "availableBalance": "0.00",
              "overdraftLimit": "500.00",
              "openedAt": "2026-11-28T09:15:00Z",
              "closedAt": null,
              "version": 0
            }""";

    public static final String ACCOUNT_PATCH = """
            { "holder": { "name": "Camille Martin-Durand" }, "overdraftLimit": "800.00" }""";

    public static final String FREEZE = """
            { "reason": "Suspected fraud reported by the customer" }""";
}
