package fr.backoffice.common.iso20022;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Currency;

/**
 * Writes an ISO 20022 message ({@code <Document xmlns="urn:iso:std:iso:20022:tech:xsd:...">}) element by element,
 * indented, in UTF-8, with the value formats the SEPA schemes require: amounts with exactly two decimals and the
 * currency as the {@code Ccy} attribute, dates as {@code YYYY-MM-DD}, timestamps in UTC to the second. Optional
 * elements given no value are left out, as the schemas require (an empty element is invalid). The same input always
 * gives the same bytes.
 *
 * <p>A document is always well-formed: a character XML 1.0 forbids (a C0 control other than tab, LF and CR, a lone
 * surrogate, U+FFFE, U+FFFF) is replaced by U+FFFD, the replacement character, in text and attributes alike. Replaced
 * rather than refused: what is written comes from stored data (labels, names) that the request rules let in
 * (docs/api.md "Calling the API" refuses control characters, but data stored before those rules, or taken from another
 * bank's message, may hold some), and a statement or a payment file must still be produced; U+FFFD shows where
 * something was lost.
 */
public final class IsoXmlWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final String INDENT = "  ";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final XMLStreamWriter xml;
    private int depth;
    private boolean lastWasOpen;

    private IsoXmlWriter(String message) {
        try {
            xml = FACTORY.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            newLine();
            xml.writeStartElement("Document");
            xml.writeDefaultNamespace("urn:iso:std:iso:20022:tech:xsd:" + message);
            depth = 1;
            lastWasOpen = true;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new message of this type, e.g. {@code pacs.008.001.08}. */
    public static IsoXmlWriter document(String message) {
        return new IsoXmlWriter(message);
    }

    /** Opens an element that holds others; close it with {@link #close()}. */
    public IsoXmlWriter open(String name) {
        run(() -> {
            indent();
            xml.writeStartElement(name);
        });
        depth++;
        lastWasOpen = true;
        return this;
    }

    public IsoXmlWriter close() {
        depth--;
        run(() -> {
            if (!lastWasOpen) {
                indent();
            }
            xml.writeEndElement();
        });
        lastWasOpen = false;
        return this;
    }

    /** {@code <name>text</name>}, or nothing when {@code text} is null. */
    public IsoXmlWriter text(String name, String text) {
        if (text == null) {
            return this;
        }
        run(() -> {
            indent();
            xml.writeStartElement(name);
            xml.writeCharacters(xmlText(text));
            xml.writeEndElement();
        });
        lastWasOpen = false;
        return this;
    }

    /** {@code <name Ccy="EUR">12.30</name>}: two decimals, as SEPA requires. */
    public IsoXmlWriter amount(String name, BigDecimal amount, String currency) {
        run(() -> {
            indent();
            xml.writeStartElement(name);
            xml.writeAttribute("Ccy", xmlText(currency));
            xml.writeCharacters(decimal(amount));
            xml.writeEndElement();
        });
        lastWasOpen = false;
        return this;
    }

    /**
     * {@code <name Ccy="JPY">1250</name>}: with as many decimals as the currency has (ISO 4217), for messages that
     * are not limited to euros (account statements). ISO amounts have no sign: a negative one is refused.
     */
    public IsoXmlWriter amountInCurrency(String name, BigDecimal amount, String currency) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("An ISO 20022 amount is unsigned: " + amount);
        }
        String digits = amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.UNNECESSARY)
                .toPlainString();
        run(() -> {
            indent();
            xml.writeStartElement(name);
            xml.writeAttribute("Ccy", xmlText(currency));
            xml.writeCharacters(digits);
            xml.writeEndElement();
        });
        lastWasOpen = false;
        return this;
    }

    /** {@code <name>12.3</name>}: an ISO {@code DecimalNumber} (a sum without currency), as the value is written. */
    public IsoXmlWriter decimalNumber(String name, BigDecimal value) {
        return text(name, value == null ? null : value.toPlainString());
    }

    public IsoXmlWriter date(String name, LocalDate date) {
        return text(name, date == null ? null : date.toString());
    }

    public IsoXmlWriter dateTime(String name, Instant at) {
        return text(name, at == null ? null : dateTime(at));
    }

    /** The message, complete. */
    public byte[] finish() {
        run(() -> {
            while (depth > 0) {
                close();
            }
            newLine();
            xml.writeEndDocument();
            xml.close();
        });
        return bytes.toByteArray();
    }

    /** {@code text} with each character XML 1.0 forbids replaced by U+FFFD; the same string when there is none. */
    static String xmlText(String text) {
        StringBuilder replaced = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int width = 1;
            boolean allowed;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                allowed = true; // a character beyond the basic plane: allowed
                width = 2;
            } else {
                allowed = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
            }
            if (!allowed && replaced == null) {
                replaced = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (replaced != null) {
                if (allowed) {
                    replaced.append(text, i, i + width);
                } else {
                    replaced.append('\uFFFD');
                }
            }
            i += width - 1;
        }
        return replaced == null ? text : replaced.toString();
    }

    /** An amount as ISO 20022 writes it for euros: two decimals, a dot, no sign, no grouping. */
    public static String decimal(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** An ISODateTime in UTC to the second, e.g. {@code 2026-12-01T09:15:00Z}. */
    public static String dateTime(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    private void indent() throws XMLStreamException {
        newLine();
        xml.writeCharacters(INDENT.repeat(depth));
    }

    private void newLine() throws XMLStreamException {
        xml.writeCharacters("\n");
    }

    private interface XmlStep {
        void run() throws XMLStreamException;
    }

    private static void run(XmlStep step) {
        try {
            step.run();
        } catch (XMLStreamException e) {
            throw new UncheckedIOException(new java.io.IOException(e));
        }
    }
}
