-- Reconciliation (docs/reconciliation.md "Reconciliation"): the statements the settlement bank sends about the bank's own
-- accounts (camt.053.001.08 end of day, camt.054.001.08 intraday), their lines, the matches of lines to ledger entries
-- (and which rule made each), and the exceptions queue of what did not match.

-- One statement or notification taken in. A replay (the same account and MsgId, or the same account, message and
-- ElctrncSeqNb) is found by the unique keys; opening_balance/closing_balance are the camt.053's OPBD and CLBD, signed
-- as the bank writes them (CRDT positive), null for a camt.054.
CREATE TABLE reconciliation_statement (
    id              uuid          PRIMARY KEY,
    account_id      uuid          NOT NULL REFERENCES account (id),
    message_type    varchar(15)   NOT NULL CHECK (message_type IN ('camt.053.001.08', 'camt.054.001.08')),
    message_id      varchar(35)   NOT NULL,
    statement_ref   varchar(35)   NOT NULL,
    sequence_number bigint        CHECK (sequence_number >= 0),
    currency        varchar(3)    NOT NULL,
    opening_balance numeric(18,2),
    opening_date    date,
    closing_balance numeric(18,2),
    closing_date    date,
    period_end      timestamptz   NOT NULL,
    sha256          varchar(64)   NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    loaded_at       timestamptz   NOT NULL,
    loaded_by       varchar(255)  NOT NULL,
    lines           int           NOT NULL CHECK (lines >= 0),
    matched         int           NOT NULL CHECK (matched >= 0),
    unmatched       int           NOT NULL CHECK (unmatched >= 0),
    CHECK ((message_type = 'camt.053.001.08') = (opening_balance IS NOT NULL AND closing_balance IS NOT NULL)),
    UNIQUE (account_id, message_id)
);
CREATE UNIQUE INDEX reconciliation_statement_sequence_uq ON reconciliation_statement (account_id, message_type, sequence_number)
    WHERE sequence_number IS NOT NULL;
CREATE INDEX reconciliation_statement_last_idx ON reconciliation_statement (account_id, message_type, loaded_at DESC);

-- A match: one or more lines settled by one or more ledger entries, by one rule (or by hand).
CREATE TABLE reconciliation_match (
    id         uuid          PRIMARY KEY,
    account_id uuid          NOT NULL REFERENCES account (id),
    rule       varchar(32)   NOT NULL CHECK (rule IN ('END_TO_END_ID', 'TRANSACTION_ID', 'MESSAGE_ID', 'PAYMENT_FILE',
                                                      'AMOUNT_DATE_COUNTERPARTY', 'MANUAL')),
    shape      varchar(12)   NOT NULL CHECK (shape IN ('ONE_TO_ONE', 'ONE_TO_MANY', 'MANY_TO_ONE')),
    matched_at timestamptz   NOT NULL,
    matched_by varchar(255)  NOT NULL
);

-- Every statement line: an Ntry, or each TxDtls of a batched Ntry.
CREATE TABLE reconciliation_line (
    id                uuid          PRIMARY KEY,
    statement_id      uuid          NOT NULL REFERENCES reconciliation_statement (id),
    account_id        uuid          NOT NULL REFERENCES account (id),
    line_number       int           NOT NULL CHECK (line_number > 0),
    path              varchar(200)  NOT NULL,
    amount            numeric(18,2) NOT NULL CHECK (amount > 0),
    credit_debit      varchar(4)    NOT NULL CHECK (credit_debit IN ('CRDT', 'DBIT')),
    booking_date      date,
    value_date        date          NOT NULL,
    account_servicer_ref varchar(35),
    end_to_end_id     varchar(35),
    transaction_id    varchar(35),
    message_id        varchar(35),
    remittance        varchar(140),
    counterparty_name varchar(140),
    counterparty_iban varchar(34),
    state             varchar(9)    NOT NULL CHECK (state IN ('MATCHED', 'UNMATCHED', 'PARTIAL')),
    -- the rule that matched it, or (PARTIAL) found its entries by reference with another amount
    rule              varchar(32),
    match_id          uuid          REFERENCES reconciliation_match (id),
    UNIQUE (statement_id, line_number),
    CHECK ((state = 'MATCHED') = (match_id IS NOT NULL)),
    CHECK (state = 'UNMATCHED' OR rule IS NOT NULL)
);
CREATE INDEX reconciliation_line_account_idx ON reconciliation_line (account_id) WHERE state <> 'MATCHED';
CREATE INDEX reconciliation_line_match_idx ON reconciliation_line (match_id) WHERE match_id IS NOT NULL;

-- The ledger entries a match took: an entry is matched once at most.
CREATE TABLE reconciliation_matched_entry (
    entry_id uuid PRIMARY KEY REFERENCES ledger_entry (id),
    match_id uuid NOT NULL REFERENCES reconciliation_match (id)
);
CREATE INDEX reconciliation_matched_entry_match_idx ON reconciliation_matched_entry (match_id);

-- A PARTIAL line's candidates: the entries its reference names, whose amounts disagree with it (not matched).
CREATE TABLE reconciliation_candidate (
    line_id  uuid NOT NULL REFERENCES reconciliation_line (id),
    entry_id uuid NOT NULL REFERENCES ledger_entry (id),
    PRIMARY KEY (line_id, entry_id)
);

-- The queue: every line left UNMATCHED or PARTIAL, and every entry of the account booked up to a camt.053's end that no
-- line matched (booked by us, never seen by the bank). One item per line or entry.
CREATE TABLE reconciliation_exception (
    id           uuid          PRIMARY KEY,
    kind         varchar(14)   NOT NULL CHECK (kind IN ('STATEMENT_LINE', 'LEDGER_ENTRY')),
    account_id   uuid          NOT NULL REFERENCES account (id),
    statement_id uuid          NOT NULL REFERENCES reconciliation_statement (id),
    line_id      uuid          UNIQUE REFERENCES reconciliation_line (id),
    entry_id     uuid          UNIQUE REFERENCES ledger_entry (id),
    -- as the bank sees it: CRDT money in on the account at the bank (a debit entry of ours), DBIT money out
    amount       numeric(18,2) NOT NULL CHECK (amount > 0),
    credit_debit varchar(4)    NOT NULL CHECK (credit_debit IN ('CRDT', 'DBIT')),
    value_date   date          NOT NULL,
    status       varchar(8)    NOT NULL CHECK (status IN ('OPEN', 'CLAIMED', 'RESOLVED')),
    created_at   timestamptz   NOT NULL,
    assignee     varchar(255),
    resolution   varchar(16)   CHECK (resolution IN ('MANUAL_MATCH', 'BANK_ERROR', 'AUTO_MATCHED')),
    reason       varchar(500),
    resolved_at  timestamptz,
    resolved_by  varchar(255),
    version      bigint        NOT NULL DEFAULT 0,
    CHECK ((kind = 'STATEMENT_LINE') = (line_id IS NOT NULL)),
    CHECK ((kind = 'LEDGER_ENTRY') = (entry_id IS NOT NULL)),
    CHECK ((status = 'RESOLVED') = (resolution IS NOT NULL AND resolved_at IS NOT NULL)),
    CHECK (status <> 'CLAIMED' OR assignee IS NOT NULL)
);
CREATE INDEX reconciliation_exception_queue_idx ON reconciliation_exception (id) WHERE status <> 'RESOLVED';
CREATE INDEX reconciliation_exception_account_idx ON reconciliation_exception (account_id, id);
