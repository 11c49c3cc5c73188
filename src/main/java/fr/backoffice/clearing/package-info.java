/**
 * Clearing (README "Clearing and statements"): the money that leaves for and arrives from other banks, in the
 * ISO 20022 messages of the SEPA Credit Transfer scheme.
 *
 * <ul>
 * <li><b>Owns</b> the tables {@code payment_file} and {@code incoming_credit} (V12__clearing.sql, re-keyed by
 * V15__incoming_credit_keyed_by_tx_id.sql) and the endpoints under {@code /payment-files}.</li>
 * <li><b>May use</b> {@code common}, {@code event}, {@code audit}, {@code unit}, {@code account}, {@code ledger},
 * {@code operation} (ArchitectureTest). Every change to an operation or the ledger goes through
 * {@code operation.service.ClearingOperations}, which books through {@code Ledger}; accounts are read and locked
 * through {@code AccountRepository}.</li>
 * <li><b>Rules.</b> Executed external transfers wait for a payment file; closing one takes each exactly once (rows
 * locked, re-read after a concurrent close). Once in a file a transfer has left the bank: it cannot be reversed, only
 * returned by the clearing system, which gives its money back from where it is (outgoing transfers before settlement,
 * clearing settlement after). Every incoming credit is booked or listed for return exactly once: it is keyed by
 * (MsgId, TxId), as the scheme identifies it (the EndToEndId may repeat), so a replay posts nothing, and a TxId
 * repeated inside one message refuses it. A message whose group totals ({@code NbOfTxs}, {@code CtrlSum}, the total
 * amount) disagree with its transactions is refused whole, credits and returns alike. Incoming XML is read without
 * DTDs or entities, within counted limits (elements, depth, attributes, text, transactions), into a cheap tree
 * ({@code iso20022.IsoXmlReader}); an invalid message is refused whole, naming the element path of its first error.
 * Text taken from a message is cut to its column, never refused ({@code service.MessageText}); text sent follows the
 * SEPA character set and lengths ({@link fr.backoffice.clearing.SepaText}).</li>
 * <li><b>Layout.</b> {@code iso20022}: pacs.008 and pacs.004 read and written (plain Java, no database);
 * {@code api}: what answers and events carry; {@code rest}: HTTP only; {@code service}; {@code repository}.</li>
 * </ul>
 */
package fr.backoffice.clearing;
