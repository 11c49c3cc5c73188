package fr.backoffice.operation.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The body of {@code POST /operation-batches}; also what an idempotent retry of the batch is compared with. */
@Schema(name = "NewOperationBatch", description = """
        Many operations in one request. `ATOMIC`: all are booked or none (the first refusal is named); \
        `INDEPENDENT`: each is booked or refused on its own. Each operation carries its own idempotency key.""")
public record NewOperationBatch(
        @NotNull @Schema(required = true) BatchMode mode,
        @NotNull @Valid @Schema(required = true, minItems = 1, maxItems = BatchOperation.MAX_OPERATIONS,
                description = "1 to `backoffice.submissions.batch-max-operations` operations (5000 by default)")
        List<@NotNull @Valid BatchOperation> operations) {

    /** How the operations of a batch stand together. */
    public enum BatchMode {
        ATOMIC, INDEPENDENT
    }
}
