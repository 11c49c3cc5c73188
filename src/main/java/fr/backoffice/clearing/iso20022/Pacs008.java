package fr.backoffice.clearing.iso20022;

import fr.backoffice.common.iso20022.IsoXmlWriter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * pacs.008.001.08, the FI-to-FI customer credit transfer, as the SEPA Credit Transfer scheme uses it: written for the
 * files we send to the clearing system, read for the credits other banks send us. Only EUR, settled through the
 * clearing (SttlmMtd {@code CLRG}), charges shared ({@code SLEV}).
 */
public final class Pacs008 {

    public static final String MESSAGE = "pacs.008.001.08";
    public static final String CURRENCY = "EUR";

    private Pacs008() {
    }

    /** A file to send: the texts already in the SEPA character set and within their lengths. */
    public record Outgoing(String messageId, Instant createdAt, LocalDate settlementDate, String debtorAgentBic,
                           List<Transfer> transfers) {

        public BigDecimal controlSum() {
            return transfers.stream().map(Transfer::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    public record Transfer(String endToEndId, String transactionId, BigDecimal amount, String debtorName,
                           String debtorIban, String creditorAgentBic, String creditorName, String creditorIban,
                           String remittance) {
    }

    /**
     * A credit another bank sent, as read; {@code path} names its CdtTrfTxInf. The TxId identifies it in the scheme
     * (with the message's MsgId); the EndToEndId is the payer's reference, often {@code NOTPROVIDED}.
     */
    public record Credit(String path, String transactionId, String endToEndId, BigDecimal amount, LocalDate settlementDate,
                         String debtorName, String debtorIban, String creditorIban, String remittance) {
    }

    public record Incoming(String messageId, List<Credit> credits) {
    }

    public static byte[] write(Outgoing file) {
        IsoXmlWriter xml = IsoXmlWriter.document(MESSAGE).open("FIToFICstmrCdtTrf")
                .open("GrpHdr")
                .text("MsgId", file.messageId())
                .dateTime("CreDtTm", file.createdAt())
                .text("NbOfTxs", Integer.toString(file.transfers().size()))
                .amount("TtlIntrBkSttlmAmt", file.controlSum(), CURRENCY)
                .date("IntrBkSttlmDt", file.settlementDate())
                .open("SttlmInf").text("SttlmMtd", "CLRG").close()
                .close();
        for (Transfer t : file.transfers()) {
            xml.open("CdtTrfTxInf")
                    .open("PmtId").text("EndToEndId", t.endToEndId()).text("TxId", t.transactionId()).close()
                    .open("PmtTpInf").open("SvcLvl").text("Cd", "SEPA").close().close()
                    .amount("IntrBkSttlmAmt", t.amount(), CURRENCY)
                    .text("ChrgBr", "SLEV")
                    .open("Dbtr").text("Nm", t.debtorName()).close()
                    .open("DbtrAcct").open("Id").text("IBAN", t.debtorIban()).close().close()
                    .open("DbtrAgt").open("FinInstnId").text("BICFI", file.debtorAgentBic()).close().close()
                    // the scheme takes the creditor's bank as a BIC only (EPC AT-C002: "Only 'BICFI' is allowed")
                    .open("CdtrAgt").open("FinInstnId").text("BICFI", t.creditorAgentBic()).close().close()
                    .open("Cdtr").text("Nm", t.creditorName()).close()
                    .open("CdtrAcct").open("Id").text("IBAN", t.creditorIban()).close().close();
            if (t.remittance() != null && !t.remittance().isEmpty()) {
                xml.open("RmtInf").text("Ustrd", t.remittance()).close();
            }
            xml.close();
        }
        return xml.finish();
    }

    /**
     * A pacs.008 from the clearing system. Checks what posting relies on: the group header, that {@code NbOfTxs}
     * and, when given, {@code CtrlSum} and {@code TtlIntrBkSttlmAmt} agree with the transactions, and each transaction's TxId (present, and not repeated
     * in the message), EndToEndId, EUR amount, settlement date (its own or the group's), debtor and creditor account.
     * A creditor IBAN we do not hold is no error here: that transaction is returned.
     */
    public static Incoming read(byte[] message) {
        IsoXmlReader.Element root = IsoXmlReader.read(message, MESSAGE).one("FIToFICstmrCdtTrf");
        IsoXmlReader.Element header = root.one("GrpHdr");
        String messageId = header.text("MsgId", 35);
        Optional<LocalDate> groupDate = header.maybe("IntrBkSttlmDt").map(IsoXmlReader.Element::date);
        List<IsoXmlReader.Element> transactions = root.all("CdtTrfTxInf");
        if (transactions.isEmpty()) {
            throw new InvalidMessage(root.path() + "/CdtTrfTxInf", "missing");
        }
        GroupTotals.checkCount(header, transactions);
        List<Credit> credits = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (IsoXmlReader.Element tx : transactions) {
            IsoXmlReader.Element paymentId = tx.one("PmtId");
            IsoXmlReader.Element txId = paymentId.one("TxId");
            Integer first = seen.putIfAbsent(txId.text(35), seen.size() + 1);
            if (first != null) {
                // the same transaction twice in one message is an error of the sender, not a replay
                throw new InvalidMessage(txId.path(), "TxId '" + txId.text() + "' repeats the TxId of CdtTrfTxInf[" + first + "]");
            }
            IsoXmlReader.Element amount = tx.one("IntrBkSttlmAmt");
            LocalDate date = tx.maybe("IntrBkSttlmDt").map(IsoXmlReader.Element::date).or(() -> groupDate)
                    .orElseThrow(() -> new InvalidMessage(tx.path() + "/IntrBkSttlmDt", "missing, here and in GrpHdr"));
            credits.add(new Credit(tx.path(), txId.text(), paymentId.text("EndToEndId", 35), amount.amount(CURRENCY), date,
                    tx.one("Dbtr").text("Nm", 140),
                    tx.one("DbtrAcct").one("Id").one("IBAN").iban(),
                    tx.one("CdtrAcct").one("Id").one("IBAN").iban(),
                    tx.maybe("RmtInf").flatMap(r -> r.optionalText("Ustrd", 140)).orElse(null)));
        }
        GroupTotals.checkSums(header, "TtlIntrBkSttlmAmt", credits.stream().map(Credit::amount).toList(), CURRENCY);
        return new Incoming(messageId, credits);
    }
}
