package fr.backoffice.clearing.iso20022;

import fr.backoffice.clearing.SepaText;
import fr.backoffice.common.error.FieldError;
import fr.backoffice.operation.Bic;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The usage rules of the EPC's SEPA Credit Transfer inter-PSP implementation guidelines (EPC115-06) that a payment file
 * we send must keep, checked on the document's bytes before the file is stored (docs/clearing-and-statements.md
 * "Clearing and statements"): every element the scheme requires is there; identifiers (MsgId, EndToEndId, TxId) are 1
 * to 35 characters of the SEPA character set, neither starting nor ending with {@code /} nor holding {@code //}, and
 * TxIds are unique in the file; {@code SvcLvl} is {@code SEPA}, {@code ChrgBr} {@code SLEV}, {@code SttlmMtd}
 * {@code CLRG}; amounts are in EUR with at most two decimals, 0.01 to 999,999,999.99 per transaction (AT-T002) and the
 * group total the sum of them; both banks are BICs (AT-C002: only {@code BICFI}); IBANs have the IBAN's shape; names
 * are 1 to 70 characters and the remittance information at most 140, all in the SEPA character set ({@link SepaText}).
 *
 * <p>What the writer puts in is checked again here rather than trusted, so a file that a SEPA clearing would reject
 * is never stored: each broken rule is named by its element path.
 */
public final class SepaRules {

    private static final String ROOT = "/Document/FIToFICstmrCdtTrf";
    private static final String GROUP = ROOT + "/GrpHdr";
    private static final String TRANSACTION = ROOT + "/CdtTrfTxInf";
    private static final Pattern AMOUNT = Pattern.compile("^[0-9]{1,18}(\\.[0-9]{1,2})?$");
    private static final Pattern IBAN = Pattern.compile("^[A-Z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$");
    private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    private static final Pattern DATE_TIME = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$");
    private static final BigDecimal CENT = new BigDecimal("0.01");
    /** AT-T002: the most one transaction carries. */
    public static final BigDecimal TRANSACTION_MAXIMUM = new BigDecimal("999999999.99");
    /** The most a group's total may be (the EPC schema's TtlIntrBkSttlmAmt). */
    private static final BigDecimal GROUP_MAXIMUM = new BigDecimal("999999999999999.99");

    private SepaRules() {
    }

    /** Every rule {@code document} (a pacs.008.001.08) breaks; empty when it keeps them all. */
    public static List<FieldError> check(byte[] document) {
        Map<String, Leaf> leaves;
        try {
            leaves = leaves(document);
        } catch (XMLStreamException e) {
            return List.of(new FieldError("/", "not well-formed XML: " + e.getMessage()));
        }
        List<FieldError> broken = new ArrayList<>();
        List<String> transactions = transactions(leaves);
        identifier(broken, leaves, GROUP + "/MsgId");
        required(broken, leaves, GROUP + "/CreDtTm", DATE_TIME, "an ISO date and time");
        required(broken, leaves, GROUP + "/IntrBkSttlmDt", DATE, "an ISO date (YYYY-MM-DD)");
        fixed(broken, leaves, GROUP + "/SttlmInf/SttlmMtd", "CLRG");
        Leaf count = leaves.get(GROUP + "/NbOfTxs");
        if (count == null) {
            broken.add(new FieldError(GROUP + "/NbOfTxs", "missing"));
        } else if (!count.text().equals(Integer.toString(transactions.size()))) {
            broken.add(new FieldError(count.path(), "says " + count.text() + ", the file has " + transactions.size() + " transactions"));
        }
        if (transactions.isEmpty()) {
            broken.add(new FieldError(TRANSACTION, "missing: a file has at least one transaction"));
        }
        BigDecimal sum = BigDecimal.ZERO;
        Set<String> transactionIds = new HashSet<>();
        for (String tx : transactions) {
            identifier(broken, leaves, tx + "/PmtId/EndToEndId");
            String txId = identifier(broken, leaves, tx + "/PmtId/TxId");
            if (txId != null && !transactionIds.add(txId)) {
                broken.add(new FieldError(tx + "/PmtId/TxId", txId + " is the TxId of another transaction of the file"));
            }
            fixed(broken, leaves, tx + "/PmtTpInf/SvcLvl/Cd", "SEPA");
            BigDecimal amount = amount(broken, leaves, tx + "/IntrBkSttlmAmt", TRANSACTION_MAXIMUM);
            if (amount != null) {
                sum = sum.add(amount);
            }
            fixed(broken, leaves, tx + "/ChrgBr", "SLEV");
            text(broken, leaves, tx + "/Dbtr/Nm", SepaText.NAME_LENGTH, true);
            required(broken, leaves, tx + "/DbtrAcct/Id/IBAN", IBAN, "an IBAN");
            bic(broken, leaves, tx + "/DbtrAgt/FinInstnId/BICFI");
            bic(broken, leaves, tx + "/CdtrAgt/FinInstnId/BICFI");
            text(broken, leaves, tx + "/Cdtr/Nm", SepaText.NAME_LENGTH, true);
            required(broken, leaves, tx + "/CdtrAcct/Id/IBAN", IBAN, "an IBAN");
            text(broken, leaves, tx + "/RmtInf/Ustrd", SepaText.REMITTANCE_LENGTH, false);
        }
        BigDecimal total = amount(broken, leaves, GROUP + "/TtlIntrBkSttlmAmt", GROUP_MAXIMUM);
        if (total != null && total.compareTo(sum) != 0) {
            broken.add(new FieldError(GROUP + "/TtlIntrBkSttlmAmt", "is " + total.toPlainString()
                    + ", the transactions add up to " + sum.toPlainString()));
        }
        return broken;
    }

    /** An element's text and attributes, by its path (a repeated element's index in brackets from the second on). */
    private record Leaf(String path, String text, Map<String, String> attributes) {
    }

    private static Map<String, Leaf> leaves(byte[] document) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(document));
        Map<String, Leaf> leaves = new LinkedHashMap<>();
        Deque<String> paths = new ArrayDeque<>();
        Deque<Map<String, Integer>> seen = new ArrayDeque<>();
        Deque<Map<String, String>> attributes = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        try {
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        String name = reader.getLocalName();
                        String path;
                        if (paths.isEmpty()) {
                            path = "/" + name;
                        } else {
                            int n = seen.peek().merge(name, 1, Integer::sum);
                            path = paths.peek() + "/" + name + (n > 1 ? "[" + n + "]" : "");
                        }
                        Map<String, String> attrs = new HashMap<>();
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            attrs.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                        paths.push(path);
                        seen.push(new HashMap<>());
                        attributes.push(attrs);
                        text.setLength(0);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(reader.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        String path = paths.pop();
                        Map<String, Integer> children = seen.pop();
                        Map<String, String> attrs = attributes.pop();
                        if (children.isEmpty()) {
                            leaves.put(path, new Leaf(path, text.toString(), attrs));
                        }
                        text.setLength(0);
                    }
                    default -> {
                        // the declaration, comments: nothing to check
                    }
                }
            }
        } finally {
            reader.close();
        }
        return leaves;
    }

    /** The paths of the file's CdtTrfTxInf, in file order. */
    private static List<String> transactions(Map<String, Leaf> leaves) {
        Set<String> found = new java.util.LinkedHashSet<>();
        Pattern transaction = Pattern.compile("^" + Pattern.quote(TRANSACTION) + "(\\[[0-9]+])?(?=/)");
        for (String path : leaves.keySet()) {
            var matcher = transaction.matcher(path);
            if (matcher.find()) {
                found.add(matcher.group());
            }
        }
        return List.copyOf(found);
    }

    private static String required(List<FieldError> broken, Map<String, Leaf> leaves, String path, Pattern shape, String what) {
        Leaf leaf = leaves.get(path);
        if (leaf == null || leaf.text().isEmpty()) {
            broken.add(new FieldError(path, "missing"));
            return null;
        }
        if (!shape.matcher(leaf.text()).matches()) {
            broken.add(new FieldError(path, "must be " + what + ", is '" + leaf.text() + "'"));
            return null;
        }
        return leaf.text();
    }

    private static void fixed(List<FieldError> broken, Map<String, Leaf> leaves, String path, String value) {
        Leaf leaf = leaves.get(path);
        if (leaf == null) {
            broken.add(new FieldError(path, "missing"));
        } else if (!value.equals(leaf.text())) {
            broken.add(new FieldError(path, "must be " + value + ", is " + leaf.text()));
        }
    }

    private static String identifier(List<FieldError> broken, Map<String, Leaf> leaves, String path) {
        Leaf leaf = leaves.get(path);
        if (leaf == null || leaf.text().isEmpty()) {
            broken.add(new FieldError(path, "missing"));
            return null;
        }
        if (!SepaText.isIdentifier(leaf.text())) {
            broken.add(new FieldError(path, "'" + leaf.text() + "' is not a SEPA identifier: 1 to 35 characters of the SEPA "
                    + "character set, not starting or ending with '/' nor holding '//'"));
            return null;
        }
        return leaf.text();
    }

    private static void text(List<FieldError> broken, Map<String, Leaf> leaves, String path, int maxLength, boolean required) {
        Leaf leaf = leaves.get(path);
        if (leaf == null || leaf.text().isEmpty()) {
            if (required || leaf != null) {
                broken.add(new FieldError(path, "missing"));
            }
            return;
        }
        if (leaf.text().length() > maxLength) {
            broken.add(new FieldError(path, "is longer than " + maxLength + " characters"));
        }
        if (!SepaText.isSepaText(leaf.text())) {
            broken.add(new FieldError(path, "holds characters outside the SEPA character set: '" + leaf.text() + "'"));
        }
    }

    private static void bic(List<FieldError> broken, Map<String, Leaf> leaves, String path) {
        Leaf leaf = leaves.get(path);
        if (leaf == null || leaf.text().isEmpty()) {
            broken.add(new FieldError(path, "missing"));
            return;
        }
        Bic.problem(leaf.text()).ifPresent(reason -> broken.add(new FieldError(path, "'" + leaf.text() + "' " + reason)));
    }

    private static BigDecimal amount(List<FieldError> broken, Map<String, Leaf> leaves, String path, BigDecimal maximum) {
        Leaf leaf = leaves.get(path);
        if (leaf == null) {
            broken.add(new FieldError(path, "missing"));
            return null;
        }
        if (!"EUR".equals(leaf.attributes().get("Ccy"))) {
            broken.add(new FieldError(path + "/@Ccy", "must be EUR, is " + leaf.attributes().get("Ccy")));
        }
        if (!AMOUNT.matcher(leaf.text()).matches()) {
            broken.add(new FieldError(path, "'" + leaf.text() + "' is not an amount with at most two decimals"));
            return null;
        }
        BigDecimal amount = new BigDecimal(leaf.text());
        if (amount.compareTo(CENT) < 0 || amount.compareTo(maximum) > 0) {
            broken.add(new FieldError(path, "is " + leaf.text() + ", outside 0.01 to " + maximum.toPlainString()));
        }
        return amount;
    }
}
