-- Clearing (docs/clearing-and-statements.md "Clearing and statements"): payment files sent to the clearing system
-- (pacs.008), credits received from other banks (pacs.008, operation type INCOMING_TRANSFER) and returns of transfers
-- we sent (pacs.004, status RETURNED).

-- 1. OPERATIONS
-- INCOMING_TRANSFER: another bank's credit, posted from the unit's clearing settlement account to the customer, keeping
-- the debtor's name and IBAN. CLEARING_SETTLEMENT: an accepted payment file's money, moved from a unit's outgoing
-- transfers account to its clearing settlement account. Both are born executed and never acted on.
-- RETURNED: an executed external transfer whose money came back (file rejected, or pacs.004), with the ISO 20022
-- reason (return_reason) and the REVERSAL operation that credited the debtor back (reversed_by).
ALTER TABLE operation ALTER COLUMN type TYPE varchar(24);
ALTER TABLE operation DROP CONSTRAINT operation_type_check,
    ADD CONSTRAINT operation_type_check CHECK (type IN ('TRANSFER', 'CHEQUE_DEPOSIT', 'CASH_DEPOSIT', 'CASH_WITHDRAWAL',
                                                        'FEE', 'REVERSAL', 'INCOMING_TRANSFER', 'CLEARING_SETTLEMENT'));
ALTER TABLE operation DROP CONSTRAINT operation_status_check,
    ADD CONSTRAINT operation_status_check CHECK (status IN ('RECEIVED', 'PENDING_APPROVAL', 'SCHEDULED', 'EXECUTED',
                                                            'REJECTED', 'CANCELLED', 'REVERSED', 'CLEARED', 'BOUNCED',
                                                            'RETURNED'));
ALTER TABLE operation DROP CONSTRAINT operation_check3,
    ADD CONSTRAINT operation_executed_at_check
        CHECK ((status IN ('EXECUTED', 'REVERSED', 'CLEARED', 'BOUNCED', 'RETURNED')) = (executed_at IS NOT NULL));
ALTER TABLE operation DROP CONSTRAINT operation_check4,
    ADD CONSTRAINT operation_reversed_by_check CHECK ((status IN ('REVERSED', 'RETURNED')) = (reversed_by IS NOT NULL));

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
    status                 varchar(16)   NOT NULL CHECK (status IN ('GENERATED', 'ACCEPTED', 'REJECTED')),
    -- the pacs.008 as sent: written once, the runtime role cannot change it (see grant_runtime_role)
    document               bytea         NOT NULL,
    sha256                 varchar(64)   NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    acknowledged_at        timestamptz,
    acknowledged_by        varchar(255),
    rejection_reason       varchar(500),
    version                bigint        NOT NULL DEFAULT 0,
    CHECK ((status = 'GENERATED') = (acknowledged_at IS NULL))
);
CREATE INDEX payment_file_newest ON payment_file (created_at DESC, id DESC);
CREATE SEQUENCE payment_file_number_seq;

-- Which file took an external transfer (a transfer waits while null), and the EndToEndId it was sent with; an incoming
-- transfer's EndToEndId as the other bank sent it.
ALTER TABLE operation ADD COLUMN payment_file_id uuid REFERENCES payment_file (id),
                      ADD COLUMN end_to_end_id varchar(35),
                      ADD COLUMN debtor_name varchar(70),
                      ADD COLUMN debtor_iban varchar(34),
                      ADD COLUMN return_reason varchar(4) CHECK (return_reason ~ '^[A-Z0-9]{4}$');
ALTER TABLE operation ADD CONSTRAINT operation_returned_check CHECK ((status = 'RETURNED') = (return_reason IS NOT NULL)),
    ADD CONSTRAINT operation_payment_file_check
        CHECK (payment_file_id IS NULL OR (type = 'TRANSFER' AND creditor_iban IS NOT NULL AND end_to_end_id IS NOT NULL));
CREATE INDEX operation_waiting_for_clearing ON operation (executed_at, id)
    WHERE type = 'TRANSFER' AND creditor_iban IS NOT NULL AND status = 'EXECUTED' AND payment_file_id IS NULL;
CREATE INDEX operation_payment_file ON operation (payment_file_id) WHERE payment_file_id IS NOT NULL;
-- a pacs.004 names the transfer it returns by the EndToEndId we sent
CREATE INDEX operation_sent_end_to_end_id ON operation (end_to_end_id) WHERE payment_file_id IS NOT NULL;

-- 2. INCOMING MESSAGES
-- Every transaction of an incoming pacs.008, posted or listed for return: its key (MsgId, EndToEndId) makes a
-- replayed message post nothing, even when two imports of it run at once (the second waits on the key, then skips).
CREATE TABLE incoming_credit (
    message_id    varchar(35)   NOT NULL,
    end_to_end_id varchar(35)   NOT NULL,
    received_at   timestamptz   NOT NULL,
    received_by   varchar(255)  NOT NULL,
    amount        numeric(18,2) NOT NULL CHECK (amount > 0),
    creditor_iban varchar(34)   NOT NULL,
    -- deferred: the credit's key is claimed first, before its operation is written, so two imports never both post
    operation_id  uuid          REFERENCES operation (id) DEFERRABLE INITIALLY DEFERRED,
    return_reason varchar(4),
    PRIMARY KEY (message_id, end_to_end_id),
    CHECK ((operation_id IS NULL) <> (return_reason IS NULL))
);

CREATE OR REPLACE FUNCTION grant_runtime_role(runtime name) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    here name := current_schema();
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', here, runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON unit, account, operation, declarant, filing, administration_outbox TO %I',
                   runtime);
    EXECUTE format('GRANT SELECT, INSERT ON ledger_entry, operation_history, event, filing_document, filing_history, hold, '
                   'audit_record, audit_checkpoint, payment_file, incoming_credit TO %I', runtime);
    EXECUTE format('GRANT UPDATE (released_at) ON hold TO %I', runtime);
    EXECUTE format('GRANT UPDATE (chain_seq, prev_hash, hash) ON audit_record TO %I', runtime);
    EXECUTE format('GRANT UPDATE (status, acknowledged_at, acknowledged_by, rejection_reason, version) ON payment_file TO %I',
                   runtime);
    EXECUTE format('GRANT SELECT, INSERT, DELETE ON idempotency_key TO %I', runtime);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', here, runtime);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', here, runtime);
END $$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${runtime_role}') THEN
        PERFORM grant_runtime_role('${runtime_role}');
    END IF;
END $$;
