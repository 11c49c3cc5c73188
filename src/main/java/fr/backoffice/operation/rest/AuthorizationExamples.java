package fr.backoffice.operation.rest;

/** Example JSON of the authorization endpoints for the OpenAPI document. */
final class AuthorizationExamples {

    static final String NEW_AUTHORIZATION = """
            {
              "debitAccountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "amount": "120.00",
              "currency": "EUR",
              "creditAccountId": "019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81",
              "label": "Hotel Lutetia, booking 4471",
              "expiresAt": "2026-12-14T10:00:00Z"
            }""";

    static final String NEW_EXTERNAL_AUTHORIZATION = """
            {
              "debitAccountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "amount": "75.50",
              "currency": "EUR",
              "creditor": { "name": "Dupont SARL", "iban": "DE89370400440532013000", "bic": "COBADEFFXXX" }
            }""";

    static final String NEW_CAPTURE = """
            { "amount": "80.00" }""";

    static final String AUTHORIZATION = """
            {
              "id": "019ac9d3-4c21-7d22-9c33-4d5e6f708193",
              "status": "AUTHORIZED",
              "amount": "120.00",
              "capturedAmount": "80.00",
              "remainingAmount": "40.00",
              "captureLimit": "120.00",
              "currency": "EUR",
              "debitAccountId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "creditAccountId": "019ac9d2-7a10-7c41-8b2f-3c4d5e6f7a81",
              "label": "Hotel Lutetia, booking 4471",
              "unit": "PAR-01",
              "clientId": "hotel-booking-app",
              "expiresAt": "2026-12-14T10:00:00Z",
              "createdAt": "2026-12-07T10:00:00Z",
              "captures": [
                { "operationId": "019ac9d3-5d32-7d22-9c33-4d5e6f708194", "amount": "80.00", "capturedAt": "2026-12-08T09:12:00Z" }
              ],
              "version": 1
            }""";

    private AuthorizationExamples() {
    }
}
