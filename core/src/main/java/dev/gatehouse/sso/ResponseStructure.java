package dev.gatehouse.sso;

import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.util.HashMap;
import java.util.Map;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The shape of a Response before anything in it is believed, checked on the raw DOM so that no later step can be
 * confused by extra content (signature wrapping, XSW1-XSW8, parser differentials):
 * <ul>
 *   <li>the root is a SAML 2.0 {@code samlp:Response} with Version 2.0;</li>
 *   <li>the whole document holds at most one {@code saml:Assertion}, and it is a direct child of the root (no copy in
 *       Extensions, Advice, ds:Object or anywhere else; no EncryptedAssertion beside it). None at all is only
 *       acceptable for an error response, which {@link ResponseValidator} checks after the status;</li>
 *   <li>no element is named like a SAML Response, Assertion or EncryptedAssertion, or like a ds:Signature, in any
 *       other namespace (a look-alike a prefix-matching reader would take for the real one), and no Response is
 *       nested in the Response;</li>
 *   <li>every {@code ds:Signature} is a direct child of the Response or of the Assertion, at most one each;</li>
 *   <li>no two elements share an ID value (ID, Id, id or xml:id), so a Reference cannot be ambiguous;</li>
 *   <li>no comment, processing instruction or XInclude element anywhere inside the root (CVE-2017-11427 and
 *       siblings);</li>
 *   <li>at most {@code maxAttributes} Attribute and {@code maxAttributeValues} AttributeValue elements;</li>
 *   <li>the elements Gatehouse reads occur at most once where the schema allows one (Response Issuer and Status;
 *       Assertion Issuer, Subject, Conditions, Advice; Subject identifier), because OpenSAML's unmarshallers keep
 *       only the last of several and would hide the ambiguity.</li>
 * </ul>
 *
 * @param response the root element
 * @param assertion the one assertion, or null when the document holds none
 * @param responseSignature the Response's enveloped signature, or null
 * @param assertionSignature the Assertion's enveloped signature, or null
 */
