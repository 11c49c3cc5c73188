/**
 * Declarants: the legal entities that file declarations with the public administration (docs/filings.md "Filings").
 *
 * <p><b>Owns</b> the {@code declarant} table (migration {@code V4__declarants_and_filings.sql}) and the endpoints
 * {@code POST /declarants}, {@code GET /declarants} and {@code GET /declarants/{id}}, and the event
 * {@code declarant.registered}. {@code GET /declarants/{id}/obligations} is served under the same path but belongs to
 * {@code filing}, which computes it from filings.
 *
 * <p><b>May use</b> {@code common}, {@code event} and {@code audit} only ({@code ArchitectureTest}); {@code filing}
 * uses it, never the reverse. Other features read declarants through
 * {@link fr.backoffice.declarant.service.DeclarantService} ({@code require}: 404; {@code find}: null), never its
 * table. What services, events and idempotent replays carry lives in {@code api}; {@code rest} only serves it.
 *
 * <p><b>Rules</b>
 * <ul>
 * <li>A declarant never changes once registered; its SIREN is unique (409 {@code DECLARANT_EXISTS}).</li>
 * <li>The SIREN is 9 ASCII digits with a valid Luhn checksum (400 {@code INVALID_SIREN}); the VAT number is
 * {@code FR} + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97, computed when absent and compared exactly when
 * given (400 {@code INVALID_VAT_NUMBER}); see {@link fr.backoffice.declarant.Siren}.</li>
 * <li>The VAT regime ({@code MONTHLY} or {@code QUARTERLY}) and the fiscal year end ({@code MM-DD}, {@code 02-29}
 * ending on 28 February in common years, {@link fr.backoffice.declarant.FiscalYearEnd}) decide the periods the
 * declarant files for; {@code liableFrom}, when given, is the first day obligations cover.</li>
 * <li>Every date a declaration is about lies within {@link fr.backoffice.declarant.DeclarationDates} (1900-01-01 to
 * 2999-12-31), else 400 {@code VALIDATION_FAILED} naming the field.</li>
 * </ul>
 */
package fr.backoffice.declarant;
