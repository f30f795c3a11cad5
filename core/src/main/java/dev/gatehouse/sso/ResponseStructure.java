package dev.gatehouse.sso;

import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The shape of a Response before anything in it is believed, checked on the raw DOM so that no later step can be
 * confused by extra content (signature wrapping, XSW1-XSW8, parser differentials). On top of
 * {@link MessageHygiene}'s rules for every message:
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
 *       Assertion Issuer, Subject, Conditions, Advice; Subject identifier), before any signature is checked, so
 *       that no later reader can pick a different one of several ({@link dev.gatehouse.sso.view.SamlDom} refuses
 *       the same for every element it reads).</li>
 * </ul>
 *
 * @param response the root element
 * @param assertion the one plain assertion, or null when the document holds none (or an encrypted one)
 * @param encryptedAssertion the one EncryptedAssertion, or null
 * @param responseSignature the Response's enveloped signature, or null
 * @param assertionSignature the plain Assertion's enveloped signature, or null
 */
public record ResponseStructure(Element response, Element assertion, Element encryptedAssertion,
        Element responseSignature, Element assertionSignature) {

    /**
     * A decrypted assertion's own shape, checked like a plain one (it is the root of its own document).
     *
     * @param assertion the decrypted assertion
     * @param signature its enveloped signature, or null
     */
    public record Decrypted(Element assertion, Element signature) {
    }

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
        MessageHygiene.requireVersion(root);
        MessageHygiene.Scan scan = MessageHygiene.scan(root, limits);
        int assertions = scan.assertions().size();
        if (!scan.encryptedAssertions().isEmpty()) {
            if (assertions > 0 || scan.encryptedAssertions().size() > 1) {
                throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The Response mixes [" + assertions
                        + "] plain and [" + scan.encryptedAssertions().size() + "] encrypted assertions");
            }
            Element encrypted = scan.encryptedAssertions().get(0);
            if (encrypted.getParentNode() != root) {
                throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The EncryptedAssertion is nested inside ["
                        + ((Element) encrypted.getParentNode()).getLocalName() + "], not a direct child of the "
                        + "Response");
            }
            requireAtMostOnce(root, SAMLConstants.SAML20_NS, "Issuer");
            requireAtMostOnce(root, SAMLConstants.SAML20P_NS, "Status");
            return new ResponseStructure(root, null, encrypted, scan.onlyRootSignature(root), null);
        }
        if (assertions > 1) {
            throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The Response holds [" + assertions
                    + "] Assertion elements; exactly one is allowed");
        }
        Element assertion = assertions == 0 ? null : scan.assertions().get(0);
        if (assertion != null && assertion.getParentNode() != root) {
            throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The Assertion is nested inside ["
                    + ((Element) assertion.getParentNode()).getLocalName() + "], not a direct child of the Response");
        }
        Element responseSignature = null;
        Element assertionSignature = null;
        for (Element signature : scan.signatures()) {
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
            return new ResponseStructure(root, null, null, responseSignature, null);
        }
        checkAssertion(assertion);
        return new ResponseStructure(root, assertion, null, responseSignature, assertionSignature);
    }

    /**
     * Checks a decrypted assertion: the same hygiene as a message, exactly one assertion (itself), a signature only
     * directly inside it, and the elements read at most once.
     */
    public static Decrypted decrypted(Element assertion, MessageLimits limits) {
        MessageHygiene.Scan scan = MessageHygiene.scan(assertion, limits);
        if (scan.assertions().size() != 1 || !scan.encryptedAssertions().isEmpty()) {
            throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The decrypted assertion holds further "
                    + "assertions");
        }
        checkAssertion(assertion);
        return new Decrypted(assertion, scan.onlyRootSignature(assertion));
    }

    /** Version 2.0, and the elements Gatehouse reads present at most once (one identifier per Subject). */
    private static void checkAssertion(Element assertion) {
        MessageHygiene.requireVersion(assertion);
        for (String child : new String[] {"Issuer", "Subject", "Conditions", "Advice"}) {
            requireAtMostOnce(assertion, SAMLConstants.SAML20_NS, child);
        }
        NodeList subjects = assertion.getElementsByTagNameNS(SAMLConstants.SAML20_NS, "Subject");
        for (int i = 0; i < subjects.getLength(); i++) {
            requireOneIdentifier((Element) subjects.item(i));
        }
    }

    /** At most one NameID, EncryptedID or BaseID under a Subject or LogoutRequest. */
    static void requireOneIdentifier(Element parent) {
        int identifiers = count(parent, SAMLConstants.SAML20_NS, "NameID")
                + count(parent, SAMLConstants.SAML20_NS, "EncryptedID")
                + count(parent, SAMLConstants.SAML20_NS, "BaseID");
        if (identifiers > 1) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The " + parent.getLocalName() + " holds ["
                    + identifiers + "] identifiers; at most one is allowed");
        }
    }

    /** Refuses a second occurrence of a child element the schema allows once. */
    public static void requireAtMostOnce(Element parent, String namespace, String localName) {
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
