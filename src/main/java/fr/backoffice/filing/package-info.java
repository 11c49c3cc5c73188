/**
 * Filings: VAT returns and annual accounts from draft to the administration's acknowledgement, and the obligations
 * they meet (docs/filings.md "Filings"; the OpenAPI descriptions of {@code FilingResource} and
 * {@code ObligationResource} state each endpoint's answers).
 *
 * <p><b>Owns</b> the tables {@code filing}, {@code filing_history}, {@code filing_document} and
 * {@code administration_outbox} (migration {@code V4__declarants_and_filings.sql}); the endpoints under
 * {@code /filings} and {@code GET /declarants/{id}/obligations}; the events {@code filing.*}, one per history entry,
 * carrying the filing as the endpoints answer it ({@code api.FilingView}).
 *
 * <p><b>May use</b> {@code common}, {@code event}, {@code audit} and {@code declarant} ({@code ArchitectureTest}),
 * declarants through {@code DeclarantService} only. Services never import {@code rest}: what they take and answer
 * lives in {@code api}.
 *
 * <p><b>Where things are</b>: the domain rules in plain Java at the root ({@link fr.backoffice.filing.Filing} and its
 * transitions, {@link fr.backoffice.filing.FilingCalendar}, {@link fr.backoffice.filing.Obligations}), the checks and
 * computations in {@code vat}, {@code annual} and {@code check}; in {@code service}, {@code FilingDrafts} (create,
 * replace content), {@code FilingSubmissions} (validate, submit, acknowledge), {@code FilingAmendments},
 * {@code FilingQueries} (read, list, document), {@code FilingEvaluation} (figures, checks, due date) and
 * {@code FilingJournal} (history, events, views); the administration gateway in {@code gateway}.
 *
 * <p><b>Rules</b>
 * <ul>
 * <li><b>Periods.</b> A VAT return covers a calendar month (regime {@code MONTHLY}) or calendar quarter
 * ({@code QUARTERLY}); annual accounts cover the fiscal year ending on the declarant's {@code fiscalYearEnd}.
 * Anything else is 422 {@code INVALID_PERIOD}; a period ending before the declarant's {@code liableFrom} is 422
 * {@code NOT_LIABLE}. One filing per declarant, type and period may be under way or filed, rejected ones and
 * amendments aside (409 {@code FILING_EXISTS}, index {@code filing_live_period_uq}).</li>
 * <li><b>Due dates.</b> A VAT return is due on the 19th of the month after its period; annual accounts one month after
 * their approval date, or seven months after the fiscal year end while no approval date is known. The day is the
 * administration's time zone ({@code backoffice.filing.time-zone}, Europe/Paris).</li>
 * <li><b>Lifecycle.</b> {@code DRAFT → VALIDATED → SUBMITTED → ACCEPTED | REJECTED}, the machine in
 * {@link fr.backoffice.filing.FilingStatus} that every status change of a {@link fr.backoffice.filing.Filing} goes
 * through (docs/architecture.md "State changes"). Only a draft's content changes
 * (409 {@code INVALID_TRANSITION} otherwise); content is read strictly, {@code computed} and {@code checks} are the
 * service's. Every change locks the filing's row, runs in one transaction, and appends who did it to the history.</li>
 * <li><b>Validation checks.</b> Validation runs every check and lists every failure at once (422
 * {@code FILING_CHECKS_FAILED}): for VAT returns {@code MISSING_FIGURES}, {@code DUPLICATE_RATE},
 * {@code CREDIT_CARRIED_FORWARD_MISMATCH}, {@code PREVIOUS_RETURN_NOT_ACCEPTED} (the credit brought forward comes
 * only from the accepted return of the immediately preceding period) and {@code PERIOD_NOT_ENDED}; for annual
 * accounts {@code MISSING_FIGURES}, {@code BALANCE_SHEET_MISMATCH}, {@code NET_INCOME_MISMATCH}, the approval date
 * checks and {@code PERIOD_NOT_ENDED} ({@code VatReturnChecks}, {@code AnnualAccountsChecks}).</li>
 * <li><b>Submission.</b> A supervisor who neither prepared (created or edited) nor validated the filing submits it
 * (403 {@code FOUR_EYES_VIOLATION}, docs/security.md "Security rules"). The canonical JSON document is frozen, its
 * SHA-256 stored, and it is handed to the administration gateway (by default the outbox) for a deposit reference, in
 * the same transaction; {@code GET /filings/{id}/document} serves exactly those bytes.</li>
 * <li><b>Acknowledgement and amendments.</b> The administration's ACCEPTED or REJECTED answer (a rejection with a
 * reason) is recorded on a SUBMITTED filing. An acknowledged filing is amended once (409 {@code ALREADY_AMENDED}):
 * a new draft of the same declarant, type and period, content copied, naming the original in {@code amends} while
 * the original names it in {@code amendedBy}.</li>
 * <li><b>Obligations.</b> Every VAT period and fiscal year overlapping the range and not ending before
 * {@code liableFrom} is expected; it is FULFILLED once a filing for it is SUBMITTED or ACCEPTED (amendments count),
 * else OVERDUE after its due date, else OPEN.</li>
 * </ul>
 */
package fr.backoffice.filing;
