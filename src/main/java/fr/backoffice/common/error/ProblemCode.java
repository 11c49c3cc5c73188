package fr.backoffice.common.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of problem codes: every problem the service answers carries one of these, with its status and title
 * (docs/api.md "Problem codes"). The contract publishes the same list, with what each means, as the {@code ProblemCode}
 * schema ({@code common/openapi/ProblemCodeSchema}); integrators program against it, so a code is never renamed.
 */
@Schema(name = "ProblemCode")
public enum ProblemCode {

    // Reading the request
    VALIDATION_FAILED(400, "Invalid request",
            "A field or parameter breaks its rule (named in `errors`), including a control character in a text."),
    MALFORMED_JSON(400, "Malformed JSON", "The body is not JSON, or not well-formed UTF-8."),
    INVALID_JSON(400, "Unexpected JSON", "A value has the wrong type, or a text holds a lone surrogate."),
    UNKNOWN_PROPERTY(400, "Unknown property", "The body holds a property its schema does not have."),
    DUPLICATE_PROPERTY(400, "Duplicate property", "A JSON object gives the same property twice."),
    UNKNOWN_QUERY_PARAMETER(400, "Unknown query parameter",
            "A query parameter the operation does not take (the allowed ones are listed)."),
    BAD_REQUEST(400, "Bad request", "The HTTP layer refused the request before it was read (any other 4xx included)."),
    INVALID_IBAN(400, "Invalid IBAN", "An IBAN fails its format, country length or check digits."),
    INVALID_BIC(400, "Invalid BIC", "A BIC is not 8 or 11 letters and digits of the ISO 9362 form, or names no ISO 3166 country."),
    INVALID_SIREN(400, "Invalid SIREN", "A SIREN is not 9 digits with a valid Luhn checksum."),
    INVALID_VAT_NUMBER(400, "Invalid VAT number", "A VAT number does not match the declarant's SIREN and its key."),
    INVALID_MESSAGE(400, "Invalid ISO 20022 message",
            "An XML message from the clearing system or the bank is not a valid message of its type; nothing was posted."),
    UNAUTHENTICATED(401, "Authentication required",
            "No bearer token, or one that is malformed, expired, wrongly signed or names no caller in `sub`."),
    FORBIDDEN(403, "Not allowed", "The caller's role or unit does not allow this action on this object."),
    UNIT_CLAIM_REQUIRED(403, "Unit claim required",
            "A token with the agent or supervisor role names no production unit in its `unit` claim."),
    FOUR_EYES_VIOLATION(403, "Four eyes required",
            "The same person would both prepare (or claim, or approve) and finish an action the spec splits."),
    OVERDRAFT_NEEDS_SUPERVISOR(403, "Overdraft needs a supervisor",
            "An account would open with an overdraft above the bank's default; a supervisor grants more afterwards."),
    NOT_FOUND(404, "Not found", "No such resource, or one the caller may not see."),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "The resource does not take this HTTP method."),
    NOT_ACCEPTABLE(406, "Not acceptable", "The `Accept` header names no media type the operation produces."),
    PRECONDITION_FAILED(412, "Precondition failed", "The `If-Match` ETag is not the resource's current one."),
    PAYLOAD_TOO_LARGE(413, "Body too large", "The body is over the size limit (64 KiB; 5 MiB for an XML message)."),
    MESSAGE_LIMIT_EXCEEDED(413, "Message beyond limits",
            "An XML message is past a limit of the reader (elements, depth, attributes, text, transactions); nothing was posted."),
    URI_TOO_LONG(414, "Request line too long", "The request line is over 8 KiB."),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "The body is not sent with the media type the operation reads."),
    PRECONDITION_REQUIRED(428, "Precondition required",
            "An update needs an `If-Match` header with the ETag last read, and `*` is not accepted."),
    RATE_LIMITED(429, "Rate limited", "The budget of this class of request is spent; retry after `Retry-After` seconds."),
    TOO_MANY_STREAMS(429, "Too many event streams", "The caller holds as many event streams open on this instance as it may."),
    HEADERS_TOO_LARGE(431, "Headers too large", "The request headers are over 20 KiB."),

    // Concurrency and idempotency
    CONCURRENT_UPDATE(409, "Concurrent update", "Someone else changed the resource meanwhile; read it again and retry."),
    IDEMPOTENCY_REQUEST_IN_FLIGHT(409, "Request in flight",
            "A request with this `Idempotency-Key` is still being processed; retry shortly."),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused",
            "This `Idempotency-Key` was already used for a different request."),
    INVALID_TRANSITION(409, "Invalid transition", "The action is not possible from the resource's current status."),

    // Units, accounts and the ledger
    UNIT_EXISTS(409, "Unit exists", "A unit with this code already exists."),
    UNKNOWN_UNIT(422, "Unknown unit", "The unit named does not exist."),
    IBAN_EXISTS(409, "IBAN exists", "An account with this IBAN already exists."),
    ACCOUNT_NOT_EMPTY(422, "Account not empty", "An account closes only with a zero balance and nothing held."),
    UNSETTLED_EXTERNAL_TRANSFER(422, "Transfer not settled",
            "The account sent a transfer the clearing system has not settled yet, so it cannot close."),
    OVERDRAFT_IN_USE(422, "Overdraft in use", "The account already uses more overdraft than the new limit allows."),
    OVERDRAFT_NOT_ALLOWED(422, "Overdraft not allowed", "Internal and savings accounts have no overdraft limit."),
    ACCOUNT_CLOSED(422, "Account closed", "The account is closed."),
    ACCOUNT_FROZEN(422, "Account frozen", "The account is frozen."),
    INSUFFICIENT_FUNDS(422, "Insufficient funds", "The available balance of the debit account is too low."),

    // Operations
    SAME_ACCOUNT(422, "Same account", "The debit and credit accounts are the same."),
    EXECUTION_DATE_IN_PAST(422, "Execution date passed", "The requested execution date has passed."),
    EXECUTION_DATE_TOO_FAR(422, "Execution date too far", "The requested execution date is more than one year ahead."),
    UNKNOWN_ACCOUNT(422, "Unknown account", "No account has the id given in the named field."),
    INTERNAL_ACCOUNT(422, "Internal account", "Internal accounts are moved only by the service's own postings."),
    CURRENCY_MISMATCH(422, "Currency mismatch", "The operation's or statement's currency is not the account's."),
    CREDITOR_BANK_UNKNOWN(422, "Creditor bank unknown",
            "The BIC directory does not list the creditor's bank and no `creditor.bic` is given."),
    CREDITOR_HELD_HERE(422, "Creditor held here",
            "The creditor's IBAN is an account of ours: submit an internal transfer instead."),
    NOT_SEPA(422, "Not SEPA", "A transfer to another bank is in EUR to a SEPA country only."),
    AMOUNT_ABOVE_SEPA_MAXIMUM(422, "Above the SEPA maximum", "A transfer to another bank carries at most 999999999.99 EUR."),
    CHEQUE_POSTDATED(422, "Cheque postdated", "The cheque is dated in the future."),
    CHEQUE_EXPIRED(422, "Cheque expired", "The cheque was issued more than one year and eight days ago."),
    ALREADY_CLAIMED(409, "Already claimed", "The operation is assigned to someone else."),
    SENT_TO_CLEARING(409, "Sent to clearing",
            "The transfer left in a payment file; only the clearing system can give its money back."),
    OPERATION_KEY_ALREADY_USED(409, "Operation key already used",
            "An ATOMIC batch names an operation whose key was already booked."),
    AMOUNT_ABOVE_STRAIGHT_THROUGH(422, "Above the straight-through threshold",
            "An authorization's captures execute at once, so it is at most the straight-through threshold, tolerance included."),
    CAPTURE_EXCEEDS_AUTHORIZATION(422, "Capture exceeds the authorization",
            "The captures would book more than the authorization's capture limit (its amount and the tolerance)."),
    TOO_MANY_CAPTURES(422, "Too many captures", "The authorization has had as many captures as one may have."),
    CAPTURE_NEEDS_APPROVAL(422, "Capture needs approval",
            "A capture to another bank would take the day's total of the debit account above the four-eyes total."),
    LIMIT_EXCEEDED(422, "Limit exceeded",
            "The operation would exceed a limit of its debit account or customer whose excess is refused (DENY); the detail names the limit."),
    AUTHORIZATION_EXPIRED(409, "Authorization expired", "The authorization's expiry has passed: it is being or was voided."),
    SUBMISSIONS_QUEUE_FULL(503, "Submissions queue full",
            "Too many submissions are waiting to be booked; retry after `Retry-After` seconds."),

    // Clearing and statements
    NOTHING_TO_SEND(422, "Nothing to send", "No executed external transfer is waiting for a payment file."),
    SEPA_RULES_BROKEN(422, "SEPA rules broken", "The payment file would break the SEPA scheme's rules; nothing was written."),
    UNKNOWN_PAYMENT_FILE(422, "Unknown payment file", "A status report answers a message that is none of our payment files."),
    UNKNOWN_TRANSACTION(422, "Unknown transaction",
            "A transaction of a report names no transfer, or several, of the payment file."),
    STATUS_NOT_FINAL(422, "Status not final", "A report gives a status that is not an outcome (ACCP, ACSC, RJCT, PART)."),
    STATEMENT_DATE_IN_FUTURE(422, "Statement date in the future", "There is no statement of that date yet."),
    STATEMENT_TOO_LARGE(422, "Statement too large", "More entries were posted that day than one statement holds."),

    // Reconciliation
    UNKNOWN_SETTLEMENT_ACCOUNT(422, "Unknown settlement account",
            "A bank statement, or a reconciliation report asked for, is about an account that is no settlement account of ours."),
    STATEMENT_ALREADY_LOADED(409, "Statement already loaded",
            "Another statement with this message id or sequence number was already loaded for the account."),
    BALANCE_GAP(422, "Balance gap",
            "A statement's opening balance does not follow the closing balance of the account's last statement."),
    RESOLUTION_NOT_ALLOWED(422, "Resolution not allowed", "The resolution does not apply to this kind of exception item."),
    UNKNOWN_ENTRY(422, "Unknown entry", "An entry named is of another account, unknown, or already matched."),
    UNKNOWN_LINE(422, "Unknown line", "A statement line named is of another account, unknown, or already matched."),
    AMOUNTS_DISAGREE(422, "Amounts disagree", "The matched lines and entries do not add up, or are on the wrong side."),
    ALREADY_MATCHED(409, "Already matched", "An entry was matched meanwhile."),
    CLAIM_REQUIRED(409, "Claim required", "An item at or above the approval threshold is claimed before it is resolved."),
    CLAIMED_BY_ANOTHER(409, "Claimed by another", "The item is claimed by someone else."),

    // Declarants and filings
    DECLARANT_EXISTS(409, "Declarant exists", "A declarant with this SIREN is already registered."),
    UNKNOWN_DECLARANT(422, "Unknown declarant", "The declarant named does not exist."),
    INVALID_PERIOD(422, "Invalid period", "The period is not one the declarant files for (a month or quarter by VAT regime, the fiscal year)."),
    NOT_LIABLE(422, "Not liable", "The period ends before the declarant is liable."),
    CONTENT_CHANGE_LIMIT_REACHED(409, "Content change limit reached",
            "A draft filing's content was replaced as many times as a draft allows: validate it, or start a new draft."),
    FILING_EXISTS(409, "Filing exists", "A filing of this type for this declarant and period is already under way or filed."),
    FILING_CHECKS_FAILED(422, "Filing checks failed", "The filing's checks failed (named in `errors`)."),
    NOT_SUBMITTED(409, "Not submitted", "The filing's document exists once the filing is submitted."),
    ALREADY_AMENDED(409, "Already amended", "The filing was already amended; amend the amendment instead."),

    // Webhooks
    WEBHOOK_ENDPOINT_DISABLED(409, "Webhook endpoint disabled", "The endpoint is disabled: enable it first."),
    WEBHOOK_DELIVERY_IN_FLIGHT(409, "Delivery in flight", "The delivery is being sent: retry it once this attempt has ended."),

    // The service
    INTERNAL_ERROR(500, "Internal error", "A bug on our side, logged with the request."),
    SERVICE_UNAVAILABLE(503, "Service unavailable",
            "The database cannot serve now (unreachable, overloaded, restarting); retry after `Retry-After` seconds."),
    STREAM_CAPACITY_REACHED(503, "Stream capacity reached",
            "The instance holds as many event streams open as it serves; retry after `Retry-After` seconds.");

    private static final String TYPE_BASE = "https://backoffice.example/problems/";

    private final int status;
    private final String title;
    private final String meaning;

    ProblemCode(int status, String title, String meaning) {
        this.status = status;
        this.title = title;
        this.meaning = meaning;
    }

    /** The HTTP status every problem with this code is answered with. */
    public int status() {
        return status;
    }

    /** The short summary of the problem type, the same for every occurrence (RFC 9457 {@code title}). */
    public String title() {
        return title;
    }

    /** When it happens, in one sentence: published in the contract next to the code. */
    public String meaning() {
        return meaning;
    }

    /** The code of this name, if the catalogue has one. */
    public static Optional<ProblemCode> find(String name) {
        return Arrays.stream(values()).filter(code -> code.name().equals(name)).findFirst();
    }

    /** The problem type's URI (RFC 9457 {@code type}): the code in kebab case. */
    public String type() {
        return TYPE_BASE + name().toLowerCase().replace('_', '-');
    }
}
