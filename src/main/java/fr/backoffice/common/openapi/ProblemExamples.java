package fr.backoffice.common.openapi;

import fr.backoffice.common.error.Problem;
import fr.backoffice.common.error.ProblemCode;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One example problem per problem code, published once as {@code #/components/examples/<CODE>}; the error responses
 * name the codes they answer with {@code @ExampleObject(name = "CODE", ref = "CODE")} (docs/api.md "The contract").
 * Why not annotations: an example is the {@link Problem} the service would write, so its {@code type} and
 * {@code title} come from {@link Problem#of} and the catalogue ({@link ProblemCode}), as in a real answer, rather than
 * being copied by hand beside each code.
 */
final class ProblemExamples {

    private static final String INSTANCE = "/accounts/019ac9d2-6f3e-7c41-9a8e-2b1d4c5e6f70";

    /** A typical detail of each code; a code not listed shows its meaning from the catalogue. */
    private static final Map<String, String> DETAILS = Map.ofEntries(
            Map.entry("ACCOUNT_CLOSED", "The account is closed."),
            Map.entry("ACCOUNT_FROZEN", "The account is frozen."),
            Map.entry("ACCOUNT_NOT_EMPTY", "The balance or the held amount is not zero."),
            Map.entry("ALREADY_AMENDED", "The filing already has an amendment."),
            Map.entry("ALREADY_CLAIMED", "Assigned to someone else."),
            Map.entry("ALREADY_MATCHED", "The entry was matched meanwhile."),
            Map.entry("AMOUNTS_DISAGREE", "They do not add up to the item's amount, or are on the wrong side."),
            Map.entry("AMOUNT_ABOVE_SEPA_MAXIMUM", "A transfer to another bank carries at most 999999999.99 EUR."),
            Map.entry("BALANCE_GAP", "The opening balance does not follow the last statement's closing balance (the detail names both, the gap and the missing sequence numbers)."),
            Map.entry("CHEQUE_EXPIRED", "The cheque was issued more than a year and eight days ago."),
            Map.entry("CHEQUE_POSTDATED", "The cheque is dated after today."),
            Map.entry("CLAIMED_BY_ANOTHER", "Another person holds it."),
            Map.entry("CLAIM_REQUIRED", "At or above the approval threshold, claim it first."),
            Map.entry("CONTENT_CHANGE_LIMIT_REACHED", "This draft's content was replaced 100 times already: validate it, or start a new draft."),
            Map.entry("CONCURRENT_UPDATE", "Someone changed the resource meanwhile: read it again and retry."),
            Map.entry("CREDITOR_BANK_UNKNOWN", "No creditor.bic given, and the BIC directory does not list the bank of the creditor's IBAN (give its BIC)."),
            Map.entry("CREDITOR_HELD_HERE", "The creditor's IBAN is an account of this bank: transfer to it by its id."),
            Map.entry("CURRENCY_MISMATCH", "The amount's currency is not the account's."),
            Map.entry("DECLARANT_EXISTS", "A declarant has this SIREN."),
            Map.entry("DUPLICATE_PROPERTY", "A property appears twice in the body."),
            Map.entry("EXECUTION_DATE_IN_PAST", "The requested execution date is in the past."),
            Map.entry("EXECUTION_DATE_TOO_FAR", "The requested execution date is too far ahead."),
            Map.entry("FILING_CHECKS_FAILED", "One or more checks failed."),
            Map.entry("FILING_EXISTS", "A filing for this declarant, type and period is under way or filed."),
            Map.entry("FORBIDDEN", "The caller's role or unit does not allow this."),
            Map.entry("FOUR_EYES_VIOLATION", "The submitter cannot validate, nor the submitter or the validator approve."),
            Map.entry("HEADERS_TOO_LARGE", "The request headers are over 20 KiB."),
            Map.entry("IBAN_EXISTS", "An account already has this IBAN."),
            Map.entry("IDEMPOTENCY_KEY_REUSED", "The Idempotency-Key was used for another request."),
            Map.entry("IDEMPOTENCY_REQUEST_IN_FLIGHT", "A request with this Idempotency-Key is under way: retry once it has ended."),
            Map.entry("INSUFFICIENT_FUNDS", "The available balance of the debit account is too low."),
            Map.entry("INTERNAL_ACCOUNT", "An internal account cannot take part in this operation."),
            Map.entry("INTERNAL_ERROR", "A bug on our side, logged with the request."),
            Map.entry("INVALID_BIC", "creditor.bic is not an ISO 9362 BIC."),
            Map.entry("INVALID_IBAN", "The IBAN is malformed or its check digits are wrong."),
            Map.entry("INVALID_JSON", "A wrong type, or a lone surrogate in a text."),
            Map.entry("INVALID_MESSAGE", "The message is not a well-formed document of the expected ISO 20022 message: nothing was posted."),
            Map.entry("INVALID_PERIOD", "Not a period of the declarant's regime or fiscal year."),
            Map.entry("INVALID_SIREN", "Not 9 digits with a valid Luhn checksum."),
            Map.entry("INVALID_TRANSITION", "Not allowed from the current status."),
            Map.entry("INVALID_VAT_NUMBER", "The given VAT number is not the SIREN's."),
            Map.entry("MALFORMED_JSON", "Not JSON, or not well-formed UTF-8."),
            Map.entry("MESSAGE_LIMIT_EXCEEDED", "The message is over the limits the service reads (errors[0].field names where): nothing was posted."),
            Map.entry("NOTHING_TO_SEND", "No executed external transfer is waiting."),
            Map.entry("NOT_ACCEPTABLE", "Accept allows neither application/json nor application/xml."),
            Map.entry("NOT_FOUND", "No such resource, or one of a unit the caller's roles do not reach: the same answer."),
            Map.entry("NOT_LIABLE", "The period ends before the declarant's liableFrom."),
            Map.entry("NOT_SEPA", "A transfer to another bank goes through SEPA: in EUR, to an IBAN of a country the scheme reaches."),
            Map.entry("NOT_SUBMITTED", "The filing has not been submitted yet."),
            Map.entry("OVERDRAFT_IN_USE", "The account already uses more overdraft than the new limit."),
            Map.entry("OVERDRAFT_NEEDS_SUPERVISOR", "An overdraft limit above the bank's default is granted by a supervisor only."),
            Map.entry("OVERDRAFT_NOT_ALLOWED", "SAVINGS with a limit, INTERNAL with any."),
            Map.entry("PAYLOAD_TOO_LARGE", "The body is over 64 KiB."),
            Map.entry("PRECONDITION_FAILED", "An If-Match header names an older version."),
            Map.entry("PRECONDITION_REQUIRED", "If-Match: * instead of an ETag."),
            Map.entry("RATE_LIMITED", "The budget of this class of request is spent: retry after the Retry-After seconds."),
            Map.entry("RESOLUTION_NOT_ALLOWED", "This resolution is not allowed for this exception."),
            Map.entry("SAME_ACCOUNT", "The debit and the credit account are the same."),
            Map.entry("SENT_TO_CLEARING", "Reversing an external transfer already in a payment file."),
            Map.entry("SEPA_RULES_BROKEN", "The file would break a rule of the SEPA scheme (errors names the element and the operation)."),
            Map.entry("SERVICE_UNAVAILABLE", "The database cannot serve now (unreachable, overloaded, restarting)."),
            Map.entry("STATEMENT_ALREADY_LOADED", "Another document was loaded for the account with this MsgId or ElctrncSeqNb."),
            Map.entry("STATEMENT_DATE_IN_FUTURE", "The day has not begun in the bank's time zone."),
            Map.entry("STATEMENT_TOO_LARGE", "More than 10000 entries that day (read them from /entries)."),
            Map.entry("STATUS_NOT_FINAL", "A status that is no outcome (ACTC, PDNG, ACSP...)."),
            Map.entry("STREAM_CAPACITY_REACHED", "This instance holds as many streams open as it serves."),
            Map.entry("TOO_MANY_STREAMS", "The caller holds as many streams open on this instance as it may."),
            Map.entry("UNAUTHENTICATED", "No bearer token, or one that is malformed, expired or wrongly signed, or that names no caller in sub."),
            Map.entry("UNIT_CLAIM_REQUIRED", "The token has the agent or supervisor role but no unit code (e.g. PAR-01) in its unit claim."),
            Map.entry("UNIT_EXISTS", "A unit already has this code."),
            Map.entry("UNKNOWN_ACCOUNT", "No such account, or one of a unit the caller's roles do not reach: the same answer."),
            Map.entry("UNKNOWN_DECLARANT", "No such declarant."),
            Map.entry("UNKNOWN_ENTRY", "No such entry of the account."),
            Map.entry("UNKNOWN_LINE", "An id names nothing unmatched of the item's account."),
            Map.entry("UNKNOWN_PAYMENT_FILE", "OrgnlMsgId names none of our files."),
            Map.entry("UNKNOWN_PROPERTY", "The body has a property the schema does not know."),
            Map.entry("UNKNOWN_QUERY_PARAMETER", "A query parameter this operation does not take (the allowed ones are listed)."),
            Map.entry("UNKNOWN_SETTLEMENT_ACCOUNT", "The IBAN is no clearing settlement account of ours."),
            Map.entry("UNKNOWN_TRANSACTION", "A TxInfAndSts names no transfer of the file, or several (errors[0].field is its path)."),
            Map.entry("UNKNOWN_UNIT", "No such production unit."),
            Map.entry("UNSETTLED_EXTERNAL_TRANSFER", "The account sent a transfer to another bank that the clearing system has not settled yet (waiting for a payment file, or in one not yet accepted), which may still come back."),
            Map.entry("UNSUPPORTED_MEDIA_TYPE", "The body must be application/json."),
            Map.entry("URI_TOO_LONG", "The request line is over 8 KiB."),
            Map.entry("VALIDATION_FAILED", "The request is invalid: see errors."),
            Map.entry("WEBHOOK_DELIVERY_IN_FLIGHT", "An attempt of this delivery is under way, retry once it has ended."),
            Map.entry("WEBHOOK_ENDPOINT_DISABLED", "Enable the endpoint first."));

    private ProblemExamples() {
    }

    /** Adds every code's example to the components, in the codes' alphabetical order. */
    static void addTo(OpenAPI openAPI) {
        DETAILS.keySet().forEach(name -> ProblemCode.find(name)
                .orElseThrow(() -> new IllegalStateException(name + " has an example but is not in the catalogue")));
        Arrays.stream(ProblemCode.values()).map(Enum::name).sorted().forEach(name -> {
            ProblemCode code = ProblemCode.valueOf(name);
            Problem problem = Problem.of(code, DETAILS.getOrDefault(name, code.meaning()), INSTANCE, null);
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", problem.type());
            value.put("title", problem.title());
            value.put("status", problem.status());
            value.put("detail", problem.detail());
            value.put("instance", problem.instance());
            value.put("code", name);
            if (code == ProblemCode.VALIDATION_FAILED) {
                value.put("errors", List.of(Map.of("field", "limit", "message", "must be an integer from 1 to 200")));
            }
            openAPI.getComponents().addExample(name, OASFactory.createExample().summary(name).value(value));
        });
    }
}
