package fr.backoffice.event;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event the feed carries. Exactly one event per state change, in the transaction of the change; its
 * {@code data} is the representation the endpoint that made the change returns.
 *
 * <p>Balances change when operations execute, are reversed or bounce: those changes are reported by the
 * operation's events only (the operation's data names both accounts), never by account events.
 */
public enum EventType {
    UNIT_CREATED("unit.created", "unit"),
    DECLARANT_REGISTERED("declarant.registered", "declarant"),
    ACCOUNT_OPENED("account.opened", "account"),
    ACCOUNT_CHANGED("account.changed", "account"),
    ACCOUNT_FROZEN("account.frozen", "account"),
    ACCOUNT_UNFROZEN("account.unfrozen", "account"),
    ACCOUNT_CLOSED("account.closed", "account"),
    ACCOUNT_LIMIT_CHANGED("account.limit-changed", "account"),
    ACCOUNT_LIMIT_RAISE_REQUESTED("account.limit-raise-requested", "account"),
    OPERATION_RECEIVED("operation.received", "operation"),
    OPERATION_CLAIMED("operation.claimed", "operation"),
    OPERATION_PENDING_APPROVAL("operation.pending-approval", "operation"),
    OPERATION_SCHEDULED("operation.scheduled", "operation"),
    OPERATION_RETURNED("operation.returned", "operation"),
    OPERATION_EXECUTED("operation.executed", "operation"),
    OPERATION_REJECTED("operation.rejected", "operation"),
    OPERATION_CANCELLED("operation.cancelled", "operation"),
    OPERATION_REVERSED("operation.reversed", "operation"),
    OPERATION_CLEARED("operation.cleared", "operation"),
    OPERATION_BOUNCED("operation.bounced", "operation"),
    OPERATION_RETURNED_BY_CLEARING("operation.returned-by-clearing", "operation"),
    AUTHORIZATION_CREATED("authorization.created", "authorization"),
    AUTHORIZATION_CAPTURED("authorization.captured", "authorization"),
    AUTHORIZATION_VOIDED("authorization.voided", "authorization"),
    AUTHORIZATION_EXPIRED("authorization.expired", "authorization"),
    /** For the batch's client only (visible_to); its data is the batch without its results. */
    OPERATION_BATCH_COMPLETED("operation-batch.completed", "operation-batch"),
    PAYMENT_FILE_GENERATED("payment-file.generated", "payment-file"),
    PAYMENT_FILE_ACCEPTED("payment-file.accepted", "payment-file"),
    PAYMENT_FILE_REJECTED("payment-file.rejected", "payment-file"),
    PAYMENT_FILE_PARTIALLY_ACCEPTED("payment-file.partially-accepted", "payment-file"),
    RECONCILIATION_STATEMENT_LOADED("reconciliation-statement.loaded", "reconciliation-statement"),
    RECONCILIATION_EXCEPTION_CLAIMED("reconciliation-exception.claimed", "reconciliation-exception"),
    RECONCILIATION_EXCEPTION_RESOLVED("reconciliation-exception.resolved", "reconciliation-exception"),
    EXPECTED_PAYMENT_REGISTERED("expected-payment.registered", "expected-payment"),
    EXPECTED_PAYMENT_MATCHED("expected-payment.matched", "expected-payment"),
    EXPECTED_PAYMENT_OVERDUE("expected-payment.overdue", "expected-payment"),
    FILING_CREATED("filing.created", "filing"),
    FILING_CONTENT_REPLACED("filing.content-replaced", "filing"),
    FILING_VALIDATED("filing.validated", "filing"),
    FILING_SUBMITTED("filing.submitted", "filing"),
    FILING_ACCEPTED("filing.accepted", "filing"),
    FILING_REJECTED("filing.rejected", "filing"),
    FILING_AMENDED("filing.amended", "filing"),
    AUDIT_CHECKPOINT("audit.checkpoint", "audit-checkpoint"),
    WEBHOOK_ENDPOINT_DISABLED("webhook-endpoint.disabled", "webhook-endpoint"),
    /** Never in the feed: the body of {@code POST /webhook-endpoints/{id}/test}, sent to that endpoint only. */
    WEBHOOK_TEST("webhook.test", "webhook-endpoint");

