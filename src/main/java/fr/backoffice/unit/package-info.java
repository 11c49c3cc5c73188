/**
 * Production units ({@code PAR-01}): the bank's branches that accounts and operations belong to.
 *
 * <ul>
 * <li><b>Owns</b> the table {@code unit} and the sequence {@code unit_branch_code_seq} (V1__units_and_accounts.sql),
 * and the endpoints {@code POST /units}, {@code GET /units}, {@code GET /units/{code}}. {@code GET /units/{code}/queue}
 * is served under {@code /units} but made of operations, so it lives in {@code operation.rest}.</li>
 * <li><b>May use</b> {@code common}, {@code event}, {@code audit} (ArchitectureTest); nothing else. Other features read
 * units through {@link fr.backoffice.unit.service.UnitService#require} or {@link fr.backoffice.unit.repository.UnitRepository}.</li>
 * <li><b>Rules.</b> The code is the id, {@code [A-Z]{3}-[0-9]{2}} (also the shape of the tokens' {@code unit} claim,
 * {@code common.security.UnitCode}); a malformed code is a 404 without asking the database. Each unit gets a branch
 * code, used in the IBANs generated for its accounts, that never changes. Creation is idempotent with an
 * {@code Idempotency-Key} and publishes {@code unit.created}.</li>
 * <li><b>Layout.</b> {@code api}: what answers and events carry; {@code rest}: HTTP only; {@code service};
 * {@code repository}.</li>
 * </ul>
 */
package fr.backoffice.unit;
