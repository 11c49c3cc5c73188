-- Clearing (docs/clearing-and-statements.md "Clearing and statements"): payment files sent to the clearing system
-- (pacs.008), the clearing system's outcomes (pacs.002), credits received from other banks (pacs.008, operation type
-- INCOMING_TRANSFER) and returns of transfers we sent (pacs.004, status RETURNED).

-- 1. OPERATIONS (the columns and checks are in the operation table, V3__operations_and_ledger.sql)
-- INCOMING_TRANSFER: another bank's credit, posted from the unit's clearing settlement account to the customer, keeping
-- the debtor's name and IBAN. CLEARING_SETTLEMENT: an accepted payment file's money, moved from a unit's outgoing
-- transfers account to its clearing settlement account. Both are born executed and never acted on.
-- RETURNED: an executed external transfer whose money came back (file rejected, or pacs.004), with the ISO 20022
-- reason (return_reason) and the REVERSAL operation that credited the debtor back (reversed_by).
-- An external transfer's creditor bank as a BIC (creditor_bic; ISO 9362, the BICFI of the pacs.008's CdtrAgt): given
-- by the submitter (creditor.bic) or found from the IBAN in the BIC directory at submission; when a transfer has none,
-- the directory is asked again when its file is closed.

-- 2. PAYMENT FILES
-- A file's outcome comes from the clearing system's status report (pacs.002) or is recorded by hand; a report may
-- accept some transactions and reject others (PARTIALLY_ACCEPTED: the accepted ones settled, the rejected ones given
-- back). status_report_id is the report's MsgId. The runtime role's right to change them: R__runtime_role.sql.
CREATE TABLE payment_file (
    id                     uuid          PRIMARY KEY,
    -- GrpHdr/MsgId: unique towards the clearing system
    message_id             varchar(35)   NOT NULL UNIQUE,
    created_at             timestamptz   NOT NULL,
    created_by             varchar(255)  NOT NULL,
    settlement_date        date          NOT NULL,
    number_of_transactions int           NOT NULL CHECK (number_of_transactions > 0),
    control_sum            numeric(18,2) NOT NULL CHECK (control_sum > 0),
    currency               varchar(3)    NOT NULL,
    status                 varchar(20)   NOT NULL
        CHECK (status IN ('GENERATED', 'ACCEPTED', 'REJECTED', 'PARTIALLY_ACCEPTED')),
    -- the pacs.008 as sent: written once, the runtime role cannot change it (R__runtime_role.sql)
    document               bytea         NOT NULL,
    sha256                 varchar(64)   NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    acknowledged_at        timestamptz,
    acknowledged_by        varchar(255),
    rejection_reason       varchar(500),
    version                bigint        NOT NULL DEFAULT 0,
    status_report_id       varchar(35),
    CHECK ((status = 'GENERATED') = (acknowledged_at IS NULL)),
    CONSTRAINT payment_file_status_report_check CHECK (status_report_id IS NULL OR status <> 'GENERATED')
);
CREATE INDEX payment_file_newest ON payment_file (created_at DESC, id DESC);
CREATE SEQUENCE payment_file_number_seq;

-- Which file took an external transfer (a transfer waits while null).
ALTER TABLE operation ADD FOREIGN KEY (payment_file_id) REFERENCES payment_file (id);
CREATE INDEX operation_waiting_for_clearing ON operation (executed_at, id)
    WHERE type = 'TRANSFER' AND creditor_iban IS NOT NULL AND status = 'EXECUTED' AND payment_file_id IS NULL;
CREATE INDEX operation_payment_file ON operation (payment_file_id) WHERE payment_file_id IS NOT NULL;
-- a pacs.004 names the transfer it returns by the EndToEndId we sent
CREATE INDEX operation_sent_end_to_end_id ON operation (end_to_end_id) WHERE payment_file_id IS NOT NULL;

-- 3. INCOMING MESSAGES
-- Every transaction of an incoming pacs.008, posted or listed for return. Incoming credits are keyed by what
-- identifies a transaction in the SEPA scheme: the message's MsgId and the transaction's TxId. The EndToEndId is the
-- payer's reference: it may repeat within a message (NOTPROVIDED is the usual value), so it is no key.
CREATE TABLE incoming_credit (
    message_id     varchar(35)   NOT NULL,
    end_to_end_id  varchar(35)   NOT NULL,
    received_at    timestamptz   NOT NULL,
    received_by    varchar(255)  NOT NULL,
    amount         numeric(18,2) NOT NULL CHECK (amount > 0),
    creditor_iban  varchar(34)   NOT NULL,
    -- deferred: the credit's key is claimed first, before its operation is written, so two imports never both post
    operation_id   uuid          REFERENCES operation (id) DEFERRABLE INITIALLY DEFERRED,
    return_reason  varchar(4),
    -- null only on a row taken in without its TxId (IncomingCreditRepository): a replay of its message claims it
    -- (a transaction of that message with the same EndToEndId, amount and creditor IBAN sets it, once) and is a
    -- duplicate; at most one such row per (MsgId, EndToEndId)
    transaction_id varchar(35),
    -- a key that never changes, for the row itself
    id             bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    CHECK ((operation_id IS NULL) <> (return_reason IS NULL)),
    -- the replay key: two imports of one transaction, even at once, insert it once (the second waits on the key, then
    -- skips); rows without a TxId stay distinct
    CONSTRAINT incoming_credit_transaction UNIQUE (message_id, transaction_id)
);
CREATE UNIQUE INDEX incoming_credit_without_transaction_id ON incoming_credit (message_id, end_to_end_id)
    WHERE transaction_id IS NULL;

-- A transaction taken in stays taken in: transaction_id is set once, on a row without it, and never changed or cleared
-- (the runtime role may update only this column, R__runtime_role.sql).
CREATE FUNCTION incoming_credit_transaction_id_set_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.transaction_id IS NOT NULL OR NEW.transaction_id IS NULL THEN
        RAISE EXCEPTION 'incoming_credit.transaction_id is set once, on a row taken in before it was kept'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER incoming_credit_transaction_id_set_once BEFORE UPDATE ON incoming_credit
    FOR EACH ROW EXECUTE FUNCTION incoming_credit_transaction_id_set_once();
