package fr.backoffice.operation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import fr.backoffice.common.error.Problem;
import fr.backoffice.operation.api.NewOperationBatch.BatchMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A batch of operations as {@code POST /operation-batches} and {@code GET /operation-batches/{id}} show it. */
@Schema(name = "OperationBatch")
public record OperationBatchView(
        @Schema(required = true, format = "uuid", maxLength = 36) String id,
        @Schema(required = true) BatchMode mode,
        @Schema(description = "`RUNNING` until every operation is booked or refused; then `DONE`, or `REFUSED` for an "
                + "`ATOMIC` batch of which one operation was refused (nothing booked)",
                enumeration = {"RUNNING", "DONE", "REFUSED"}, maxLength = 8, required = true) String status,
        @Schema(required = true) int operationCount,
        @Schema(nullable = true, required = true, description = "Operations booked (created or replayed); null while RUNNING") Integer bookedCount,
        @Schema(nullable = true, required = true, description = "Operations refused, or not booked because another was; null while RUNNING") Integer refusedCount,
        @Schema(required = true) Instant createdAt,
        @Schema(nullable = true, implementation = String.class, format = "date-time", required = true) Instant completedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(maxItems = BatchOperation.MAX_OPERATIONS,
                description = "Per operation, in the order sent (a page of them on GET); absent while RUNNING and in events")
        List<Result> results,
        @Schema(description = "Pass as `after` to GET the next page of results; null on the last page", nullable = true,
                maxLength = 64, pattern = "^[A-Za-z0-9_-]*$", required = true)
        String nextCursor) {

    /** What became of one operation of the batch. */
    @Schema(name = "OperationBatchResult")
    public record Result(
            @Schema(maxLength = 255, required = true) String key,
            @Schema(description = "`CREATED`: booked now (executed or queued as `POST /operations` would); `REPLAYED`: "
                    + "its key was already used for the same operation, which is answered; `REFUSED`: see `problem`; "
                    + "`NOT_BOOKED`: an `ATOMIC` batch refused because of another operation",
                    enumeration = {"CREATED", "REPLAYED", "REFUSED", "NOT_BOOKED"}, maxLength = 10, required = true) String status,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(ref = "Operation", description = "The operation, when CREATED or REPLAYED (else absent)")
            JsonNode operation,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "Why it was refused, when REFUSED (else absent)") Problem problem) {
    }

    public OperationBatchView withResults(List<Result> page, String next) {
        return new OperationBatchView(id, mode, status, operationCount, bookedCount, refusedCount, createdAt, completedAt,
                page, next);
    }
}
