package fr.backoffice.filing.rest;

import fr.backoffice.declarant.rest.DeclarantExamples;

/**
 * Example JSON of the filing endpoints. Kept beside the feature rather than in the shared {@code Examples}
 * class: they are many and long, and features written in parallel should not all edit one file.
 */
public final class FilingExamples {

    private FilingExamples() {
    }

    public static final String ID = "019ac9d2-7a10-7c41-9a8e-2b1d4c5e6f71";
    public static final String DECLARANT_ID = DeclarantExamples.ID;

    public static final String VAT_CONTENT = """
            {
              "taxableSales": [ { "rate": "20", "base": 10000 }, { "rate": "5.5", "base": 105 } ],
              "intraEuAcquisitions": [],
              "deductibleVat": { "goodsAndServices": 1200, "fixedAssets": 0, "other": 0 }
            }""";

    public static final String ANNUAL_CONTENT = """
            {
              "totalAssets": 1200000,
              "totalLiabilities": 700000,
              "equity": 500000,
              "revenue": 2400000,
              "expenses": 2250000,
              "netIncome": 150000,
              "approvalDate": "2026-05-20"
            }""";

    public static final String NEW_VAT_RETURN = """
            {
              "type": "VAT_RETURN",
              "declarantId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "periodStart": "2026-10-01",
              "periodEnd": "2026-10-31",
              "content": {
                "taxableSales": [ { "rate": "20", "base": 10000 }, { "rate": "5.5", "base": 105 } ],
                "intraEuAcquisitions": [],
                "deductibleVat": { "goodsAndServices": 1200, "fixedAssets": 0, "other": 0 }
              }
            }""";

    public static final String NEW_ANNUAL_ACCOUNTS = """
            {
              "type": "ANNUAL_ACCOUNTS",
              "declarantId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "periodStart": "2025-01-01",
              "periodEnd": "2025-12-31",
              "content": {
                "totalAssets": 1200000, "totalLiabilities": 700000, "equity": 500000,
                "revenue": 2400000, "expenses": 2250000, "netIncome": 150000,
                "approvalDate": "2026-05-20"
              }
            }""";

    public static final String FILING = """
            {
              "id": "019ac9d2-7a10-7c41-9a8e-2b1d4c5e6f71",
              "type": "VAT_RETURN",
              "declarantId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "periodStart": "2026-10-01",
              "periodEnd": "2026-10-31",
              "dueDate": "2026-11-19",
              "status": "DRAFT",
              "content": {
                "taxableSales": [ { "rate": "20", "base": 10000 }, { "rate": "5.5", "base": 105 } ],
                "intraEuAcquisitions": [],
                "deductibleVat": { "goodsAndServices": 1200, "fixedAssets": 0, "other": 0 }
              },
              "computed": {
                "lines": [
                  { "kind": "TAXABLE_SALE", "rate": "20", "base": 10000, "vat": 2000 },
                  { "kind": "TAXABLE_SALE", "rate": "5.5", "base": 105, "vat": 6 }
                ],
                "totalOutputVat": 2006,
                "totalDeductibleVat": 1200,
                "creditCarriedForward": { "amount": 0, "source": "NONE" },
                "netVatDue": 806,
                "creditToCarryForward": 0
              },
              "checks": {
                "checkedAt": "2026-11-02T09:15:00Z",
                "passed": true,
                "results": [
                  { "code": "MISSING_FIGURES", "outcome": "PASSED", "message": "Every figure of the return is stated." },
                  { "code": "DUPLICATE_RATE", "outcome": "PASSED", "message": "At most one line per rate." },
                  { "code": "CREDIT_CARRIED_FORWARD_MISMATCH", "outcome": "PASSED", "message": "No credit declared and no previous accepted return: none brought forward." },
                  { "code": "PREVIOUS_RETURN_NOT_ACCEPTED", "outcome": "PASSED", "message": "The return of the preceding period is accepted, or this is the declarant's first return." },
                  { "code": "PERIOD_NOT_ENDED", "outcome": "PASSED", "field": "periodEnd", "message": "The period is over." }
                ]
              },
              "preparedBy": "front-app-1",
              "validatedBy": null,
              "submittedBy": null,
              "amends": null,
              "amendedBy": null,
              "history": [ { "at": "2026-11-02T09:15:00Z", "actor": "front-app-1", "action": "CREATED", "to": "DRAFT" } ],
              "createdAt": "2026-11-02T09:15:00Z",
              "version": 0
            }""";

    public static final String ACK_ACCEPTED = """
            { "outcome": "ACCEPTED", "administrationReference": "DGFIP-2026-11-000123456" }""";

    public static final String ACK_REJECTED = """
            { "outcome": "REJECTED", "administrationReference": "DGFIP-2026-11-000123457", "reason": "Unknown VAT number" }""";

    public static final String DOCUMENT = """
            {"computed":{"creditCarriedForward":{"amount":0,"source":"NONE"},"creditToCarryForward":0,"lines":[{"base":10000,"kind":"TAXABLE_SALE","rate":"20","vat":2000}],"netVatDue":800,"totalDeductibleVat":1200,"totalOutputVat":2000},"content":{"deductibleVat":{"fixedAssets":0,"goodsAndServices":1200,"other":0},"taxableSales":[{"base":10000,"rate":"20"}]},"declarant":{"name":"Boulangerie Martin SAS","siren":"732829320","vatNumber":"FR44732829320"},"dueDate":"2026-11-19","filingId":"019ac9d2-7a10-7c41-9a8e-2b1d4c5e6f71","format":"backoffice-filing/1","period":{"end":"2026-10-31","start":"2026-10-01"},"preparedBy":"front-app-1","submittedAt":"2026-11-03T10:00:00Z","submittedBy":"supervisor-007","type":"VAT_RETURN","validatedAt":"2026-11-02T16:00:00Z","validatedBy":"agent-042"}""";

    public static final String OBLIGATIONS = """
            {
              "declarantId": "019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70",
              "from": "2026-09-01",
              "to": "2026-12-31",
              "items": [
                { "type": "VAT_RETURN", "periodStart": "2026-09-01", "periodEnd": "2026-09-30", "dueDate": "2026-10-19", "status": "OVERDUE" },
                { "type": "VAT_RETURN", "periodStart": "2026-10-01", "periodEnd": "2026-10-31", "dueDate": "2026-11-19", "status": "FULFILLED", "filingId": "019ac9d2-7a10-7c41-9a8e-2b1d4c5e6f71", "filingStatus": "SUBMITTED" },
                { "type": "VAT_RETURN", "periodStart": "2026-11-01", "periodEnd": "2026-11-30", "dueDate": "2026-12-19", "status": "OPEN" },
                { "type": "VAT_RETURN", "periodStart": "2026-12-01", "periodEnd": "2026-12-31", "dueDate": "2027-01-19", "status": "OPEN" },
                { "type": "ANNUAL_ACCOUNTS", "periodStart": "2026-01-01", "periodEnd": "2026-12-31", "dueDate": "2027-07-31", "status": "OPEN" }
              ]
            }""";
}
