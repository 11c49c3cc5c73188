package fr.backoffice.support;

import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The official schemas the clearing system and the bank's customers validate our messages against
 * (docs/clearing-and-statements.md "Clearing and statements"): ISO 20022's pacs.008.001.08, pacs.004.001.09 and
 * camt.053.001.08, and the EPC's SEPA Credit Transfer inter-PSP restriction of pacs.008 (EPC115-06). They are not in
 * the repository: the folder comes from the system property {@code iso20022.schemas} or the environment variable
 * {@code BACKOFFICE_ISO20022_SCHEMAS}, by default {@code ../shared/iso20022} from the project's root. Where it is
 * absent, documents are not validated (said once on the test log) and {@code Iso20022ConformanceTest} is skipped,
 * saying so.
 *
 * <p>Schemas are read with the JDK's {@code javax.xml.validation}, offline: no external schema, DTD or entity is
 * fetched.
 */
public final class IsoSchemas {

    /** The message of each namespace, and the schema files that judge it (all of them must accept it). */
    private static final Map<String, List<String>> SCHEMAS = Map.of(
            "pacs.008.001.08", List.of("pacs.008.001.08.xsd", "EPC115-06_2023_V1.0_pacs.008.001.08_Update.xsd"),
            "pacs.004.001.09", List.of("pacs.004.001.09.xsd"),
            "camt.053.001.08", List.of("camt.053.001.08.xsd"));
    private static final String NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:";
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();
    private static volatile boolean absenceSaid;

    private IsoSchemas() {
    }

    /** The folder of the schemas, if it is there. */
    public static Optional<Path> folder() {
        String configured = System.getProperty("iso20022.schemas", System.getenv("BACKOFFICE_ISO20022_SCHEMAS"));
        Path folder = Path.of(configured == null || configured.isBlank() ? "../shared/iso20022" : configured);
        return Files.isRegularFile(folder.resolve("pacs.008.001.08.xsd")) ? Optional.of(folder) : Optional.empty();
    }

    /** Where the schemas were looked for, for a skipped test's message. */
    public static String absence() {
        return "The ISO 20022 schemas are not at " + Path.of(System.getProperty("iso20022.schemas",
                Optional.ofNullable(System.getenv("BACKOFFICE_ISO20022_SCHEMAS")).orElse("../shared/iso20022")))
                .toAbsolutePath().normalize() + " (set -Diso20022.schemas or BACKOFFICE_ISO20022_SCHEMAS): documents "
                + "are not validated against them";
    }

    /** The message a document is (its root's namespace without the ISO prefix), e.g. {@code pacs.008.001.08}. */
    public static String messageOf(byte[] xml) {
        try {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    String namespace = reader.getNamespaceURI();
                    return namespace != null && namespace.startsWith(NAMESPACE_PREFIX)
                            ? namespace.substring(NAMESPACE_PREFIX.length()) : String.valueOf(namespace);
                }
            }
            throw new AssertionError("no root element");
        } catch (XMLStreamException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Whether there is a schema here for this message. */
    public static boolean judges(String message) {
        return folder().isPresent() && SCHEMAS.containsKey(message);
    }

    /**
     * The errors each schema of its message finds in {@code xml} (empty when valid), each prefixed with the schema's
     * file; empty also when the schemas are absent or none is known for the message.
     */
    public static List<String> errors(byte[] xml) {
        String message = messageOf(xml);
        Optional<Path> folder = folder();
        if (folder.isEmpty()) {
            if (!absenceSaid) {
                absenceSaid = true;
                System.err.println("[IsoSchemas] " + absence());
            }
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        for (String file : SCHEMAS.getOrDefault(message, List.of())) {
            Validator validator = schema(folder.get().resolve(file)).newValidator();
            try {
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
            } catch (SAXParseException e) {
                errors.add(file + " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + "): " + e.getMessage());
            } catch (SAXException | IOException e) {
                errors.add(file + ": " + e.getMessage());
            }
        }
        return errors;
    }

    /** Fails unless every schema of its message accepts {@code xml} (nothing is checked where the schemas are absent). */
    public static byte[] assertValid(byte[] xml) {
        List<String> errors = errors(xml);
        if (!errors.isEmpty()) {
            throw new AssertionError("a " + messageOf(xml) + " document the official schemas refuse:\n  "
                    + String.join("\n  ", errors) + "\n--- the document ---\n" + new String(xml, java.nio.charset.StandardCharsets.UTF_8));
        }
        return xml;
    }

    public static String assertValid(String xml) {
        assertValid(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return xml;
    }

    private static Schema schema(Path file) {
        return COMPILED.computeIfAbsent(file.toAbsolutePath().normalize().toString(), path -> {
            try {
                SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                return factory.newSchema(new File(path));
            } catch (SAXException e) {
                throw new IllegalStateException("cannot read the schema " + path + ": " + e.getMessage(), e);
            }
        });
    }
}
