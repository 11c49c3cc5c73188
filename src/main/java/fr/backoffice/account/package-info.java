/**
 * Accounts: customer accounts, their IBANs and statuses, and the bank's internal accounts.
 *
 * <ul>
 * <li><b>Owns</b> the table {@code account} and the sequence {@code account_number_seq} (V1__units_and_accounts.sql),
 * and the endpoints {@code POST /accounts}, {@code GET /accounts}, {@code GET} and {@code PATCH /accounts/{id}},
 * {@code POST /accounts/{id}/freeze}, {@code /unfreeze}, {@code /close}. An account's statement and balance are served
 * under {@code /accounts/{id}} but read from the ledger, so they live in {@code ledger.rest}.</li>
 * <li><b>May use</b> {@code common}, {@code event}, {@code audit}, {@code unit} (ArchitectureTest). Features to the right
 * read accounts through {@link fr.backoffice.account.service.AccountService#get} (with the caller's visibility),
 * {@link fr.backoffice.account.repository.AccountReader} (the hot paths, no ORM) and
 * {@link fr.backoffice.account.service.InternalAccounts}; never with their own SQL on {@code account}.</li>
 * <li><b>Rules.</b> The rules of one account are in {@link fr.backoffice.account.Account} (status changes, overdraft
 * limits) and {@link fr.backoffice.account.Iban}. Its status moves only through the machine in
 * {@link fr.backoffice.account.AccountStatus} ({@code ACTIVE ⇄ FROZEN}, {@code ACTIVE → CLOSED}; docs/architecture.md
 * "State changes"), by {@code Account.opened} (which calls {@code open}), {@code freeze}, {@code unfreeze} and {@code close}; a service never
 * assigns it. Balances ({@code ledger_balance}, {@code held_amount},
 * {@code entry_count}) are never written from Java: only the ledger's database functions move them
 * (V3__operations_and_ledger.sql), so an account read before a posting can never undo it. A change locks the
 * account, checks {@code If-Match}, and publishes one {@code account.*} event in the same transaction. Internal
 * accounts (one per unit, currency and {@link fr.backoffice.account.InternalPurpose}) are created on first use and
 * are moved only by postings. Who reaches which account: {@code common.security} (docs/security.md "Security rules").
 * No opening grants a credit line above {@code backoffice.accounts.default-overdraft-limit}
 * ({@link fr.backoffice.account.Account#defaultOverdraftLimit}), whoever opens (403 {@code OVERDRAFT_NEEDS_SUPERVISOR}):
 * a larger overdraft limit is a supervisor's {@code PATCH /accounts/{id}}.</li>
 * <li><b>Layout.</b> {@code api}: what answers and events carry; {@code rest}: HTTP only; {@code service};
 * {@code repository}.</li>
 * </ul>
 */
package fr.backoffice.account;
