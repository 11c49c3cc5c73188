-- Webhooks that cannot be abused (docs/webhooks.md "Webhooks").
--
-- 1. A DELIVERY BEING SENT IS KNOWN AS SUCH
-- A claim used to mark an attempt under way only by moving next_attempt_at past the attempt's timeout, which is also
-- what a failed attempt does to schedule the next one: a retry could not tell the two apart, made a delivery under way
-- due again, and it was sent a second time while the first was still going. leased_until is set by the claim (to the
-- end of the lease, the same instant as next_attempt_at then) and cleared when the attempt's outcome is recorded:
--   * POST .../deliveries/{id}/retry refuses a delivery whose lease has not passed (409 WEBHOOK_DELIVERY_IN_FLIGHT);
--   * the claim takes no delivery of an endpoint that has one leased, so a retried earlier delivery (which becomes the
--     endpoint's oldest pending one) waits for the one under way: an endpoint gets one request at a time.
-- A lease that passed without an outcome (its instance stopped) is no longer "under way": the delivery is claimed
-- again, as before. An attempt never outlives its lease: it ends at backoffice.webhooks.timeout, and the lease is
-- twice that plus 5 s.
ALTER TABLE webhook_delivery ADD COLUMN leased_until timestamptz;

-- 2. EVENTS SOME READERS DO NOT SEE
-- webhook-endpoint.disabled showed one application's endpoint (its url, query token included, and its description)
-- to every reader of the feed and to every endpoint subscribed to it. visible_to names the one caller (a token's sub)
-- who reads an event besides admins; null means every reader of the feed. The feed (GET /events, GET /events/stream)
-- gives a caller who is not an admin only the events with visible_to null or its own sub; the webhook fan-out gives an
-- endpoint only those with visible_to null or its owner. The events about a webhook endpoint are its owner's: the
-- database refuses one that names no reader, whatever code writes it. Their data no longer carries the url nor the
-- description (see the EventType schema).
--
-- Hiding an event changes no position: the feed's order, its horizon and its cursors are the same for every reader,
-- a reader just skips what it does not see; the feed's query still walks event_feed_idx (tx, seq), visible_to being
-- a filter on the rows it reads (almost all of which have visible_to null).
ALTER TABLE event ADD COLUMN visible_to varchar(255);

-- the endpoint events written before: their owner's (the owner is in their data), without the url and description
UPDATE event
SET visible_to = coalesce((data::jsonb) ->> 'owner', ''),
    data = ((data::jsonb) - 'url' - 'description' - 'eventTypes' - 'createdAt')::text
WHERE resource_type = 'webhook-endpoint';

-- and their deliveries to endpoints of anyone else, which should never have existed
DELETE FROM webhook_delivery d
USING event e, webhook_endpoint ep
WHERE e.id = d.event_id AND ep.id = d.endpoint_id AND e.visible_to IS NOT NULL AND e.visible_to <> ep.owner;

-- (adding it reads the event table once, at start-up of the first instance that migrates)
ALTER TABLE event ADD CONSTRAINT event_of_a_webhook_endpoint_names_its_reader
    CHECK (resource_type <> 'webhook-endpoint' OR visible_to IS NOT NULL);
