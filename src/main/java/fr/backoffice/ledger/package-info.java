/**
 * The ledger: double entries, holds, and what is read from them (statements, balances at an instant, the trial
 * balance, the verification).
 *
 * <ul>
 * <li><b>Owns</b> the tables {@code ledger_entry} and {@code hold} (V3__operations_and_ledger.sql) and the database
 * functions that book entries and holds and move account balances ({@code ledger_book}, {@code ledger_release},
 * {@code ledger_hold}, {@code account_refusal}, and the triggers that keep entries append-only, in the same file);
 * the endpoints {@code GET /accounts/{id}/entries},
 * {@code GET /accounts/{id}/balance}, {@code GET /ledger/trial-balance}, {@code GET /ledger/verify}.</li>
 * <li><b>May use</b> {@code common}, {@code event}, {@code audit}, {@code unit}, {@code account} (ArchitectureTest).
 * It knows nothing of operation types: what to book is a list of {@link fr.backoffice.ledger.Posting}s that the
 * caller computes ({@code operation.Postings}), and a refused booking answers a {@link fr.backoffice.ledger.Refusal}
 * that the caller interprets.</li>
 * <li><b>Rules.</b> Every booking goes through {@link fr.backoffice.ledger.service.Ledger} (or, on the submission's
 * hot path, the same database functions called by {@code operation_submit}), within the caller's transaction, so
 * status, entries, balances and holds commit together. The entries of one operation sum to zero and are never
 * updated or deleted (the database checks both). Two reads need one snapshot and so span tables in one statement:
 * the trial balance sums {@code account.ledger_balance}, and the verification recomputes {@code account} and
 * {@code operation} from the entries; both only read.</li>
 * <li><b>Layout.</b> {@code api}: what answers carry; {@code rest}: HTTP only; {@code service};
 * {@code repository}.</li>
 * </ul>
 */
package fr.backoffice.ledger;
