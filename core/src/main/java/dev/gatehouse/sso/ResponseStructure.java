package dev.gatehouse.sso;

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
 * confused by extra content (signature wrapping, XSW1-XSW8):
 * <ul>
 *   <li>the root is a SAML 2.0 {@code samlp:Response} with Version 2.0;</li>
 *   <li>the whole document holds at most one {@code saml:Assertion}, and it is a direct child of the root (no copy in
 *       Extensions, Advice, ds:Object or anywhere else; no EncryptedAssertion beside it). None at all is only
 *       acceptable for an error response, which {@link ResponseValidator} checks after the status;</li>
 *   <li>every {@code ds:Signature} is a direct child of the Response or of the Assertion, at most one each;</li>
 *   <li>no two elements share an ID value (ID, Id, id or xml:id), so a Reference cannot be ambiguous;</li>
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

    /**
     * Checks the document and locates its parts.
     *
     * @throws SamlRejection with the code of the first structural rule broken
     */
    public static ResponseStructure of(Document document) {
        Element root = document.getDocumentElement();
        if (!SAMLConstants.SAML20P_NS.equals(root.getNamespaceURI()) || !"Response".equals(root.getLocalName())) {
            throw SamlRejection.of(ErrorCode.UNEXPECTED_MESSAGE_TYPE, "The message root is [{" + root.getNamespaceURI()
                    + "}" + root.getLocalName() + "], not a SAML 2.0 protocol Response");
        }
        requireVersion(root, "Response");
        NodeList encrypted = document.getElementsByTagNameNS(SAMLConstants.SAML20_NS, "EncryptedAssertion");
        NodeList assertions = document.getElementsByTagNameNS(SAMLConstants.SAML20_NS, "Assertion");
        if (encrypted.getLength() > 0) {
            if (assertions.getLength() > 0 || encrypted.getLength() > 1) {
                throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The Response mixes [" + assertions.getLength()
                        + "] plain and [" + encrypted.getLength() + "] encrypted assertions");
            }
            throw SamlRejection.of(ErrorCode.ENCRYPTED_ASSERTION_UNSUPPORTED, "The Response carries an "
                    + "EncryptedAssertion but no SP decryption key is configured",
                    "turn off assertion encryption for this application at the IdP");
        }
        if (assertions.getLength() > 1) {
            throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The Response holds [" + assertions.getLength()
                    + "] Assertion elements; exactly one is allowed");
        }
        if (assertions.getLength() == 0) {
            requireNoSignatureBelowRoot(document, root);
            requireUniqueIds(root, new HashMap<>());
            return new ResponseStructure(root, null, null, null);
        }
        Element assertion = (Element) assertions.item(0);
        if (assertion.getParentNode() != root) {
            throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The Assertion is nested inside ["
                    + ((Element) assertion.getParentNode()).getLocalName() + "], not a direct child of the Response");
        }
        requireVersion(assertion, "Assertion");

        Element responseSignature = null;
        Element assertionSignature = null;
        NodeList signatures = document.getElementsByTagNameNS(DSIG, "Signature");
        for (int i = 0; i < signatures.getLength(); i++) {
            Element signature = (Element) signatures.item(i);
            Node parent = signature.getParentNode();
            if (parent == root && responseSignature == null) {
                responseSignature = signature;
            } else if (parent == assertion && assertionSignature == null) {
                assertionSignature = signature;
            } else {
                throw SamlRejection.of(ErrorCode.SIGNATURE_REFERENCE_INVALID, "A Signature appears inside ["
                        + ((Element) parent).getLocalName() + "]; only one Signature directly in the Response and one "
                        + "directly in the Assertion are allowed");
            }
        }
        requireUniqueIds(root, new HashMap<>());
        requireAtMostOnce(root, SAMLConstants.SAML20_NS, "Issuer");
        requireAtMostOnce(root, SAMLConstants.SAML20P_NS, "Status");
        for (String child : new String[] {"Issuer", "Subject", "Conditions", "Advice"}) {
            requireAtMostOnce(assertion, SAMLConstants.SAML20_NS, child);
        }
        for (Node n = assertion.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Subject".equals(e.getLocalName())) {
                int identifiers = count(e, SAMLConstants.SAML20_NS, "NameID")
                        + count(e, SAMLConstants.SAML20_NS, "EncryptedID") + count(e, SAMLConstants.SAML20_NS, "BaseID");
                if (identifiers > 1) {
                    throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The Subject holds [" + identifiers
                            + "] identifiers; at most one is allowed");
                }
            }
        }
        return new ResponseStructure(root, assertion, responseSignature, assertionSignature);
    }

    private static void requireNoSignatureBelowRoot(Document document, Element root) {
        NodeList signatures = document.getElementsByTagNameNS(DSIG, "Signature");
        for (int i = 0; i < signatures.getLength(); i++) {
            if (signatures.item(i).getParentNode() != root || i > 0) {
                throw SamlRejection.of(ErrorCode.SIGNATURE_REFERENCE_INVALID, "A Signature appears where none is "
                        + "allowed");
            }
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

    private static void requireVersion(Element element, String what) {
        String version = element.getAttributeNS(null, "Version");
        if (!"2.0".equals(version)) {
            throw SamlRejection.of(ErrorCode.SAML_VERSION_UNSUPPORTED, what + " Version: expected [2.0], received ["
                    + version + "]");
        }
    }

    private static void requireUniqueIds(Element element, Map<String, Element> seen) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
            boolean isId = (a.getNamespaceURI() == null && (local.equals("ID") || local.equals("Id")
                    || local.equals("id"))) || (XML_NS.equals(a.getNamespaceURI()) && local.equals("id"));
            if (isId) {
                Element previous = seen.putIfAbsent(a.getValue(), element);
                if (previous != null) {
                    throw SamlRejection.of(ErrorCode.DUPLICATE_XML_ID, "The ID value [" + a.getValue() + "] appears on "
                            + "both [" + previous.getLocalName() + "] and [" + element.getLocalName() + "]");
                }
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                requireUniqueIds((Element) child, seen);
            }
        }
    }
}
