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
 * Reads an ISO 20022 message from another bank into a tree of elements, safely: no DTD (a {@code DOCTYPE} is
 * refused, so no entity, external or internal, is ever expanded: no XXE, no "billion laughs"), elements nested at most
 * {@value #MAX_DEPTH} deep, and the caller bounds the size. Every error names the element's path, e.g.
 * {@code /Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt}.
 */
public final class IsoXmlReader {

    static final int MAX_DEPTH = 32;
    private static final String NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:";
    /** xs:decimal's lexical space, bounded to ISO's 18 digits (plus leading zeros a sender may write). */
    private static final Pattern DECIMAL = Pattern.compile("^[+-]?(?=\\.?[0-9])[0-9]{0,30}(\\.[0-9]{0,30})?$");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999999.99");
    private static final Pattern IBAN = Pattern.compile("^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$");
    /** xs:date: a date, then optionally {@code Z} or an offset {@code +hh:mm} / {@code -hh:mm} of at most 14 hours. */
    private static final DateTimeFormatter XS_DATE = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);
    private static final int MAX_XS_OFFSET_SECONDS = 14 * 3600;

    private IsoXmlReader() {
    }

    /** One element: its path, attributes, text (trimmed) and child elements. */
    public record Element(String name, String path, Map<String, String> attributes, String text, List<Element> children) {

        /** The child that must be there (the first, if repeated). */
        public Element one(String child) {
            return maybe(child).orElseThrow(() -> new InvalidMessage(path + "/" + child, "missing"));
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
                throw new InvalidMessage(path, "empty");
            }
            if (text.length() > maxLength && text.codePointCount(0, text.length()) > maxLength) {
                throw new InvalidMessage(path, "longer than " + maxLength + " characters");
            }
            return text;
        }

        /** An IBAN as ISO 20022 writes it (IBAN2007Identifier: two letters, two digits, 1 to 30 letters or digits). */
        public String iban() {
            if (!IBAN.matcher(text).matches()) {
                throw new InvalidMessage(path, "not an IBAN (two letters, two digits, then letters and digits, 34 at "
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
                throw new InvalidMessage(path, "not an amount greater than 0 with at most two decimals: '" + text + "'");
            }
            String ccy = attributes.get("Ccy");
            if (!currency.equals(ccy)) {
                throw new InvalidMessage(path + "/@Ccy", "must be " + currency + ", is " + (ccy == null ? "missing" : ccy));
            }
            return amount.setScale(2);
        }

        /** An xs:decimal, such as a {@code CtrlSum} (ISO's DecimalNumber: at most 18 digits). */
        public BigDecimal decimal() {
            if (!DECIMAL.matcher(text).matches()) {
                throw new InvalidMessage(path, "not a decimal number: '" + text + "'");
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
                    throw new InvalidMessage(path, "not a date: its time zone is beyond +/-14:00: '" + text + "'");
                }
                return LocalDate.from(parsed);
            } catch (DateTimeException e) {
                throw new InvalidMessage(path, "not a date (YYYY-MM-DD, optionally with a time zone: Z, +01:00): '" + text + "'");
            }
        }

        public int count() {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new InvalidMessage(path, "not a number of transactions: '" + text + "'");
            }
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
            String namespace = document.attributes().get("xmlns");
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
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    private record Open(String name, String path, Map<String, String> attributes, StringBuilder text,
                        List<Element> children, Map<String, Integer> seen) {
    }

    private static Element tree(XMLStreamReader reader) throws XMLStreamException {
        Deque<Open> open = new ArrayDeque<>();
        Element root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new InvalidMessage("/", "a DOCTYPE is not allowed");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new InvalidMessage(path(open), "entity references are not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new InvalidMessage(path(open), "nested deeper than " + MAX_DEPTH + " elements");
                    }
                    String name = reader.getLocalName();
                    String path;
                    if (open.isEmpty()) {
                        path = "/" + name;
                    } else {
                        int n = open.peek().seen().merge(name, 1, Integer::sum);
                        path = open.peek().path() + "/" + name + (n > 1 ? "[" + n + "]" : "");
                    }
                    Map<String, String> attributes = new HashMap<>();
                    String namespace = reader.getNamespaceURI();
                    if (namespace != null) {
                        attributes.put("xmlns", namespace);
                    }
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                    }
                    open.push(new Open(name, path, attributes, new StringBuilder(), new ArrayList<>(), new HashMap<>()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!open.isEmpty()) {
                        open.peek().text().append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Open closed = open.pop();
                    Element element = new Element(closed.name(), closed.path(), closed.attributes(),
                            closed.text().toString().strip(), List.copyOf(closed.children()));
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().children().add(element);
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

    private static String path(Deque<Open> open) {
        return open.isEmpty() ? "/" : open.peek().path();
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int lastBreak = text.lastIndexOf('\n');
        return (lastBreak >= 0 ? text.substring(lastBreak + 1) : text).strip();
    }
}
