/**
 * Reconciliation (docs/reconciliation.md "Reconciliation"): what the settlement bank's statements of our accounts say,
 * matched against what the ledger says, and every difference in a queue for people.
 *
 * <ul>
 * <li><b>Owns</b> the tables {@code reconciliation_statement}, {@code reconciliation_line}, {@code reconciliation_match},
 * {@code reconciliation_matched_entry}, {@code reconciliation_candidate} and {@code reconciliation_exception}
 * (V7__reconciliation.sql) and the endpoints under {@code /reconciliation}.</li>
 * <li><b>May use</b> {@code common}, {@code event}, {@code audit}, {@code unit}, {@code account}, {@code ledger},
 * {@code operation}, {@code clearing} (ArchitectureTest): it reads accounts, ledger entries, operations, payment files
 * and incoming credits, and the clearing's safe XML reader; it writes only its own tables. Nothing it does posts to the
 * ledger but a write-off, through an operation. It implements {@code operation.service.CreditArrivals}, so that a
 * credit matches an expected payment as it is booked (docs/reconciliation.md "Expected payments").</li>
 * <li><b>Who.</b> The bank's reconciliation desk (role {@code reconciliation}) and admins load statements and work the
 * queue; auditors read; a unit's agents and supervisors, and front-office applications, get nothing (403). From the
 * approval threshold, an item is resolved by another person than the one who claimed it (four eyes).</li>
 * <li><b>In.</b> A camt.053.001.08 or camt.054.001.08 about a unit's clearing settlement account, read without DTDs or
 * entities within the clearing reader's limits ({@code iso20022.CamtStatement}); refused whole, nothing kept, when
 * malformed, when its group totals or balances disagree with its entries, or when a camt.053 does not open with the
 * last one's closing balance (the gap named). The same document again is a replay and loads nothing.</li>
 * <li><b>Matching</b> is plain Java ({@link fr.backoffice.reconciliation.Matching}), by rules in a fixed order, each
 * match recording its rule; an entry is matched once at most (the database's key says so). The bank's CRDT is our
 * debit entry, its DBIT our credit entry.</li>
 * <li><b>Layout.</b> {@code iso20022}: the camt reader; {@code api}: what answers and events carry; {@code rest}: HTTP
 * only; {@code service}; {@code repository}: native SQL on its tables, reads of the others.</li>
 * </ul>
 */
package fr.backoffice.reconciliation;
