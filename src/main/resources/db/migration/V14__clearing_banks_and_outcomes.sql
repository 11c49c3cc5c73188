-- Clearing (docs/clearing-and-statements.md "Clearing and statements"): the files a SEPA clearing accepts, and the
-- clearing system's outcomes.

-- 1. THE CREDITOR'S BANK
-- An external transfer's creditor bank as a BIC (ISO 9362, the BICFI of the pacs.008's CdtrAgt): given by the
-- submitter (creditor.bic) or found from the IBAN in the BIC directory at submission. Transfers submitted before this
-- migration have none: the directory is asked again when their file is closed.
ALTER TABLE operation ADD COLUMN creditor_bic varchar(11)
    CONSTRAINT operation_creditor_bic_format CHECK (creditor_bic ~ '^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
    ADD CONSTRAINT operation_creditor_bic_external CHECK (creditor_bic IS NULL OR creditor_iban IS NOT NULL);

-- 2. THE CLEARING SYSTEM'S OUTCOME
-- A file's outcome comes from the clearing system's status report (pacs.002) or is recorded by hand; a report may
-- accept some transactions and reject others (PARTIALLY_ACCEPTED: the accepted ones settled, the rejected ones given
-- back). status_report_id is the report's MsgId. The runtime role's right to change them: R__runtime_role.sql.
ALTER TABLE payment_file ALTER COLUMN status TYPE varchar(20),
    DROP CONSTRAINT payment_file_status_check,
    ADD CONSTRAINT payment_file_status_check CHECK (status IN ('GENERATED', 'ACCEPTED', 'REJECTED', 'PARTIALLY_ACCEPTED')),
    ADD COLUMN status_report_id varchar(35),
    ADD CONSTRAINT payment_file_status_report_check CHECK (status_report_id IS NULL OR status <> 'GENERATED');
