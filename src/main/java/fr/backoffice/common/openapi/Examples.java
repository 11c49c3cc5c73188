package fr.backoffice.common.openapi;

/** Example JSON for the OpenAPI document, in one place so the documented shapes are easy to compare. */
public final class Examples {

    private Examples() {
    }

    public static final String IDEMPOTENCY_KEY_OPTIONAL =
            "Optional. 1 to 255 printable ASCII characters, scoped to the caller (`sub`). A retry with the same key and "
                    + "body replays the first response with `Idempotent-Replayed: true`; another body gives 422 "
                    + "`IDEMPOTENCY_KEY_REUSED`; a retry while the first is in flight gives 409 `IDEMPOTENCY_REQUEST_IN_FLIGHT`.";

    public static final String IF_MATCH = "The `ETag` of the representation you read, e.g. `\"3\"`: the operations that "
            + "need it answer 428 `PRECONDITION_REQUIRED` without it, and 412 `PRECONDITION_FAILED` when it names an older "
            + "version. `*` is refused with 428 `PRECONDITION_REQUIRED`: name the version.";

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
              "overdraftLimit": "0.00"
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
              "overdraftLimit": "0.00",
              "openedAt": "2026-11-28T09:15:00Z",
              "closedAt": null,
              "lastStatusChange": null,
              "version": 0
            }""";

    public static final String ACCOUNT_PATCH = """
            { "holder": { "name": "Camille Martin-Durand" }, "overdraftLimit": "800.00" }""";

    public static final String FREEZE = """
            { "reason": "Suspected fraud reported by the customer" }""";

    public static final String IDEMPOTENCY_KEY_REQUIRED =
            "Required. 1 to 255 printable ASCII characters, scoped to the caller (`sub`), kept at least 24 h. A retry "
                    + "with the same key and body replays the first response with `Idempotent-Replayed: true`; another body "
                    + "gives 422 `IDEMPOTENCY_KEY_REUSED`; a retry while the first is in flight gives 409 "
                    + "`IDEMPOTENCY_REQUEST_IN_FLIGHT`. A refused request (4xx) stores nothing: its retry is judged afresh.";

    public static final String NEW_TRANSFER = """
            {
              "type": "TRANSFER",
              "amount": "250.00",
              "currency": "EUR",
              "debitAccountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "creditAccountId": "019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81",
              "reference": "INV-2026-1142",
              "label": "Rent November"
            }""";

    public static final String NEW_EXTERNAL_TRANSFER = """
            {
              "type": "TRANSFER",
              "amount": "1250.00",
              "currency": "EUR",
              "debitAccountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "creditor": { "name": "Dupont SARL", "iban": "DE89370400440532013000" },
              "requestedExecutionDate": "2026-12-01"
            }""";

    public static final String NEW_EXTERNAL_TRANSFER_WITH_BIC = """
            {
              "type": "TRANSFER",
              "amount": "80.00",
              "currency": "EUR",
              "debitAccountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "creditor": { "name": "Nordmann AS", "iban": "NO9386011117947", "bic": "DNBANOKKXXX" },
              "reference": "INV-2026-0043"
            }""";

    public static final String NEW_CHEQUE_DEPOSIT = """
            {
              "type": "CHEQUE_DEPOSIT",
              "amount": "480.00",
              "currency": "EUR",
              "creditAccountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "cheque": { "number": "0012345", "drawerName": "Jean Durand", "drawerBank": "Banque Exemple", "issueDate": "2026-11-20" }
            }""";

    public static final String NEW_FEE = """
            { "type": "FEE", "amount": "12.00", "currency": "EUR", "debitAccountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70", "vatRate": "20", "label": "Card fee" }""";

    public static final String OPERATION = """
            {
              "id": "019ac9d3-0b11-7d22-9c33-4d5e6f708192",
              "type": "TRANSFER",
              "status": "EXECUTED",
              "amount": "250.00",
              "currency": "EUR",
              "debitAccountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "creditAccountId": "019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81",
              "creditor": null,
              "cheque": null,
              "vatRate": null,
              "reference": "INV-2026-1142",
              "label": "Rent November",
              "unit": "PAR-01",
              "requestedExecutionDate": "2026-11-30",
              "valueDate": "2026-11-30",
              "receivedAt": "2026-11-30T09:15:00Z",
              "executedAt": "2026-11-30T09:15:00Z",
              "submittedBy": "online-banking",
              "validatedBy": null,
              "approvedBy": null,
              "assignee": null,
              "requiresApproval": false,
              "reasonCode": null,
              "reasonComment": null,
              "reversalOf": null,
              "reversedBy": null,
              "paymentFileId": null,
              "endToEndId": null,
              "debtor": null,
              "returnReason": null,
              "history": [
                { "at": "2026-11-30T09:15:00Z", "actor": "online-banking", "from": null, "to": "RECEIVED", "reason": null },
                { "at": "2026-11-30T09:15:00Z", "actor": "online-banking", "from": "RECEIVED", "to": "EXECUTED", "reason": null }
              ],
              "version": 0
            }""";

    public static final String REJECTION = """
            { "reasonCode": "SIGNATURE_MISMATCH", "comment": "Signature does not match the specimen" }""";

    public static final String REASON = """
            { "reason": "Booked on the wrong account at the customer's request" }""";
}
