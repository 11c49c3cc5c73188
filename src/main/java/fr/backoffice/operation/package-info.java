/**
 * Operations: what the front office submits (transfers, cheque and cash deposits, withdrawals, fees), their
 * lifecycle, the units' queues, scheduled execution, and which entries each posts (docs/operations-and-ledger.md
 * "Operations and the ledger").
 *
 * <ul>
 * <li><b>Owns</b> the tables {@code operation} and {@code operation_history} (V3__operations_and_ledger.sql; the
 * clearing's types, status and columns are described in V5__clearing.sql), the table {@code operation_batch} and the
 * database function {@code operation_submit_batch} with the daily total of transfers to other banks it reads (same
 * file); the endpoints under {@code /operations} and {@code /operation-batches},
 * and {@code GET /units/{code}/queue}.</li>
 * <li><b>May use</b> every feature to its left: {@code common}, {@code event}, {@code audit}, {@code unit},
 * {@code account}, {@code ledger} (ArchitectureTest). It reads units through {@code UnitService}, accounts through
 * {@code AccountReader} and {@code InternalAccounts}, and books through {@code Ledger}; it never queries their tables
 * itself.</li>
 * <li><b>Rules.</b> The state machine is {@link fr.backoffice.operation.OperationLifecycle}; the entries of each type,
 * {@link fr.backoffice.operation.Postings}; the business days, {@link fr.backoffice.operation.BusinessCalendar}; an
 * external transfer's creditor bank, {@link fr.backoffice.operation.Bic} and {@link fr.backoffice.operation.BicDirectory}
 * (docs/clearing-and-statements.md "The BIC directory"; loaded at start by {@code service.CreditorBanks}, the
 * creditor's BIC column: V5__clearing.sql).
 * In {@code service}: {@code OperationSubmission} is the hot path ({@code POST /operations}, checks in
 * {@code OperationIntake}), booked with the submissions arriving at the same time by {@code GroupCommit} in one call of
 * {@code operation_submit_batch} ({@code SubmissionBatch}; docs/performance.md "Group commit and batches");
 * {@code OperationBatches} is {@code POST /operation-batches} (docs/operations-and-ledger.md "Operation batches"); {@code OperationActions} are what people do to a
 * recorded operation; {@code Execution} books one (validation, approval, scheduler); {@code ScheduledExecutions} runs
 * the due ones; {@code OperationQueries} reads; {@code ClearingOperations} is what the clearing feature does to
 * operations (payment files, settlements, returns, incoming credits). Every change ends in {@code OperationJournal}: its history, and one
 * event per state change in the same transaction. Actions lock the operation, check the four-eyes rules and are
 * idempotent with an {@code Idempotency-Key}; who reaches which operation: {@code common.security}.</li>
 * <li><b>Limits on who moves money</b> (docs/operations-and-ledger.md "Operations and the ledger"). Only a front-office
 * application's submissions execute straight through: what an agent submits waits in the unit's queue for another
 * person. A transfer to another bank that would take its debit account's transfers to other banks of the business day
 * above {@code backoffice.limits.external-transfers-per-day} waits for four eyes ({@code requiresApproval}); the day's
 * total is read by {@code operation_submit_batch} under the debit account's lock, so concurrent submissions cannot both slip
 * under it. Four eyes compare people by {@code Caller.id()}, the token's {@code sub}.</li>
 * <li><b>Layout.</b> {@code api}: what answers, stored answers and events carry; {@code rest}: HTTP only;
 * {@code service}; {@code repository}.</li>
 * </ul>
 */
package fr.backoffice.operation;
