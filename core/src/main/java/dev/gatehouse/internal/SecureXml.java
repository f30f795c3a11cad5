package dev.gatehouse.internal;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one XML parser Gatehouse uses for anything that arrives from outside: namespace aware, no DOCTYPE at all
 * (which rules out internal and external entities, parameter entities and expansion bombs), no XInclude, no
 * external DTD or schema access, JAXP secure processing on, and a nesting depth limit. {@link #forMessages} keeps
 * comments so that the response checks can refuse them; {@link #forMetadata} drops them (metadata files are
 * commented, and OpenSAML's unmarshallers refuse comment nodes).
 *
 * <p>Thread-safe. Keeps a small pool of {@link DocumentBuilder}s (which are not thread-safe themselves) instead of
 * thread-locals, so that a redeployed webapp leaves nothing behind in container threads.
 */
public final class SecureXml {

    /** Deep enough for any real SAML message or metadata (Okta/Entra/ADFS stay under 12). */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String JDK_MAX_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private final DocumentBuilderFactory factory;
    private final int maxDepth;
    private final BlockingQueue<DocumentBuilder> pool = new ArrayBlockingQueue<>(16);

    private SecureXml(int maxDepth, boolean keepComments) {
        this.maxDepth = maxDepth;
        this.factory = newFactory(maxDepth, keepComments);
    }

    /** A parser for SAML protocol messages: keeps comments and processing instructions, for the structure check. */
    public static SecureXml forMessages(int maxDepth) {
        return new SecureXml(maxDepth, true);
    }

    /** A parser for metadata documents: drops comments. */
    public static SecureXml forMetadata() {
        return new SecureXml(DEFAULT_MAX_DEPTH, false);
    }

    /**
     * Parses untrusted XML.
     *
     * @throws SamlRejection {@link ErrorCode#XML_DOCTYPE_FORBIDDEN} for any DOCTYPE,
     *     {@link ErrorCode#SAML_MESSAGE_MALFORMED} for anything else that is not well-formed or too deep
     */
    public Document parse(byte[] xml) {
        DocumentBuilder builder = pool.poll();
        if (builder == null) {
            builder = newBuilder();
        }
        try {
            Document document = builder.parse(new ByteArrayInputStream(xml));
            checkDepth(document.getDocumentElement(), 1);
            return document;
        } catch (SAXException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("disallow-doctype-decl") || message.contains("DOCTYPE")) {
                throw SamlRejection.of(ErrorCode.XML_DOCTYPE_FORBIDDEN, "The XML contains a DOCTYPE declaration");
            }
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The XML is not well-formed: " + message);
        } catch (IOException e) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The XML could not be read: " + e.getMessage());
        } finally {
            builder.reset();
            pool.offer(builder);
        }
    }

    /** An empty namespace-aware document (nothing is parsed). */
    public Document newDocument() {
        DocumentBuilder builder = pool.poll();
        if (builder == null) {
            builder = newBuilder();
        }
        try {
            return builder.newDocument();
        } finally {
            pool.offer(builder);
        }
    }

    private void checkDepth(Node node, int depth) {
        if (depth > maxDepth) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED,
                    "The XML nests elements deeper than the limit of [" + maxDepth + "]");
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                checkDepth(child, depth + 1);
            }
        }
    }

    private DocumentBuilder newBuilder() {
        try {
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(RETHROW);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entities are not allowed: [" + systemId + "]");
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK XML parser rejects the secure configuration", e);
        }
    }

    private static DocumentBuilderFactory newFactory(int maxDepth, boolean keepComments) {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setIgnoringComments(!keepComments);
        // CDATA sections become plain text joined with their neighbours, as c14n (and so the signature) sees them:
        // a value split by CDATA must be read whole.
        f.setCoalescing(true);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            // Every node is visited anyway (depth, structure, hygiene, reading): building them in the parser is
            // cheaper than Xerces' deferred DOM materialising them on first access (+12%, BENCHMARKS.md).
            f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser does not support the required security features", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        try {
            // Stops stack exhaustion inside the parser itself; checkDepth covers parsers without this property.
            f.setAttribute(JDK_MAX_DEPTH, maxDepth);
        } catch (IllegalArgumentException notTheJdkParser) {
            // Another JAXP implementation: the post-parse depth walk still applies.
        }
        return f;
    }

    private static final ErrorHandler RETHROW = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a document unsafe.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
