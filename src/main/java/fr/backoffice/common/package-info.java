/**
 * What every feature shares, and nothing about any one of them (docs/architecture.md "Architecture"): it uses no
 * feature.
 *
 * <ul>
 * <li>{@code config}: every {@code backoffice.*} setting, typed ({@link fr.backoffice.common.config.BackOfficeConfig}).</li>
 * <li>{@code error}: the one error path. Everything a client gets wrong or cannot have is an
 * {@link fr.backoffice.common.error.ApiException} turned into an RFC 9457 problem with a stable {@code code} by
 * {@link fr.backoffice.common.error.ProblemMapper}; a database outage is 503 {@code SERVICE_UNAVAILABLE} with
 * {@code Retry-After} ({@link fr.backoffice.common.error.Outages}); anything else is a 500 logged once.</li>
 * <li>{@code http}: the HTTP edge, before any resource runs: request ids, size limits (413, 414, 431), media types
 * (415), strict UTF-8 and JSON, unknown query parameters (400), rate limits (429), caps on open streams (429, 503),
 * ETags and {@code If-Match}.</li>
 * <li>{@code idempotency}: {@code Idempotency-Key}, one protocol for every {@code POST}
 * ({@link fr.backoffice.common.idempotency.Idempotency}).</li>
 * <li>{@code money}, {@code paging}, {@code time}: amounts as decimals with their currency's scale, cursor pages,
 * and the one clock ({@link fr.backoffice.common.time.TimeSource}: UTC instants to the microsecond, the business
 * date in the bank's zone). No class reads {@code Instant.now()} itself.</li>
 * <li>{@code security}: who the caller is and what its roles reach (see its package-info).</li>
 * <li>{@code openapi}: shared parts of the contract (the problem responses every operation may give, examples).</li>
 * <li>{@link fr.backoffice.common.EntityRepository}: the one find-or-404.</li>
 * </ul>
 *
 * <p>Beans here and in the features take what they use in their one constructor, into {@code private final} fields
 * (docs/architecture.md "Constructor injection"); {@code ApiException.invalidTransition} is the one 409 a state machine
 * refuses a move with.
 */
package fr.backoffice.common;
