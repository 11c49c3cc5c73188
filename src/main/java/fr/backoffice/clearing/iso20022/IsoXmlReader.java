package fr.backoffice.clearing.iso20022;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an ISO 20022 message from another bank into a tree of elements, safely (docs/clearing-and-statements.md
 * "Clearing and statements"):
 * <ul>
 * <li>no DTD: a {@code DOCTYPE} is refused, so no entity, external or internal, is ever expanded (no XXE, no "billion
 * laughs"); XML 1.0 only;</li>
 * <li>bounded while streaming, before anything is built past a limit: at most {@value #MAX_ELEMENTS} elements, nested
 * at most {@value #MAX_DEPTH} deep, {@value #MAX_ATTRIBUTES} attributes per element (namespace declarations
 * included), {@value #MAX_TEXT} characters per text or attribute value, and (checked by the message readers)
 * {@value #MAX_TRANSACTIONS} transactions per message. The caller bounds the size in bytes (5 MiB by default). The
 * limits let through the densest genuine message of that size (real credits written as tightly as the EPC's schema
 * allows: about 240,000 elements, 11,000 transactions), and nothing a schema allows needs more (ISO's longest text is
 * 2,048 characters, its elements carry one attribute). Past one, {@link MessageLimitExceeded};</li>
 * <li>a cheap tree: an element holds its name, parent, namespace, attributes (as an array, usually none), text and
 * children; its path is built only when asked for; whitespace between elements (ISO 20022 has no mixed content) is
 * not kept, and short texts that repeat (EUR, SLEV, a BIC) are kept once. The densest genuine 5 MiB message takes
 * about 7 MiB of heap as a tree, the worst 5 MiB within the limits about 31 MiB (docs/clearing-and-statements.md
 * "Reading XML from outside").</li>
 * </ul>
 * Every error names the element's path, e.g. {@code /Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt}.
 * The parser is the JDK's own, whatever StAX implementation the class path brings, so the behaviour tested is the one
 * run.
 */
public final class IsoXmlReader {

    public static final int MAX_DEPTH = 32;
    public static final int MAX_ELEMENTS = 500_000;
    public static final int MAX_ATTRIBUTES = 16;
    public static final int MAX_TEXT = 10_000;
    public static final int MAX_TRANSACTIONS = 20_000;

    private static final String NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:";
    /** xs:decimal's lexical space, bounded to ISO's 18 digits (plus leading zeros a sender may write). */
    private static final Pattern DECIMAL = Pattern.compile("^[+-]?(?=\\.?[0-9])[0-9]{0,30}(\\.[0-9]{0,30})?$");
    private static final Pattern COUNT = Pattern.compile("^[0-9]{1,15}$");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999999.99");
    private static final Pattern IBAN = Pattern.compile("^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$");
    /** xs:date: a date, then optionally {@code Z} or an offset {@code +hh:mm} / {@code -hh:mm} of at most 14 hours. */
    private static final DateTimeFormatter XS_DATE = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);
    private static final int MAX_XS_OFFSET_SECONDS = 14 * 3600;

    private IsoXmlReader() {
    }

    /**
     * One element: its name, attributes (its namespace as {@code xmlns}), text (stripped; empty for an element with
     * children) and child elements, and its path, built from its parent's when asked for.
     */
    public static final class Element {

        private final String name;
        private final Element parent;
        /** Which element of this name among its parent's children: 1 for the first. */
        private final int occurrence;
        private final String namespace;
        /** Local names and values, alternately; null when there is none (most elements). */
        private final String[] attributes;
        private String text = "";
        private List<Element> children = List.of();

        private Element(String name, Element parent, int occurrence, String namespace, String[] attributes) {
            this.name = name;
            this.parent = parent;
            this.occurrence = occurrence;
            this.namespace = namespace;
            this.attributes = attributes;
        }

        public String name() {
            return name;
        }

        /** Where the element is, e.g. {@code /Document/PmtRtr/TxInf[2]} (the first of a name has no index). */
        public String path() {
            StringBuilder path = new StringBuilder();
            appendPath(path);
            return path.toString();
        }

        private void appendPath(StringBuilder path) {
            if (parent != null) {
                parent.appendPath(path);
            }
            path.append('/').append(name);
            if (occurrence > 1) {
                path.append('[').append(occurrence).append(']');
            }
        }

        /** The attributes by local name, and the namespace as {@code xmlns} (a new map each time: keep it). */
        public Map<String, String> attributes() {
            Map<String, String> all = new HashMap<>();
            if (namespace != null) {
                all.put("xmlns", namespace);
            }
            for (int i = 0; attributes != null && i < attributes.length; i += 2) {
                all.put(attributes[i], attributes[i + 1]);
            }
            return Map.copyOf(all);
        }

        /** One attribute, by local name, or null. */
        public String attribute(String localName) {
            for (int i = 0; attributes != null && i < attributes.length; i += 2) {
                if (attributes[i].equals(localName)) {
                    return attributes[i + 1];
                }
            }
            return null;
        }

        public String text() {
            return text;
        }

        public List<Element> children() {
            return children;
        }

        /** The child that must be there (the first, if repeated). */
        public Element one(String child) {
            return maybe(child).orElseThrow(() -> new InvalidMessage(path() + "/" + child, "missing"));
        }

        public Optional<Element> maybe(String child) {
            return children.stream().filter(e -> e.name.equals(child)).findFirst();
        }

        public List<Element> all(String child) {
            return children.stream().filter(e -> e.name.equals(child)).toList();
        }

        /** The text of a required child, 1 to {@code maxLength} characters (ISO's MaxNText). */
        public String text(String child, int maxLength) {
            return one(child).text(maxLength);
        }

        public Optional<String> optionalText(String child, int maxLength) {
            return maybe(child).map(e -> e.text(maxLength));
        }

        /**
         * The text, 1 to {@code maxLength} characters. Characters as XML Schema counts them: a character outside the
         * Basic Multilingual Plane is one, though Java holds it in two {@code char}s.
         */
        public String text(int maxLength) {
            if (text.isEmpty()) {
                throw new InvalidMessage(path(), "empty");
            }
            if (text.length() > maxLength && text.codePointCount(0, text.length()) > maxLength) {
                throw new InvalidMessage(path(), "longer than " + maxLength + " characters");
            }
            return text;
        }

        /** An IBAN as ISO 20022 writes it (IBAN2007Identifier: two letters, two digits, 1 to 30 letters or digits). */
        public String iban() {
            if (!IBAN.matcher(text).matches()) {
                throw new InvalidMessage(path(), "not an IBAN (two letters, two digits, then letters and digits, 34 at "
                        + "most, no spaces): '" + text + "'");
            }
            return text;
        }

        /**
         * A positive amount with at most two decimals and fifteen integer digits, in {@code currency} (its {@code Ccy}
         * attribute), scaled to two decimals. Any xs:decimal spelling of it is read: {@code 89.670}, {@code +5}.
         */
        public BigDecimal amount(String currency) {
            BigDecimal amount = DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
            if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2
                    || amount.compareTo(MAX_AMOUNT) > 0) {
                throw new InvalidMessage(path(), "not an amount greater than 0 with at most two decimals: '" + text + "'");
            }
            String ccy = attribute("Ccy");
            if (!currency.equals(ccy)) {
                throw new InvalidMessage(path() + "/@Ccy", "must be " + currency + ", is " + (ccy == null ? "missing" : ccy));
            }
            return amount.setScale(2);
        }

        /** An xs:decimal, such as a {@code CtrlSum} (ISO's DecimalNumber: at most 18 digits). */
        public BigDecimal decimal() {
            if (!DECIMAL.matcher(text).matches()) {
                throw new InvalidMessage(path(), "not a decimal number: '" + text + "'");
            }
            return new BigDecimal(text);
        }

        /**
         * An xs:date (ISO's ISODate), with or without its optional time zone ({@code 2026-12-07}, {@code 2026-12-07Z},
         * {@code 2026-12-07+01:00}): the date is the date written, whatever the zone.
         */
        public LocalDate date() {
            try {
                TemporalAccessor parsed = XS_DATE.parse(text);
                if (parsed.isSupported(ChronoField.OFFSET_SECONDS)
                        && Math.abs(parsed.get(ChronoField.OFFSET_SECONDS)) > MAX_XS_OFFSET_SECONDS) {
                    throw new InvalidMessage(path(), "not a date: its time zone is beyond +/-14:00: '" + text + "'");
                }
                return LocalDate.from(parsed);
            } catch (DateTimeException e) {
                throw new InvalidMessage(path(), "not a date (YYYY-MM-DD, optionally with a time zone: Z, +01:00): '" + text + "'");
            }
        }

        /** A number of transactions (ISO's Max15NumericText: 1 to 15 digits, ASCII ones). */
        public int count() {
            if (!COUNT.matcher(text).matches() || Long.parseLong(text) > Integer.MAX_VALUE) {
                throw new InvalidMessage(path(), "not a number of transactions: '" + text + "'");
            }
            return Integer.parseInt(text);
        }
    }

    /**
     * The message's root {@code Document}, which must be in the namespace of {@code message} (e.g.
     * {@code pacs.008.001.08}).
     */
    public static Element read(byte[] xml, String message) {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(xml));
            // XML 1.1 would let a character reference put C0 controls in a text, which no XML 1.0 document (a statement)
            // may carry on
            if (reader.getVersion() != null && !"1.0".equals(reader.getVersion())) {
                throw new InvalidMessage("/", "XML version " + reader.getVersion() + ": ISO 20022 messages are XML 1.0");
            }
            Element document = tree(reader);
            String namespace = document.namespace;
            if (!"Document".equals(document.name()) || !(NAMESPACE_PREFIX + message).equals(namespace)) {
                throw new InvalidMessage("/" + document.name(), "not a " + message + " message: the root must be "
                        + "Document in namespace " + NAMESPACE_PREFIX + message + (namespace == null ? "" : ", not " + namespace));
            }
            return document;
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNumber() + ", column "
                    + e.getLocation().getColumnNumber() + ")";
            throw new InvalidMessage("/", "not well-formed XML" + where + ": " + firstLine(e.getMessage()));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but memory
                }
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /** An element being read: its children so far and how many of each name, or its text so far while it has none. */
    private static final class Open {
        final Element element;
        List<Element> children;
        Map<String, Integer> seen;
        StringBuilder text;

        Open(Element element) {
            this.element = element;
        }

        /** Which occurrence of {@code name} among the children the next child of that name is. */
        int next(String name) {
            if (children == null) {
                children = new ArrayList<>();
                seen = new HashMap<>();
                // whitespace before the first child is indentation, not text
                text = null;
            }
            return seen.merge(name, 1, Integer::sum);
        }

        void text(XMLStreamReader reader) {
            if (children != null) {
                // between children: indentation
                return;
            }
            int length = reader.getTextLength();
            int already = text == null ? 0 : text.length();
            if (already + length > MAX_TEXT) {
                throw new MessageLimitExceeded(element.path(), "a text longer than " + MAX_TEXT + " characters");
            }
            if (text == null) {
                text = new StringBuilder(length);
            }
            text.append(reader.getTextCharacters(), reader.getTextStart(), length);
        }

        Element close(Strings strings) {
            if (children != null) {
                element.children = List.copyOf(children);
            } else if (text != null) {
                element.text = strings.shared(text.toString().strip());
            }
            return element;
        }
    }

    private static Element tree(XMLStreamReader reader) throws XMLStreamException {
        Deque<Open> open = new ArrayDeque<>();
        Strings strings = new Strings();
        Element root = null;
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new InvalidMessage("/", "a DOCTYPE is not allowed");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new InvalidMessage(open.isEmpty() ? "/" : open.peek().element.path(),
                        "entity references are not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    Open parent = open.peek();
                    String name = reader.getLocalName();
                    int occurrence = parent == null ? 1 : parent.next(name);
                    elements++;
                    if (elements > MAX_ELEMENTS) {
                        throw new MessageLimitExceeded(pathOf(parent, name, occurrence), "more than " + MAX_ELEMENTS
                                + " elements in the message");
                    }
                    if (open.size() >= MAX_DEPTH) {
                        throw new MessageLimitExceeded(parent.element.path(), "nested deeper than " + MAX_DEPTH + " elements");
                    }
                    Element element = new Element(name, parent == null ? null : parent.element, occurrence,
                            reader.getNamespaceURI(), attributes(reader, strings, parent, name, occurrence));
                    if (parent != null) {
                        parent.children.add(element);
                    }
                    open.push(new Open(element));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text(reader);
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Element closed = open.pop().close(strings);
                    if (open.isEmpty()) {
                        root = closed;
                    }
                }
                default -> {
                    // comments, processing instructions, whitespace outside the root: nothing to read
                }
            }
        }
        if (root == null) {
            throw new InvalidMessage("/", "no root element");
        }
        return root;
    }

    /** The element's attributes, local names and values alternately (null when none); counted and bounded. */
    private static String[] attributes(XMLStreamReader reader, Strings strings, Open parent, String name, int occurrence) {
        int count = reader.getAttributeCount();
        if (count + reader.getNamespaceCount() > MAX_ATTRIBUTES) {
            throw new MessageLimitExceeded(pathOf(parent, name, occurrence), "more than " + MAX_ATTRIBUTES
                    + " attributes (namespace declarations included) on one element");
        }
        if (count == 0) {
            return null;
        }
        String[] attributes = new String[2 * count];
        for (int i = 0; i < count; i++) {
            String value = reader.getAttributeValue(i);
            if (value.length() > MAX_TEXT) {
                throw new MessageLimitExceeded(pathOf(parent, name, occurrence) + "/@" + reader.getAttributeLocalName(i),
                        "an attribute value longer than " + MAX_TEXT + " characters");
            }
            attributes[2 * i] = reader.getAttributeLocalName(i);
            attributes[2 * i + 1] = strings.shared(value);
        }
        return attributes;
    }

    /**
     * Short texts repeat in a message (EUR, SLEV, BICs, a debtor's IBAN): one string each, for the first few thousand
     * seen; longer or later ones are kept as they come.
     */
    private static final class Strings {
        private static final int SHORT = 34;
        private static final int KEPT = 4096;
        private final Map<String, String> seen = new HashMap<>();

        String shared(String text) {
            if (text.isEmpty()) {
                return "";
            }
            if (text.length() > SHORT) {
                return text;
            }
            String known = seen.get(text);
            if (known != null) {
                return known;
            }
            if (seen.size() < KEPT) {
                seen.put(text, text);
            }
            return text;
        }
    }

    private static String pathOf(Open parent, String name, int occurrence) {
        return (parent == null ? "" : parent.element.path()) + "/" + name + (occurrence > 1 ? "[" + occurrence + "]" : "");
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int lastBreak = text.lastIndexOf('\n');
        return (lastBreak >= 0 ? text.substring(lastBreak + 1) : text).strip();
    }
}
