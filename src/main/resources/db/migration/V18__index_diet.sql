-- Index diet, first step (issue 19 item 3; docs/performance.md "Index decisions").
--
-- The hourly idempotency purge (IdempotencyKeyPurge: delete ... where created_at < now() - retention) had no index
-- on its time column and read the whole table. Records are appended in created_at order, so a BRIN index finds the
-- old block ranges in a few pages and, unlike a B-tree, adds no index entry per record on the write path.
CREATE INDEX idempotency_key_created_brin ON idempotency_key USING brin (created_at);

-- The reversal links are null on almost every operation, yet their UNIQUE constraints stored one B-tree entry per
-- operation each (2 of the ~39 index entries of a transfer). Uniqueness only matters among the links that are set,
-- so partial unique indexes keep the same rule (an operation is reversed at most once, by one reversal) for the
-- rows that have a link, and write nothing for the others. No query looks an operation up by these columns.
ALTER TABLE operation DROP CONSTRAINT operation_reversal_of_key, DROP CONSTRAINT operation_reversed_by_key;
CREATE UNIQUE INDEX operation_reversal_of_uq ON operation (reversal_of) WHERE reversal_of IS NOT NULL;
CREATE UNIQUE INDEX operation_reversed_by_uq ON operation (reversed_by) WHERE reversed_by IS NOT NULL;
