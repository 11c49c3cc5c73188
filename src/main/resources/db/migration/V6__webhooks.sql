-- Webhooks (docs/webhooks.md "Webhooks"): front-office applications subscribe an https url to event types; each
-- committed event of a subscribed type becomes one delivery per endpoint, POSTed and signed as the Standard Webhooks
-- specification says, retried with back-off, in event order per endpoint.
--
-- The secret signs deliveries, so the service must be able to read it: it is stored as issued ('whsec_' + base64 of
-- 24 random bytes), readable by the schema's owner and the runtime role only, never answered after creation or
-- rotation, never in an event or a log. previous_secret still signs, beside the new one, until previous_secret_until
-- (24 h after a rotation), so that receivers can switch without losing a delivery.
CREATE TABLE webhook_endpoint (
    id                    uuid          PRIMARY KEY,
    -- the token's sub of the front-office application (or admin) that created it: who sees and changes it
    owner                 varchar(255)  NOT NULL,
    url                   varchar(2048) NOT NULL,
    -- comma-separated event types, or '*' for every type
    event_types           varchar(2048) NOT NULL CHECK (event_types ~ '^(\*|[a-z.-]+(,[a-z.-]+)*)$'),
    description           varchar(500),
    status                varchar(16)   NOT NULL CHECK (status IN ('ENABLED', 'DISABLED')),
    -- why the service disabled it (GONE: the receiver answered 410; FAILING: every delivery failed for a while);
    -- null when enabled or disabled by a caller
    disabled_reason       varchar(16)   CHECK (disabled_reason IN ('GONE', 'FAILING')),
    secret                varchar(64)   NOT NULL,
    previous_secret       varchar(64),
    previous_secret_until timestamptz,
    -- the first failed attempt since the last success: the endpoint is disabled once it is older than
    -- backoffice.webhooks.disable-after
    failing_since         timestamptz,
    version               bigint        NOT NULL,
    created_at            timestamptz   NOT NULL,
    updated_at            timestamptz   NOT NULL,
    -- since when it is ENABLED (created, or enabled again): the fan-out gives it the events that occurred since,
    -- however late the fan-out runs, and never those of a time it was disabled
    enabled_since         timestamptz   NOT NULL
);
CREATE INDEX webhook_endpoint_owner_idx ON webhook_endpoint (owner, id);

-- One delivery per (event, endpoint); its id is the webhook-id header, the same on every attempt. seq orders the
-- deliveries of an endpoint (the fan-out numbers them in event order) and pages them.
-- A delivery being sent is known as such: the claim sets leased_until (to the end of the lease, the same instant as
-- next_attempt_at then), and recording the attempt's outcome clears it. A failed attempt only moves next_attempt_at,
-- to schedule the next one, so the two are never confused:
--   * POST .../deliveries/{id}/retry refuses a delivery whose lease has not passed (409 WEBHOOK_DELIVERY_IN_FLIGHT);
--   * the claim takes no delivery of an endpoint that has one leased, so a retried earlier delivery (which becomes the
--     endpoint's oldest pending one) waits for the one under way: an endpoint gets one request at a time.
-- A lease that passed without an outcome (its instance stopped) is no longer "under way": the delivery is claimed
-- again, by any instance. An attempt never outlives its lease: it ends at backoffice.webhooks.timeout, and the lease
-- is twice that plus 5 s.
CREATE TABLE webhook_delivery (
    id                   uuid         PRIMARY KEY,
    seq                  bigserial    NOT NULL UNIQUE,
    endpoint_id          uuid         NOT NULL REFERENCES webhook_endpoint ON DELETE CASCADE,
    -- null for a webhook.test delivery, whose event is not in the feed (payload holds it)
    event_id             uuid         REFERENCES event,
    event_type           varchar(64)  NOT NULL,
    payload              text,
    status               varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts             int          NOT NULL CHECK (attempts >= 0),
    next_attempt_at      timestamptz,
    last_attempt_at      timestamptz,
    last_response_status int,
    last_response_body   varchar(4096),
    last_error           varchar(500),
    created_at           timestamptz  NOT NULL,
    leased_until         timestamptz,
    CHECK (event_id IS NOT NULL OR payload IS NOT NULL),
    CHECK ((status = 'PENDING') = (next_attempt_at IS NOT NULL))
);
CREATE INDEX webhook_delivery_endpoint_idx ON webhook_delivery (endpoint_id, seq);
CREATE INDEX webhook_delivery_pending_idx ON webhook_delivery (endpoint_id, seq) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_event_idx ON webhook_delivery (event_id);

-- Where the fan-out is in the event feed: the (tx, seq) of the last event it turned into deliveries. One row, which
-- starts before the first event.
CREATE TABLE webhook_fanout (
    id  int    PRIMARY KEY CHECK (id = 1),
    tx  xid8   NOT NULL,
    seq bigint NOT NULL
);
INSERT INTO webhook_fanout (id, tx, seq) VALUES (1, '0'::xid8, 0);
