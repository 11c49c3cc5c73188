package fr.backoffice.clearing.iso20022;

import fr.backoffice.common.iso20022.IsoXmlWriter;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The group header's totals against the message's transactions (docs/clearing-and-statements.md
 * "Clearing and statements"): {@code NbOfTxs}, and when present {@code CtrlSum} (any xs:decimal) and the total amount
 * ({@code TtlIntrBkSttlmAmt} of a pacs.008, {@code TtlRtrdIntrBkSttlmAmt} of a pacs.004). A message whose header
 * disagrees with its transactions was damaged or mis-built: it is refused whole, never posted in part.
 */
final class GroupTotals {

    private GroupTotals() {
    }

    /**
     * The transactions there are against the limit per message ({@link IsoXmlReader#MAX_TRANSACTIONS}), then against
     * {@code NbOfTxs}; checked before any transaction is read.
     */
    static void checkCount(IsoXmlReader.Element header, List<IsoXmlReader.Element> transactions) {
        if (transactions.size() > IsoXmlReader.MAX_TRANSACTIONS) {
            throw new MessageLimitExceeded(transactions.get(IsoXmlReader.MAX_TRANSACTIONS).path(), "more than " + IsoXmlReader.MAX_TRANSACTIONS
                    + " transactions in one message (" + transactions.size() + ")");
        }
        IsoXmlReader.Element count = header.one("NbOfTxs");
        if (count.count() != transactions.size()) {
            throw new InvalidMessage(count.path(), "says " + count.text() + " transactions, the message has " + transactions.size());
        }
    }

    /** {@code CtrlSum} and the total amount element, each when present, against the sum of the amounts. */
    static void checkSums(IsoXmlReader.Element header, String totalElement, List<BigDecimal> amounts, String currency) {
        BigDecimal sum = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        Optional<IsoXmlReader.Element> controlSum = header.maybe("CtrlSum");
        if (controlSum.isPresent() && controlSum.get().decimal().compareTo(sum) != 0) {
            throw disagrees(controlSum.get(), sum);
        }
        Optional<IsoXmlReader.Element> total = header.maybe(totalElement);
        if (total.isPresent() && total.get().amount(currency).compareTo(sum) != 0) {
            throw disagrees(total.get(), sum);
        }
    }

    private static InvalidMessage disagrees(IsoXmlReader.Element total, BigDecimal sum) {
        return new InvalidMessage(total.path(), "is " + total.text() + ", the transactions add up to " + IsoXmlWriter.decimal(sum));
    }
}
