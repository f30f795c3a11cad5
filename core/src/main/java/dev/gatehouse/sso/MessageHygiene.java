package dev.gatehouse.sso;

import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The checks every incoming SAML protocol message passes on its raw DOM, before anything in it is believed: one
 * pass over the whole tree that refuses comments, processing instructions and XInclude elements; refuses elements
 * named like a SAML Response, Assertion, EncryptedAssertion or ds:Signature in any other namespace, and any Response
 * nested below the root; refuses two elements with the same ID value (ID, Id, id, xml:id); enforces the attribute
 * limits; and collects the assertions and signatures for the message-specific checks ({@link ResponseStructure},
 * the logout validators).
 */
public final class MessageHygiene {

    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final String XINCLUDE = "http://www.w3.org/2001/XInclude";
    private static final Map<String, String> PROPER_NAMESPACE = Map.of("Response", SAMLConstants.SAML20P_NS,
            "Assertion", SAMLConstants.SAML20_NS, "EncryptedAssertion", SAMLConstants.SAML20_NS, "Signature", DSIG);

    /**
     * What the pass found.
     *
     * @param assertions every saml:Assertion, in document order
     * @param encryptedAssertions every saml:EncryptedAssertion, in document order
     * @param signatures every ds:Signature, in document order
     */
    public record Scan(List<Element> assertions, List<Element> encryptedAssertions, List<Element> signatures) {

        /** Refuses any signature that is not a direct child of {@code root}, and more than one. */
        public Element onlyRootSignature(Element root) {
            Element found = null;
            for (Element signature : signatures) {
                if (signature.getParentNode() != root || found != null) {
                    throw SamlRejection.of(ErrorCode.SIGNATURE_REFERENCE_INVALID, "A Signature appears inside ["
                            + ((Element) signature.getParentNode()).getLocalName() + "]; only one, directly in the ["
                            + root.getLocalName() + "], is allowed");
                }
                found = signature;
            }
            return found;
        }
    }

    private MessageHygiene() {
    }

    /**
     * Scans the message below {@code root}.
     *
     * @throws SamlRejection for the first rule broken
     */
    public static Scan scan(Element root, MessageLimits limits) {
        Walk walk = new Walk(root, limits);
        walk.visit(root);
        return new Scan(List.copyOf(walk.assertions), List.copyOf(walk.encrypted), List.copyOf(walk.signatures));
    }

    /** Requires {@code Version="2.0"}. */
    public static void requireVersion(Element element) {
        String version = element.getAttributeNS(null, "Version");
        if (!"2.0".equals(version)) {
            throw SamlRejection.of(ErrorCode.SAML_VERSION_UNSUPPORTED, element.getLocalName() + " Version: expected "
                    + "[2.0], received [" + version + "]");
        }
    }

    private static final class Walk {
        private final Element root;
        private final MessageLimits limits;
        private final Map<String, Element> ids = new HashMap<>();
        private final List<Element> assertions = new ArrayList<>();
        private final List<Element> signatures = new ArrayList<>();
        private final List<Element> encrypted = new ArrayList<>();
        private int attributes;
        private int attributeValues;

        Walk(Element root, MessageLimits limits) {
            this.root = root;
            this.limits = limits;
        }

        void visit(Element element) {
            String ns = element.getNamespaceURI();
            String name = element.getLocalName();
            String proper = PROPER_NAMESPACE.get(name);
            if (proper != null && !proper.equals(ns)) {
                throw SamlRejection.of("Signature".equals(name) ? ErrorCode.SIGNATURE_REFERENCE_INVALID
                        : ErrorCode.ASSERTION_COUNT_INVALID, "An element named [" + name + "] is in namespace [" + ns
                        + "] instead of [" + proper + "]: a look-alike of a SAML element is refused");
            }
            if (SAMLConstants.SAML20_NS.equals(ns)) {
                switch (name) {
                    case "Assertion" -> assertions.add(element);
                    case "EncryptedAssertion" -> encrypted.add(element);
                    case "Attribute" -> attributes++;
                    case "AttributeValue" -> attributeValues++;
                    default -> { }
                }
            } else if (DSIG.equals(ns) && "Signature".equals(name)) {
                signatures.add(element);
            } else if (XINCLUDE.equals(ns)) {
                throw SamlRejection.of(ErrorCode.XML_CONSTRUCT_FORBIDDEN, "An XInclude [" + name + "] element appears "
                        + "in the message");
            } else if ("Response".equals(name) && element != root) {
                throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "A Response element is nested inside ["
                        + ((Element) element.getParentNode()).getLocalName() + "]");
            }
            if (attributes > limits.maxAttributes() || attributeValues > limits.maxAttributeValues()) {
                throw SamlRejection.of(ErrorCode.SAML_MESSAGE_TOO_LARGE, "The message holds more than ["
                        + limits.maxAttributes() + "] Attribute or [" + limits.maxAttributeValues()
                        + "] AttributeValue elements (maxAttributes / maxAttributeValues)");
            }
            checkIds(element);
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                switch (child.getNodeType()) {
                    case Node.ELEMENT_NODE -> visit((Element) child);
                    case Node.COMMENT_NODE, Node.PROCESSING_INSTRUCTION_NODE -> throw SamlRejection.of(
                            ErrorCode.XML_CONSTRUCT_FORBIDDEN, "A " + (child.getNodeType() == Node.COMMENT_NODE
                                    ? "comment" : "processing instruction") + " appears inside [" + name + "]");
                    default -> { }
                }
            }
        }

        private void checkIds(Element element) {
            NamedNodeMap attrs = element.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
                boolean isId = (a.getNamespaceURI() == null && (local.equals("ID") || local.equals("Id")
                        || local.equals("id"))) || (XML_NS.equals(a.getNamespaceURI()) && local.equals("id"));
                if (isId) {
                    Element previous = ids.putIfAbsent(a.getValue(), element);
                    if (previous != null) {
                        throw SamlRejection.of(ErrorCode.DUPLICATE_XML_ID, "The ID value [" + a.getValue()
                                + "] appears on both [" + previous.getLocalName() + "] and [" + element.getLocalName()
                                + "]");
                    }
                }
            }
        }
    }
}
