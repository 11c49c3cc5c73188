/**
 * Webhooks (docs/webhooks.md "Webhooks"): tables {@code webhook_endpoint}, {@code webhook_delivery},
 * {@code webhook_fanout} (V6__webhooks.sql); the endpoints under {@code /webhook-endpoints}.
 *
 * <ul>
 * <li><b>May use</b> {@code common}, {@code event}, {@code audit} (ArchitectureTest); nothing uses it.</li>
 * <li><b>From the outbox, never from memory.</b> Deliveries are created by the fan-out
 * ({@link fr.backoffice.webhook.repository.DeliveryQueue}), which reads committed events after its stored position,
 * below the oldest running transaction as the feed does, and inserts their deliveries in the transaction that moves
 * the position, one instance at a time. An event committed by an instance that then stopped is delivered all the
 * same. The body is the event exactly as {@code GET /events} gives it. {@code webhook.test} is the exception: not a
 * change anyone follows, so not in the feed; its event is stored with its one delivery.</li>
 * <li><b>Sent once at a time, in order.</b> Due deliveries are claimed with {@code FOR UPDATE SKIP LOCKED} in a short
 * transaction that counts the attempt and sets a lease; only an endpoint's oldest pending delivery is claimable, so an
 * endpoint's deliveries go in event order and a failing one holds back that endpoint only. The HTTP call runs outside
 * any transaction ({@link fr.backoffice.webhook.service.WebhookSender}); its outcome is recorded only if the lease is
 * still the attempt's. A delivery whose instance stopped mid-attempt is claimed again when its lease passes, with the
 * same {@code webhook-id}: receivers deduplicate on it. The lease is recorded ({@code leased_until},
 * V6__webhooks.sql): no delivery of an endpoint is claimed while another of it is leased, and
 * a retry refuses a leased delivery, so an endpoint gets one request at a time and one {@code webhook-id} is never sent
 * twice at once. An attempt ends at its timeout, connection closed (WebhookSender), well within its lease.</li>
 * <li><b>Signed</b> as Standard Webhooks says ({@link fr.backoffice.webhook.Signatures}). The secrets are stored as
 * issued, because the service needs them to sign: they are readable by the schema's owner and the runtime role only,
 * never answered after creation or rotation (an idempotent replay of either answers without it), never in an event, a
 * log, an audit record or the idempotency store. Whoever reads the database
 * can forge deliveries; rotate the secrets of a database whose copy leaked.</li>
 * <li><b>Only public https addresses</b> unless {@code backoffice.webhooks.allow-private-networks}
 * ({@link fr.backoffice.webhook.Destinations}), checked when the url is given and after DNS resolution before every
 * attempt; no redirect is followed.</li>
 * <li><b>State changes.</b> An endpoint's status moves only through the machine in
 * {@link fr.backoffice.webhook.WebhookEndpoint.Status} ({@code ENABLED ⇄ DISABLED};
 * docs/architecture.md "State changes"), by {@code WebhookEndpoint.created} and {@code changeStatus}; the
 * dispatcher's one move, disabling a gone or failing endpoint, is made in SQL guarded by {@code status = 'ENABLED'}
 * ({@code DeliveryQueue}).</li>
 * <li><b>Who sees what.</b> A front-office caller sees and changes the endpoints it created (owner = its
 * {@code sub}); an admin every endpoint; any other is 404. The events about an endpoint are written for its owner
 * ({@code visible_to}): only it and admins read them in the feed, only its endpoints receive them, and their data
 * tells neither the url nor the description.</li>
 * </ul>
 */
package fr.backoffice.webhook;
