-- Incoming credits are keyed by what identifies a transaction in the SEPA scheme: the message's MsgId and the
-- transaction's TxId (docs/clearing-and-statements.md "Clearing and statements"). The EndToEndId is the payer's
-- reference: it may repeat within a message (NOTPROVIDED is the usual value), and the key (MsgId, EndToEndId) of V12
-- took the first of two such credits in and dropped the second, neither booked nor listed for return.
--
-- Rows taken in before this migration carry no TxId (it was not kept) and keep transaction_id null. A replay of such a
-- message must still find them: a transaction of that message with the same EndToEndId, amount and creditor IBAN
-- claims the old row (its transaction_id is set, once) and is a duplicate; one that matches no old row, like a credit
-- V12 dropped, is taken in. At most one old row per (MsgId, EndToEndId) exists, as under the old key.
ALTER TABLE incoming_credit ADD COLUMN transaction_id varchar(35);
ALTER TABLE incoming_credit DROP CONSTRAINT incoming_credit_pkey;
-- a key that never changes, for the row itself (transaction_id is filled in on old rows)
ALTER TABLE incoming_credit ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
-- the replay key: two imports of one transaction, even at once, insert it once (the second waits on the key, then
-- skips); null only on the rows from before this migration, which stay distinct
ALTER TABLE incoming_credit ADD CONSTRAINT incoming_credit_transaction UNIQUE (message_id, transaction_id);
CREATE UNIQUE INDEX incoming_credit_without_transaction_id ON incoming_credit (message_id, end_to_end_id)
    WHERE transaction_id IS NULL;

-- A transaction taken in stays taken in: transaction_id is set once, on an old row, and never changed or cleared (the
-- runtime role may update only this column, R__runtime_role.sql).
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