    /** The description of the {@code EventType} schema (declared in {@link fr.backoffice.BackOfficeApplication}). */
    public static final String TABLE = """
            What happened. `data` is the resource's representation after the change (the body the endpoint that \
            made it answers).

            | type | resource | when |
            |---|---|---|
            | `unit.created` | unit | `POST /units` |
            | `declarant.registered` | declarant | `POST /declarants` |
            | `account.opened` | account | `POST /accounts` |
            | `account.changed` | account | `PATCH /accounts/{id}` (holder name, overdraft limit) |
            | `account.frozen` / `account.unfrozen` / `account.closed` | account | the status actions |
            | `account.limit-changed` | account | `PUT /accounts/{id}/limits/{limitId}` set a limit of the account (or of its customer): lowered at once, or a raise confirmed by a second supervisor (`data`: the limit) |
            | `account.limit-raise-requested` | account | `PUT /accounts/{id}/limits/{limitId}` asked for a raise, which waits for another supervisor (`data`: the limit, with `pendingLimit`) |
            | `operation.received` | operation | submitted; waits for checks (also the first event of a straight-through operation) |
            | `operation.claimed` | operation | a person took it from the unit's queue |
            | `operation.pending-approval` | operation | validated, above the approval threshold |
            | `operation.scheduled` | operation | validated or approved, waits for its execution date |
            | `operation.returned` | operation | on its date, a business rule refused its execution (`reasonCode`: frozen or closed account, insufficient funds): back in the unit's queue (`RECEIVED`, amount still held) for a person to validate again, reject or cancel |
            | `operation.executed` | operation | posted to the ledger (straight through, after validation or approval, by the scheduler; also the operations the service creates executed: a REVERSAL, an INCOMING_TRANSFER imported from the clearing system, a CLEARING_SETTLEMENT, a RECONCILIATION_WRITE_OFF) |
            | `operation.rejected` | operation | rejected by a person, or refused when a person's validation or approval executed it |
            | `operation.cancelled` / `operation.cleared` / `operation.bounced` / `operation.reversed` | operation | the actions of the same name |
            | `operation.returned-by-clearing` | operation | an executed external transfer's money came back to its debtor (`RETURNED`, `returnReason`): its payment file was rejected, or the creditor's bank returned it (pacs.004); the REVERSAL operation that credited the debtor has its own `operation.executed` |
            | `authorization.created` | authorization | `POST /authorizations` reserved an amount on its debit account (available balance down, ledger balance unchanged) |
            | `authorization.captured` | authorization | `POST /authorizations/{id}/capture` booked part or all of it; the executed TRANSFER has its own `operation.received` and `operation.executed`, its id is the last of `captures` |
            | `authorization.voided` / `authorization.expired` | authorization | `POST /authorizations/{id}/void`, or its `expiresAt` passed (the service voids it itself): what remained is released |
            | `operation-batch.completed` | operation-batch | every operation of a `POST /operation-batches` is booked or refused; for the batch's client only, without its results (`GET /operation-batches/{id}` pages them) |
            | `payment-file.generated` | payment-file | `POST /payment-files` closed the waiting external transfers into a pacs.008 file |
            | `payment-file.accepted` / `payment-file.rejected` | payment-file | the clearing system's answer: its status report (`POST /payment-files/status-reports`) or the acknowledgement by hand (`POST /payment-files/{id}/acknowledge`) |
            | `payment-file.partially-accepted` | payment-file | a status report accepted some of the file's transactions and rejected the others (`PARTIALLY_ACCEPTED`) |
            | `reconciliation-statement.loaded` | reconciliation-statement | `POST /reconciliation/statements` loaded and matched a statement of the settlement bank (`data`: its counts) |
            | `reconciliation-exception.claimed` | reconciliation-exception | a person took an item of the reconciliation queue |
            | `reconciliation-exception.resolved` | reconciliation-exception | an item of the reconciliation queue was resolved: by a person (`MANUAL_MATCH`, `BANK_ERROR`, `WRITE_OFF` with its `operationId`), or matched by a later statement (`AUTO_MATCHED`) |
            | `expected-payment.registered` | expected-payment | `POST /expected-payments` registered what a customer account expects to receive (`OPEN`) |
            | `expected-payment.matched` | expected-payment | an incoming SEPA credit or an internal transfer to the account matched it (`MATCHED`, `operationId`) |
            | `expected-payment.overdue` | expected-payment | its window of value dates passed without a matching credit (`OVERDUE`) |
            | `filing.created` | filing | draft created (directly or as an amendment) |
            | `filing.content-replaced` | filing | `PUT /filings/{id}/content` |
            | `filing.validated` / `filing.submitted` | filing | the actions of the same name |
            | `filing.accepted` / `filing.rejected` | filing | the administration's acknowledgement |
            | `filing.amended` | filing | an amendment of this filing was created (the amendment has its own `filing.created`) |
            | `audit.checkpoint` | audit-checkpoint (id: its `chainSeq`) | the audit chain's head was signed (`GET /audit/checkpoints`); keep these to check later that the trail was not cut or rewritten at its end |
            | `webhook-endpoint.disabled` | webhook-endpoint | the service disabled a webhook endpoint: its receiver answered 410 Gone, or every attempt failed for 3 days (`disabledReason`). Read by the endpoint's owner and admins only (feed, stream, deliveries to the owner's endpoints); `data` is `{id, owner, status, disabledReason, updatedAt}`, without the url or the description |
            | `webhook.test` | webhook-endpoint | never in the feed: sent by `POST /webhook-endpoints/{id}/test` to that endpoint only |

            Balances move when operations execute: those changes are reported by operation events only, not by \
            account events. Validation is reported by its outcome (`pending-approval`, `scheduled`, `executed` or \
            `rejected`).""";

    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(EventType::type, Function.identity()));

    private final String type;
    private final String resourceType;

    EventType(String type, String resourceType) {
        this.type = type;
        this.resourceType = resourceType;
    }

    @JsonValue
    public String type() {
        return type;
    }

    public String resourceType() {
        return resourceType;
    }

    public static Optional<EventType> of(String type) {
        return Optional.ofNullable(BY_NAME.get(type));
    }
}
