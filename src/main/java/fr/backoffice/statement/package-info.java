/**
 * Account statements: what a customer's accounting software imports, one business day of an account as an ISO 20022
 * camt.053.001.08 bank-to-customer statement, or the same statement as JSON (docs/clearing-and-statements.md
 * "Account statements (camt.053)").
 *
 * <ul>
 * <li><b>Owns</b> no table: a statement is computed on each read from the ledger. Serves
 * {@code GET /accounts/{id}/statements/{date}}.</li>
 * <li><b>May use</b> {@code common}, {@code event}, {@code audit}, {@code unit}, {@code account}, {@code ledger},
 * {@code operation} (ArchitectureTest). It reads the account through {@code AccountService} (who reaches it) and
 * {@code AccountReader} (counterparties), the entries and balances through {@code LedgerService}, the operations
 * behind the entries through {@code OperationRepository}; it never queries their tables itself, and writes nothing.</li>
 * <li><b>Rules.</b> A day is the business day in the bank's zone ({@code backoffice.business-zone}): its entries are
 * those posted from the start of the day (included) to the start of the next (excluded); the opening balance is the
 * sum of the entries posted before, the closing one that plus the day's entries, each equal to
 * {@code GET /accounts/{id}/balance?at=} the instant the statement gives with it. Today is a statement so far, up to
 * the time it is read; a later day is refused. Which ISO bank transaction code and counterparty each entry shows:
 * {@link fr.backoffice.statement.BankTransactionCodes} and {@link fr.backoffice.statement.Counterparties}, plain Java.
 * The XML ({@link fr.backoffice.statement.Camt053}) is written from the same record the JSON answers, so the two
 * cannot disagree.</li>
 * <li><b>Layout.</b> {@code api}: what answers carry; {@code rest}: HTTP only (the representation chosen by
 * {@code Accept}); {@code service}.</li>
 * </ul>
 */
package fr.backoffice.statement;
