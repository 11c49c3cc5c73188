package fr.backoffice;

import jakarta.ws.rs.core.Application;
import fr.backoffice.common.error.Problem;
import fr.backoffice.common.openapi.Examples;
import fr.backoffice.common.openapi.Limits;
import fr.backoffice.common.paging.PageRequest;
import fr.backoffice.event.EventType;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@OpenAPIDefinition(
        info = @Info(title = "Back office service API", version = "1.0.0", description = """
                The back office behind front-office applications: production units, accounts, operations executed \
                into a double-entry ledger, regulatory filings, an event feed and an audit trail.

                **Conventions.** JSON in camelCase. Money is a decimal *string* beside an ISO 4217 `currency` \
                (`"1250.00"`, at most the currency's minor units). Timestamps are ISO-8601 UTC. Errors are RFC 9457 \
                `application/problem+json` with a stable `code`. Lists use cursor pagination (`limit`, `after`, \
                `nextCursor`). Mutable resources carry `version` and an `ETag`; `PATCH`/`PUT` need `If-Match`. \
                `POST` endpoints accept an `Idempotency-Key` header (required on `POST /operations`).

                **Security.** Bearer JWT (RS256): roles in `groups` (`front-office`, `agent`, `supervisor`, \
                `auditor`, `admin`, `clearing`, `reconciliation`), caller in `sub`, production unit in `unit`. Agents and supervisors see and act \
                only within their own unit."""),
        // the parameters many operations share, each referred to by @Parameter(ref = "<name>")
        components = @Components(parameters = {
                @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, description = Examples.IDEMPOTENCY_KEY_OPTIONAL,
                        schema = @Schema(type = SchemaType.STRING, pattern = Limits.IDEMPOTENCY_KEY,
                                maxLength = Limits.IDEMPOTENCY_KEY_LENGTH)),
                @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = Examples.IF_MATCH,
                        schema = @Schema(type = SchemaType.STRING, maxLength = Limits.IF_MATCH_LENGTH)),
                @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size, 1 to 200",
                        schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                                maximum = "" + PageRequest.MAX_LIMIT, defaultValue = "50")),
                @Parameter(name = "after", in = ParameterIn.QUERY, description = "The `nextCursor` of the previous page",
                        schema = @Schema(type = SchemaType.STRING, pattern = Limits.CURSOR, maxLength = Limits.CURSOR_LENGTH))},
                schemas = {
                @Schema(name = "Problem", implementation = Problem.class),
                // the names of fr.backoffice.event.EventType (EventFeedTest checks that both lists agree)
                @Schema(name = "EventType", type = SchemaType.STRING, description = EventType.TABLE, enumeration = {
                        "unit.created", "declarant.registered",
                        "account.opened", "account.changed", "account.frozen", "account.unfrozen", "account.closed",
                        "account.limit-changed", "account.limit-raise-requested",
                        "operation.received", "operation.claimed", "operation.pending-approval", "operation.scheduled",
                        "operation.returned",
                        "operation.executed", "operation.rejected", "operation.cancelled", "operation.reversed",
                        "operation.cleared", "operation.bounced",
                        "filing.created", "filing.content-replaced", "filing.validated", "filing.submitted",
                        "filing.accepted", "filing.rejected", "filing.amended", "audit.checkpoint",
                        "operation.returned-by-clearing", "authorization.created", "authorization.captured",
                        "authorization.voided", "authorization.expired", "operation-batch.completed", "payment-file.generated", "payment-file.accepted",
                        "payment-file.rejected", "payment-file.partially-accepted", "reconciliation-statement.loaded",
                        "reconciliation-exception.claimed", "reconciliation-exception.resolved", "expected-payment.registered",
                        "expected-payment.matched", "expected-payment.overdue", "webhook-endpoint.disabled",
                        "webhook.test"})}),
        tags = {
                @Tag(name = "Units", description = "Production units of the back office and their work queues"),
                @Tag(name = "Accounts", description = "Customer and internal accounts"),
                @Tag(name = "Operations", description = "Transfers, cheque and cash deposits, withdrawals, fees: submission, checks, approval, execution, reversal"),
                @Tag(name = "Authorizations", description = "Money a front-office application reserves on an account, then captures in one or several parts, voids, or lets expire"),
                @Tag(name = "Ledger", description = "Statements, balances and the trial balance of the double-entry ledger"),
                @Tag(name = "Clearing", description = "SEPA credit transfers with other banks through the clearing system, in ISO 20022: payment files out (pacs.008), credits in (pacs.008), returns (pacs.004)"),
                @Tag(name = "Reconciliation", description = "The settlement bank's statements of our accounts (camt.053, camt.054) matched against the ledger, and the queue of what did not match"),
                @Tag(name = "Declarants", description = "Legal entities that file with the administration, and their obligations"),
                @Tag(name = "Filings", description = "VAT returns and annual accounts, from draft to the administration's acknowledgement"),
                @Tag(name = "Events", description = "The feed of every state change, never skipping one and each resource's changes in order, as pages or Server-Sent Events"),
                @Tag(name = "Webhooks", description = "Signed HTTP callbacks of the events a front-office application subscribes to, retried until they are received"),
                @Tag(name = "Audit", description = "The hash-chained trail of every mutating request, accepted or refused"),
        })
public class BackOfficeApplication extends Application {
}
