package fr.backoffice.clearing.iso20022;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * pacs.004.001.09, the payment return, as the SEPA Credit Transfer scheme uses it: the creditor's bank sends back a
 * transfer we sent, naming it by our message id and EndToEndId (and TxId), with an ISO 20022 return reason code.
 */
public final class Pacs004 {

    public static final String MESSAGE = "pacs.004.001.09";

    private static final Pattern REASON = Pattern.compile("^[A-Z0-9]{4}$");

    private Pacs004() {
    }

    /** One returned transaction; {@code path} names its TxInf. */
    public record Returned(String path, String originalMessageId, String originalEndToEndId, String originalTransactionId,
                           BigDecimal amount, String reason) {
    }

    public record Message(String messageId, List<Returned> returns) {
    }

    /**
     * A pacs.004 from the clearing system: the group header (its {@code NbOfTxs} and, when given, {@code CtrlSum} and
     * {@code TtlRtrdIntrBkSttlmAmt} must agree with the transactions), and each returned transaction's original
     * references, EUR amount and reason code.
     */
    public static Message read(byte[] message) {
        IsoXmlReader.Element root = IsoXmlReader.read(message, MESSAGE).one("PmtRtr");
        IsoXmlReader.Element header = root.one("GrpHdr");
        String messageId = header.text("MsgId", 35);
        Optional<String> groupOriginal = root.maybe("OrgnlGrpInf").map(g -> g.text("OrgnlMsgId", 35));
        List<IsoXmlReader.Element> transactions = root.all("TxInf");
        if (transactions.isEmpty()) {
            throw new InvalidMessage(root.path() + "/TxInf", "missing");
        }
        GroupTotals.checkCount(header, transactions);
        List<Returned> returns = new ArrayList<>();
        for (IsoXmlReader.Element tx : transactions) {
            IsoXmlReader.Element reason = tx.one("RtrRsnInf").one("Rsn").one("Cd");
            if (!REASON.matcher(reason.text()).matches()) {
                throw new InvalidMessage(reason.path(), "not an ISO 20022 return reason code: '" + reason.text() + "'");
            }
            String original = tx.maybe("OrgnlGrpInf").map(g -> g.text("OrgnlMsgId", 35)).or(() -> groupOriginal)
                    .orElseThrow(() -> new InvalidMessage(tx.path() + "/OrgnlGrpInf/OrgnlMsgId", "missing, here and in the group"));
            returns.add(new Returned(tx.path(), original, tx.text("OrgnlEndToEndId", 35),
                    tx.optionalText("OrgnlTxId", 35).orElse(null),
                    tx.one("RtrdIntrBkSttlmAmt").amount(Pacs008.CURRENCY), reason.text()));
        }
        GroupTotals.checkSums(header, "TtlRtrdIntrBkSttlmAmt", returns.stream().map(Returned::amount).toList(), Pacs008.CURRENCY);
        return new Message(messageId, returns);
    }
}
