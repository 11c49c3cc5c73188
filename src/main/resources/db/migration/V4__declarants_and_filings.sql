-- Declarants and regulatory filings (docs/filings.md "Filings"): VAT returns and annual accounts, from draft to the
-- administration's acknowledgement, with the frozen documents and the outbox of the administration gateway.
-- Filing amounts are whole euros inside the JSON content; the database keeps the lifecycle consistent.

CREATE TABLE declarant (
    id              uuid         PRIMARY KEY,
    name            varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
    siren           varchar(9)   NOT NULL CHECK (siren ~ '^[0-9]{9}$'),
    -- FR + 2-digit key + SIREN; the key itself is checked by the service
    vat_number      varchar(13)  NOT NULL CHECK (vat_number ~ '^FR[0-9]{11}$' AND substr(vat_number, 5) = siren),
    vat_regime      varchar(16)  NOT NULL CHECK (vat_regime IN ('MONTHLY', 'QUARTERLY')),
    -- MM-DD; the service refuses days that do not exist (02-30...)
    fiscal_year_end varchar(5)   NOT NULL CHECK (fiscal_year_end ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
    liable_from     date,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(255) NOT NULL
);

CREATE UNIQUE INDEX declarant_siren_uq ON declarant (siren);

CREATE TABLE filing (
    id                 uuid         PRIMARY KEY,
    type               varchar(16)  NOT NULL CHECK (type IN ('VAT_RETURN', 'ANNUAL_ACCOUNTS')),
    declarant_id       uuid         NOT NULL REFERENCES declarant (id),
    period_start       date         NOT NULL,
    period_end         date         NOT NULL,
    due_date           date         NOT NULL,
    status             varchar(16)  NOT NULL CHECK (status IN ('DRAFT', 'VALIDATED', 'SUBMITTED', 'ACCEPTED', 'REJECTED')),
    -- JSON objects as text: the declared figures, the service's computation, the last check results
    content            text         NOT NULL CHECK (jsonb_typeof(content::jsonb) = 'object'),
    computed           text         NOT NULL CHECK (jsonb_typeof(computed::jsonb) = 'object'),
    checks             text         NOT NULL CHECK (jsonb_typeof(checks::jsonb) = 'object'),
    prepared_by        varchar(255) NOT NULL,
    created_at         timestamptz  NOT NULL,
    validated_by       varchar(255),
    validated_at       timestamptz,
    submitted_by       varchar(255),
    submitted_at       timestamptz,
    -- lower-case hex SHA-256 of the frozen document (filing_document)
    digest             varchar(64)  CHECK (digest ~ '^[0-9a-f]{64}$'),
    deposit_reference  varchar(64)  UNIQUE,
    ack_outcome        varchar(16)  CHECK (ack_outcome IN ('ACCEPTED', 'REJECTED')),
    ack_administration_reference varchar(100),
    ack_reason         varchar(1000),
    ack_received_at    timestamptz,
    ack_recorded_by    varchar(255),
    -- a corrected declaration amends an earlier one; each filing is amended at most once
    amends             uuid         UNIQUE REFERENCES filing (id),
    amended_by         uuid         UNIQUE REFERENCES filing (id),
    version            bigint       NOT NULL DEFAULT 0,
    CHECK (period_start <= period_end),
    CHECK (amends IS NULL OR amends <> id),
    -- the lifecycle, as a last line of defence: what each status must (and must not) carry
    CHECK ((status = 'DRAFT') = (validated_by IS NULL)),
    CHECK ((validated_by IS NULL) = (validated_at IS NULL)),
    CHECK ((status IN ('SUBMITTED', 'ACCEPTED', 'REJECTED')) = (submitted_at IS NOT NULL)),
    CHECK ((submitted_at IS NULL) = (submitted_by IS NULL)
        AND (submitted_at IS NULL) = (digest IS NULL)
        AND (submitted_at IS NULL) = (deposit_reference IS NULL)),
    CHECK ((status IN ('ACCEPTED', 'REJECTED')) = (ack_outcome IS NOT NULL)),
    CHECK (ack_outcome IS NULL OR (ack_outcome = status AND ack_administration_reference IS NOT NULL
        AND ack_received_at IS NOT NULL AND ack_recorded_by IS NOT NULL)),
    CHECK (ack_outcome IS DISTINCT FROM 'REJECTED' OR ack_reason IS NOT NULL),
    CHECK (amended_by IS NULL OR status IN ('ACCEPTED', 'REJECTED'))
);

-- One live declaration per declarant, type and period: rejected ones and amendments aside (FILING_EXISTS).
CREATE UNIQUE INDEX filing_live_period_uq ON filing (declarant_id, type, period_start, period_end)
    WHERE status <> 'REJECTED' AND amends IS NULL;
-- obligations, the previous accepted VAT return, and the declarantId filter
CREATE INDEX filing_declarant_period_idx ON filing (declarant_id, type, period_end);

-- Who did what to a filing, and when: every transition and every content change. Ids come from a sequence
-- one at a time, and a filing's changes are serialized by its row lock, so id order is the order of events.
CREATE SEQUENCE filing_history_seq START 1 INCREMENT 1;

CREATE TABLE filing_history (
    id          bigint       PRIMARY KEY,
    filing_id   uuid         NOT NULL REFERENCES filing (id),
    at          timestamptz  NOT NULL,
    actor       varchar(255) NOT NULL,
    action      varchar(32)  NOT NULL CHECK (action IN ('CREATED', 'CONTENT_REPLACED', 'VALIDATED', 'SUBMITTED',
                                                        'ACCEPTED', 'REJECTED', 'AMENDED')),
    from_status varchar(16)  CHECK (from_status IN ('DRAFT', 'VALIDATED', 'SUBMITTED', 'ACCEPTED', 'REJECTED')),
    to_status   varchar(16)  NOT NULL CHECK (to_status IN ('DRAFT', 'VALIDATED', 'SUBMITTED', 'ACCEPTED', 'REJECTED')),
    CHECK ((action = 'CREATED') = (from_status IS NULL))
);

CREATE INDEX filing_history_filing_idx ON filing_history (filing_id, id);

-- The exact bytes of each submitted document (canonical JSON), served by GET /filings/{id}/document.
CREATE TABLE filing_document (
    filing_id  uuid        PRIMARY KEY REFERENCES filing (id),
    body       bytea       NOT NULL,
    digest     varchar(64) NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL
);

-- Deposit references handed out by the outbox gateway: DEP-<year>-<8 digits>.
CREATE SEQUENCE administration_deposit_seq START 1 MAXVALUE 99999999 NO CYCLE;

-- The outbox of the administration gateway: each submitted document waits here, in the transaction that
-- submitted it, for the transport that delivers it to the administration (which sets sent_at).
CREATE TABLE administration_outbox (
    id                uuid         PRIMARY KEY,
    deposit_reference varchar(64)  NOT NULL UNIQUE,
    filing_id         uuid         NOT NULL UNIQUE REFERENCES filing (id),
    filing_type       varchar(16)  NOT NULL,
    siren             varchar(9)   NOT NULL,
    document          bytea        NOT NULL,
    digest            varchar(64)  NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
    created_at        timestamptz  NOT NULL,
    sent_at           timestamptz,
    attempts          int          NOT NULL DEFAULT 0 CHECK (attempts >= 0)
);

CREATE INDEX administration_outbox_pending_idx ON administration_outbox (created_at) WHERE sent_at IS NULL;
