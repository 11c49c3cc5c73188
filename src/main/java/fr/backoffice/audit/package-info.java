/**
 * The audit trail (docs/events-and-audit.md "Events and audit"): tables {@code audit_record}, {@code audit_seal}, {@code audit_checkpoint};
 * {@code GET /audit}, {@code GET /audit/verify}, {@code GET /audit/checkpoints}. Uses {@code common} and
 * {@code event} (checkpoints are published in the feed); every feature's changes are recorded through it.
 *
 * <ul>
 * <li><b>One record per mutating request</b>, accepted or refused, attributable to the token's {@code sub}. A change
 * and its record commit together: {@link fr.backoffice.audit.Audited} service methods insert it in their transaction
 * ({@link fr.backoffice.audit.service.RequestAudit}); refusals, which change nothing, are queued and written in
 * batches ({@link fr.backoffice.audit.service.AuditQueue}).</li>
 * <li><b>Chained later, in commit-safe order.</b> {@link fr.backoffice.audit.service.AuditChainer}, one instance at
 * a time, seals records below the oldest running transaction into a SHA-256 chain
 * ({@link fr.backoffice.audit.AuditChain}).</li>
 * <li><b>Anchored.</b> The chain's head is signed with a key only the service holds
 * ({@link fr.backoffice.audit.AuditCheckpoint}, {@link fr.backoffice.audit.service.AuditCheckpoints}), so cutting or
 * rewriting the end of the chain is found too. Records and checkpoints are append-only in the database.</li>
 * </ul>
 */
package fr.backoffice.audit;