public record ResponseStructure(Element response, Element assertion, Element responseSignature,
        Element assertionSignature) {

    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final String XINCLUDE = "http://www.w3.org/2001/XInclude";
    private static final Map<String, String> PROPER_NAMESPACE = Map.of("Response", SAMLConstants.SAML20P_NS,
            "Assertion", SAMLConstants.SAML20_NS, "EncryptedAssertion", SAMLConstants.SAML20_NS, "Signature", DSIG);

    /**
     * Checks the document and locates its parts.
     *
     * @throws SamlRejection with the code of the first structural rule broken
     */
    public static ResponseStructure of(Document document, MessageLimits limits) {
        Element root = document.getDocumentElement();
        if (!SAMLConstants.SAML20P_NS.equals(root.getNamespaceURI()) || !"Response".equals(root.getLocalName())) {
            throw SamlRejection.of(ErrorCode.UNEXPECTED_MESSAGE_TYPE, "The message root is [{" + root.getNamespaceURI()
                    + "}" + root.getLocalName() + "], not a SAML 2.0 protocol Response");
        }
        requireVersion(root, "Response");
        Walk walk = new Walk(limits);
        walk.visit(root);
        if (walk.encrypted > 0) {
            if (walk.assertions > 0 || walk.encrypted > 1) {
                throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The Response mixes [" + walk.assertions
                        + "] plain and [" + walk.encrypted + "] encrypted assertions");
            }
            throw SamlRejection.of(ErrorCode.ENCRYPTED_ASSERTION_UNSUPPORTED, "The Response carries an "
                    + "EncryptedAssertion but no SP decryption key is configured",
                    "turn off assertion encryption for this application at the IdP");
        }
        if (walk.assertions > 1) {
            throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The Response holds [" + walk.assertions
                    + "] Assertion elements; exactly one is allowed");
        }
        Element assertion = walk.assertion;
        if (assertion != null && assertion.getParentNode() != root) {
            throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The Assertion is nested inside ["
                    + ((Element) assertion.getParentNode()).getLocalName() + "], not a direct child of the Response");
        }
        Element responseSignature = null;
        Element assertionSignature = null;
        for (Element signature : walk.signatures) {
            Node parent = signature.getParentNode();
            if (parent == root && responseSignature == null) {
                responseSignature = signature;
            } else if (assertion != null && parent == assertion && assertionSignature == null) {
                assertionSignature = signature;
            } else {
                throw SamlRejection.of(ErrorCode.SIGNATURE_REFERENCE_INVALID, "A Signature appears inside ["
                        + ((Element) parent).getLocalName() + "]; only one Signature directly in the Response and one "
                        + "directly in the Assertion are allowed");
            }
        }
        requireAtMostOnce(root, SAMLConstants.SAML20_NS, "Issuer");
        requireAtMostOnce(root, SAMLConstants.SAML20P_NS, "Status");
        if (assertion == null) {
            return new ResponseStructure(root, null, responseSignature, null);
        }
        requireVersion(assertion, "Assertion");
        for (String child : new String[] {"Issuer", "Subject", "Conditions", "Advice"}) {
            requireAtMostOnce(assertion, SAMLConstants.SAML20_NS, child);
        }
        NodeList subjects = assertion.getElementsByTagNameNS(SAMLConstants.SAML20_NS, "Subject");
        for (int i = 0; i < subjects.getLength(); i++) {
            Element subject = (Element) subjects.item(i);
            int identifiers = count(subject, SAMLConstants.SAML20_NS, "NameID")
                    + count(subject, SAMLConstants.SAML20_NS, "EncryptedID")
                    + count(subject, SAMLConstants.SAML20_NS, "BaseID");
            if (identifiers > 1) {
                throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The Subject holds [" + identifiers
                        + "] identifiers; at most one is allowed");
            }
        }
        return new ResponseStructure(root, assertion, responseSignature, assertionSignature);
    }

    /** One pass over the document: counts, collects and refuses what may not appear anywhere. */
    private static final class Walk {
        private final MessageLimits limits;
        private final Map<String, Element> ids = new HashMap<>();
        private final java.util.List<Element> signatures = new java.util.ArrayList<>();
        private Element assertion;
        private int assertions;
        private int encrypted;
        private int attributes;
        private int attributeValues;

        Walk(MessageLimits limits) {
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
                    case "Assertion" -> {
                        assertions++;
                        assertion = assertion == null ? element : assertion;
                    }
                    case "EncryptedAssertion" -> encrypted++;
                    case "Attribute" -> attributes++;
                    case "AttributeValue" -> attributeValues++;
                    default -> { }
                }
            } else if (DSIG.equals(ns) && "Signature".equals(name)) {
                signatures.add(element);
            } else if (XINCLUDE.equals(ns)) {
                throw SamlRejection.of(ErrorCode.XML_CONSTRUCT_FORBIDDEN, "An XInclude [" + name + "] element appears "
                        + "in the message");
            } else if ("Response".equals(name) && element != element.getOwnerDocument().getDocumentElement()) {
                throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "A second Response element is nested "
                        + "inside [" + ((Element) element.getParentNode()).getLocalName() + "]");
            }
            if (attributes > limits.maxAttributes() || attributeValues > limits.maxAttributeValues()) {
                throw SamlRejection.of(ErrorCode.SAML_MESSAGE_TOO_LARGE, "The Response holds more than ["
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

    private static void requireVersion(Element element, String what) {
        String version = element.getAttributeNS(null, "Version");
        if (!"2.0".equals(version)) {
            throw SamlRejection.of(ErrorCode.SAML_VERSION_UNSUPPORTED, what + " Version: expected [2.0], received ["
                    + version + "]");
        }
    }

    private static void requireAtMostOnce(Element parent, String namespace, String localName) {
        int n = count(parent, namespace, localName);
        if (n > 1) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The " + parent.getLocalName() + " holds [" + n
                    + "] " + localName + " elements; at most one is allowed");
        }
    }

    private static int count(Element parent, String namespace, String localName) {
        int n = 0;
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE && namespace.equals(c.getNamespaceURI())
                    && localName.equals(c.getLocalName())) {
                n++;
            }
        }
        return n;
    }
}
