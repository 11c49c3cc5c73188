-- A scheduled operation whose execution fails for a technical reason is tried again later, with back-off, without
-- holding up the operations due after it (docs/operations-and-ledger.md "Operations and the ledger"): attempts so far,
-- and not before when. Both null until a first failure. (A business refusal, such as insufficient funds, is no failure:
-- the operation is rejected with its reason.)
ALTER TABLE operation ADD COLUMN execution_attempts int CHECK (execution_attempts > 0),
                      ADD COLUMN next_attempt_at timestamptz;
