/**
 * Clearing (docs/clearing-and-statements.md "Clearing and statements"): the money that leaves for and arrives from
 * other banks, in the ISO 20022 messages of the SEPA Credit Transfer scheme.
 *
 * <ul>
 * <li><b>Owns</b> the tables {@code payment_file} and {@code incoming_credit} (V5__clearing.sql: the outcome of a
 * status report, PARTIALLY_ACCEPTED and {@code status_report_id}, credits keyed by MsgId and TxId) and the endpoints
 * under {@code /payment-files}.</li>
 * <li><b>May use</b> {@code common}, {@code event}, {@code audit}, {@code unit}, {@code account}, {@code ledger},
 * {@code operation} (ArchitectureTest). Every change to an operation or the ledger goes through
 * {@code operation.service.ClearingOperations}, which books through {@code Ledger}; accounts are read and locked
 * through {@code AccountRepository}; creditor banks are found by {@code operation.service.CreditorBanks}.</li>
 * <li><b>Who.</b> Payment files are the bank's clearing desk's (role {@code clearing}) and admins': they close files and
 * record their outcome, auditors read them too; a unit's agents and supervisors get nothing of them, since a file
 * holds every unit's transfers and names their customers. Whoever closed a file does not record its outcome (403
 * {@code FOUR_EYES_VIOLATION}, {@code service.FileOutcomes}). docs/security.md "Security rules".</li>
 * <li><b>Out.</b> Executed external transfers wait for a payment file; closing one takes each exactly once (rows
 * locked, re-read after a concurrent close). The creditor's bank is sent as a BIC (BICFI), the one the transfer was
 * submitted with. Before a file is stored, its bytes are checked against every EPC usage rule we rely on
 * ({@link fr.backoffice.clearing.iso20022.SepaRules}); text follows the SEPA character set and lengths ({@link
 * fr.backoffice.clearing.SepaText}). Once in a file a transfer has left the bank: it cannot be reversed, only given
 * back by the clearing.</li>
 * <li><b>State changes.</b> A file's status moves only through the machine in
 * {@link fr.backoffice.clearing.PaymentFileStatus} ({@code GENERATED →} one final outcome; docs/architecture.md
 * "State changes"), by {@code PaymentFile.generated} and {@code PaymentFile.recordOutcome}; a service never assigns
 * it.</li>
 * <li><b>Outcomes.</b> The clearing system's status report (pacs.002, {@code service.StatusReports}) accepts the file
 * (settled: one CLEARING_SETTLEMENT per unit), rejects it, or rejects some transactions (PARTIALLY_ACCEPTED); the
 * acknowledgement by hand is the fallback. A report for a file already answered posts nothing. A rejected transfer's
 * money goes back from outgoing transfers (before settlement) or clearing settlement (a pacs.004, after); to a
 * debtor account closed since it goes to the unit's suspense account instead, so one account never blocks a file.</li>
 * <li><b>In.</b> Every incoming credit is booked or listed for return exactly once: it is keyed by (MsgId, TxId), as
 * the scheme identifies it (the EndToEndId may repeat), so a replay posts nothing, and a TxId repeated inside one
 * message refuses it. A message whose group totals ({@code NbOfTxs}, {@code CtrlSum}, the total amount) disagree with
 * its transactions is refused whole, credits and returns alike. Incoming XML is read without DTDs or entities, within
 * counted limits (elements, depth, attributes, text, transactions), into a cheap tree ({@code iso20022.IsoXmlReader});
 * an invalid message is refused whole, naming the element path of its first error. Text taken from a message is cut
 * to its column, never refused ({@code service.MessageText}).</li>
 * <li><b>Layout.</b> {@code iso20022}: pacs.008 written and read, pacs.004 and pacs.002 read, the SEPA rules (plain
 * Java, no database); {@code api}: what answers and events carry; {@code rest}: HTTP only; {@code service};
 * {@code repository}.</li>
 * </ul>
 */
package fr.backoffice.clearing;
