/**
 * The event feed (docs/events-and-audit.md "Events and audit"): table {@code event}; {@code GET /events},
 * {@code GET /events/stream}. Uses {@code common} only; every feature that changes state uses it.
 *
 * <ul>
 * <li><b>Outbox.</b> A state change appends exactly one event ({@link fr.backoffice.event.EventType}) in the
 * transaction that makes it ({@link fr.backoffice.event.service.Events}), so an event exists if and only if its change
 * committed. Its {@code data} is the representation the endpoint that made the change answers.</li>
 * <li><b>Order.</b> An event's place is {@code (tx, seq)}: its transaction's id, raised to the {@code tx} of the
 * resource's latest event, then insertion order. Readers return only events below the oldest running transaction, so
 * a reader never skips an event nor sees one twice, and a resource's events come in the order of its changes
 * (V2__events_and_audit.sql).</li>
 * <li><b>The stream is bounded.</b> {@code GET /events/stream} is {@code @Streaming}: however its path is spelled, it
 * draws on the {@code stream} rate limit budget and holds one of its caller's and one of the instance's open-stream
 * slots until the connection ends ({@code common/http/StreamAdmission}; docs/security.md "Rate limiting").</li>
 * <li><b>Records that services store</b> (the feed's items and pages) are in {@code api}; {@code rest} only serves
 * them.</li>
 * <li><b>Readers.</b> Every reader of the feed reads every event but those for one caller only ({@code visible_to}:
 * a webhook endpoint's events are its owner's), which only that caller and admins read; the others skip them, with
 * the same positions and cursors (V2__events_and_audit.sql). This feature knows no other feature: the
 * one that writes such an event names its reader.</li>
 * </ul>
 */
package fr.backoffice.event;
