package dev.gatehouse.crypto;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Verifies one enveloped XML signature over one SAML element, against configured keys only.
 *
 * <p>Before any cryptography, the signature's shape is checked against what SAML allows (saml-core-2.0-os 5.4):
 * it must be a direct child of the element it signs; SignedInfo holds exactly one Reference whose URI is
 * {@code #} + that element's ID; only allow-listed canonicalization, transforms, digest and signature algorithms;
 * no ds:Object (no manifests, no room for wrapped content). Then Santuario, in secure-validation mode, checks the
 * signature value and the digest with each trusted key in turn. Afterwards the node the Reference resolved to must
 * be the very element the caller will read. KeyInfo is ignored.
 *
 * <p>Thread-safe and stateless.
 */
public final class SignatureVerifier {

    private static final String DSIG = org.apache.xml.security.utils.Constants.SignatureSpecNS;

    /**
     * Verifies {@code signature}, which must sign {@code signed}.
     *
     * @throws SamlRejection {@link ErrorCode#SIGNATURE_REFERENCE_INVALID}, {@link ErrorCode#SIGNATURE_ALGORITHM_FORBIDDEN}
     *     or {@link ErrorCode#SIGNATURE_INVALID}
     */
    public void verify(Element signed, Element signature, TrustedKeys keys, AlgorithmPolicy policy) {
        String what = signed.getLocalName();
        checkShape(signed, signature, policy, what);
        if (keys.certificates().isEmpty()) {
            throw SamlRejection.of(ErrorCode.SIGNATURE_INVALID, "No signing certificate is configured for ["
                    + keys.entityId() + "]", "add the IdP's signing certificate or a metadata source");
        }
        // Santuario resolves "#ID" through getElementById, which only sees attributes declared as IDs.
        signed.setIdAttributeNS(null, "ID", true);
        XMLSignature xmlSignature;
        try {
            xmlSignature = new XMLSignature(signature, null, true);
        } catch (XMLSecurityException e) {
            throw SamlRejection.of(ErrorCode.SIGNATURE_REFERENCE_INVALID, "The " + what + " signature cannot be "
                    + "processed: " + e.getMessage());
        }
        List<String> failures = new ArrayList<>();
        for (PublicKey key : policy.usableKeys(keys)) {
            try {
                if (xmlSignature.checkSignatureValue(key)) {
                    requireReferencedNodeIs(xmlSignature, signed, what);
                    return;
                }
                failures.add(key.getAlgorithm() + " key: signature value or digest does not match");
            } catch (XMLSecurityException | RuntimeException e) {
                failures.add(key.getAlgorithm() + " key: " + e.getMessage());
            }
        }
        throw SamlRejection.of(ErrorCode.SIGNATURE_INVALID, "The " + what + " signature does not verify with any of the ["
                + keys.certificates().size() + "] configured certificate(s) of [" + keys.entityId() + "] ("
                + String.join("; ", failures) + ")",
                "if the IdP rolled its signing key over, add the new certificate or refresh its metadata");
    }

    private static void checkShape(Element signed, Element signature, AlgorithmPolicy policy, String what) {
        if (signature.getParentNode() != signed) {
            throw shape(what, "the Signature is not a direct child of the element it signs");
        }
        String id = signed.getAttributeNS(null, "ID");
        if (id.isEmpty()) {
            throw shape(what, "the signed element has no ID attribute");
        }
        List<Element> children = elementChildren(signature);
        if (children.size() < 2 || !isDsig(children.get(0), "SignedInfo") || !isDsig(children.get(1), "SignatureValue")) {
            throw shape(what, "the Signature must start with SignedInfo and SignatureValue");
        }
        for (int i = 2; i < children.size(); i++) {
            if (!isDsig(children.get(i), "KeyInfo")) {
                throw shape(what, "the Signature contains [" + children.get(i).getLocalName()
                        + "]; only SignedInfo, SignatureValue and KeyInfo are allowed");
            }
        }
        // SignedInfo = CanonicalizationMethod, SignatureMethod, Reference+ and nothing else, each once and in this
        // order, so this check and Santuario cannot read different elements.
        List<Element> signedInfo = elementChildren(children.get(0));
        if (signedInfo.size() < 3 || !isDsig(signedInfo.get(0), "CanonicalizationMethod")
                || !isDsig(signedInfo.get(1), "SignatureMethod")) {
            throw shape(what, "SignedInfo must be CanonicalizationMethod, SignatureMethod, Reference");
        }
        String c14n = signedInfo.get(0).getAttributeNS(null, "Algorithm");
        Element signatureMethodElement = signedInfo.get(1);
        String signatureMethod = signatureMethodElement.getAttributeNS(null, "Algorithm");
        if (!elementChildren(signatureMethodElement).isEmpty()) {
            throw forbidden(what, "SignatureMethod parameters (such as HMACOutputLength) are not allowed");
        }
        List<Element> references = new ArrayList<>();
        for (Element e : signedInfo.subList(2, signedInfo.size())) {
            if (!isDsig(e, "Reference")) {
                throw shape(what, "SignedInfo contains an unexpected [" + e.getLocalName() + "]");
            }
            references.add(e);
        }
        if (!policy.canonicalizationMethods().contains(c14n)) {
            throw forbidden(what, "CanonicalizationMethod [" + c14n + "] is not allowed");
        }
        if (!policy.signatureMethods().contains(signatureMethod)) {
            throw forbidden(what, "SignatureMethod [" + signatureMethod + "] is not allowed"
                    + (signatureMethod.contains("sha1") ? "; SHA-1 needs allowSha1=true for this provider" : ""));
        }
        if (references.size() != 1) {
            throw shape(what, "SignedInfo must hold exactly one Reference, holds [" + references.size() + "]");
        }
        Element reference = references.get(0);
        if (!reference.hasAttributeNS(null, "URI")) {
            throw shape(what, "the Reference has no URI");
        }
        String uri = reference.getAttributeNS(null, "URI");
        if (!uri.equals("#" + id)) {
            throw shape(what, "the Reference URI is [" + uri + "] but the signed element's ID is [" + id + "]");
        }
        // Reference = Transforms?, DigestMethod, DigestValue, in this order, each once.
        List<Element> parts = elementChildren(reference);
        int next = 0;
        boolean enveloped = false;
        if (next < parts.size() && isDsig(parts.get(next), "Transforms")) {
            for (Element t : elementChildren(parts.get(next))) {
                String algorithm = t.getAttributeNS(null, "Algorithm");
                if (!isDsig(t, "Transform") || !policy.transforms().contains(algorithm)) {
                    throw shape(what, "Transform [" + algorithm + "] is not allowed; only enveloped-signature "
                            + "and exclusive c14n are");
                }
                for (Element param : elementChildren(t)) {
                    if (!"InclusiveNamespaces".equals(param.getLocalName())) {
                        throw shape(what, "Transform parameter [" + param.getLocalName() + "] is not allowed");
                    }
                }
                enveloped |= algorithm.equals(AlgorithmPolicy.ENVELOPED_SIGNATURE);
            }
            next++;
        }
        if (parts.size() != next + 2 || !isDsig(parts.get(next), "DigestMethod")
                || !isDsig(parts.get(next + 1), "DigestValue")) {
            throw shape(what, "the Reference must be Transforms, DigestMethod, DigestValue");
        }
        String digest = parts.get(next).getAttributeNS(null, "Algorithm");
        if (!enveloped) {
            throw shape(what, "the Reference lacks the enveloped-signature transform");
        }
        if (!policy.digestMethods().contains(digest)) {
            throw forbidden(what, "DigestMethod [" + digest + "] is not allowed"
                    + (digest.endsWith("sha1") ? "; SHA-1 needs allowSha1=true for this provider" : ""));
        }
    }

    private static void requireReferencedNodeIs(XMLSignature signature, Element signed, String what)
            throws XMLSecurityException {
        Reference reference = signature.getSignedInfo().item(0);
        XMLSignatureInput input = reference.getContentsBeforeTransformation();
        Node node = input == null ? null : input.getSubNode();
        if (node != signed) {
            throw shape(what, "the Reference resolved to a different node than the element being consumed");
        }
    }

    private static List<Element> elementChildren(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static boolean isDsig(Element e, String localName) {
        return DSIG.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    private static SamlRejection shape(String what, String detail) {
        return SamlRejection.of(ErrorCode.SIGNATURE_REFERENCE_INVALID, "The " + what + " signature is refused: "
                + detail);
    }

    private static SamlRejection forbidden(String what, String detail) {
        return SamlRejection.of(ErrorCode.SIGNATURE_ALGORITHM_FORBIDDEN, "The " + what + " signature is refused: "
                + detail, "configure the IdP to sign with RSA-SHA256 (or stronger)");
    }
}
