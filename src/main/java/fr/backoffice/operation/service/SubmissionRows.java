package fr.backoffice.operation.service;

import fr.backoffice.audit.service.AuditTrail;
import fr.backoffice.common.Ids;
import fr.backoffice.event.EventType;
import fr.backoffice.operation.Operation;
import fr.backoffice.operation.OperationHistoryEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The rows {@link OperationSubmission} hands to {@code operation_submit}, as JSON with the tables' column names
 * (for {@code jsonb_populate_record}): the operation, its history, its events and the audit record.
 */
final class SubmissionRows {

    private SubmissionRows() {
    }

    /** The operation as a row of the {@code operation} table. */
    static JsonObject operation(Operation op) {
        return new JsonObject()
                .put("id", op.id.toString()).put("type", op.type.name()).put("status", op.status.name())
                .put("amount", op.amount.toPlainString()).put("currency", op.currency)
                .put("debit_account_id", text(op.debitAccountId)).put("credit_account_id", text(op.creditAccountId))
                .put("creditor_name", op.creditorName).put("creditor_iban", op.creditorIban).put("creditor_bic", op.creditorBic)
                .put("cheque_number", op.chequeNumber).put("cheque_drawer_name", op.chequeDrawerName)
                .put("cheque_drawer_bank", op.chequeDrawerBank).put("cheque_issue_date", text(op.chequeIssueDate))
                .put("vat_rate", op.vatRate == null ? null : op.vatRate.toPlainString())
                .put("reference", op.reference).put("label", op.label).put("unit_code", op.unit)
                .put("requested_execution_date", op.requestedExecutionDate.toString())
                .put("value_date", op.valueDate.toString()).put("received_at", op.receivedAt.toString())
                .put("executed_at", text(op.executedAt)).put("submitted_by", op.submittedBy)
                .put("requires_approval", op.requiresApproval).put("version", op.version);
    }

    /** Its new history entries as rows of {@code operation_history}. */
    static JsonArray history(Operation op) {
        JsonArray rows = new JsonArray();
        for (OperationHistoryEntry entry : op.newHistory) {
            rows.add(new JsonObject().put("operation_id", op.id.toString()).put("at", entry.at.toString())
                    .put("actor", entry.actor).put("from_status", entry.from == null ? null : entry.from.name())
                    .put("to_status", entry.to.name()).put("reason", entry.reason));
        }
        return rows;
    }

    /** One event per state change, each carrying {@code body}, the answer as it commits. */
    static JsonArray events(Operation op, List<EventType> types, String body) {
        JsonArray events = new JsonArray();
        for (EventType type : types) {
            events.add(new JsonObject().put("id", Ids.newId().toString()).put("type", type.type())
                    .put("occurred_at", op.receivedAt.toString()).put("resource_type", type.resourceType())
                    .put("resource_id", op.id.toString()).put("data", body));
        }
        return events;
    }

    /** The request's audit record, as a row of the audit table. */
    static JsonObject audit(AuditTrail.Entry audit) {
        return new JsonObject().put("at", audit.at().toString()).put("actor", audit.actor())
                .put("roles", audit.roles()).put("action", audit.action())
                .put("resource_type", audit.resourceType()).put("resource_id", audit.resourceId())
                .put("outcome", audit.outcome()).put("request_id", audit.requestId());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
