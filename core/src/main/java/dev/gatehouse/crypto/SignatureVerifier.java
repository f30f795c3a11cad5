package dev.gatehouse.crypto;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.Base64Text;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.xml.security.algorithms.SignatureAlgorithm;
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
 * no ds:Object (no manifests, no room for wrapped content); at most one InclusiveNamespaces, in its namespace.
 *
 * <p>Then, for the shape every IdP sends (enveloped-signature then exclusive c14n, SignedInfo in exclusive c14n, a
 * SHA digest the policy allows), Gatehouse canonicalizes {@code signed} itself without the Signature ({@link ExclusiveCanonicalizer},
 * several times faster than Santuario's general canonicalizer), compares the digest in constant time, and checks
 * the signature value over the canonical SignedInfo with Santuario's {@link SignatureAlgorithm} and each trusted
 * key in turn. Nothing is looked up by ID, so what was digested is the element the caller reads. Any other allowed
 * shape (the enveloped transform alone, the transforms in another order) goes to Santuario's own reference
 * processing in secure-validation mode, after which the node the Reference resolved to must be the very element
 * the caller will read. KeyInfo is ignored.
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
        Shape shape = checkShape(signed, signature, policy, what);
        if (keys.certificates().isEmpty()) {
            throw SamlRejection.of(ErrorCode.SIGNATURE_INVALID, "No signing certificate is configured for ["
                    + keys.entityId() + "]", "add the IdP's signing certificate or a metadata source");
        }
        List<PublicKey> usable = policy.usableKeys(keys);
        if (shape.exclusiveOnly()) {
            verifyExclusive(signed, signature, shape, usable, keys, what);
        } else {
            verifyWithSantuario(signed, signature, usable, keys, what);
        }
    }

    /**
     * The shape every IdP sends (enveloped-signature then exclusive c14n, exclusive c14n of SignedInfo, a SHA
     * digest the policy allows): Gatehouse canonicalizes the element it will consume itself ({@link ExclusiveCanonicalizer}), compares
     * the digest, and has Santuario's {@link SignatureAlgorithm} check the signature value over the canonical
     * SignedInfo. Nothing is resolved by ID: the digest is taken over {@code signed}, the very element the caller
     * reads.
     */
    private static void verifyExclusive(Element signed, Element signature, Shape shape, List<PublicKey> usable,
            TrustedKeys keys, String what) {
        byte[] expectedDigest = base64(shape.digestValue(), what, "DigestValue");
        byte[] signatureValue = base64(shape.signatureValue(), what, "SignatureValue");
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(shape.digestJcaName());
        } catch (NoSuchAlgorithmException e) {
            throw forbidden(what, "DigestMethod [" + shape.digestMethod() + "] is not available in this JVM");
        }
        byte[] canonicalSignedInfo;
        try {
            shape.referenceCanonicalizer().digest(signed, signature, digest);
            canonicalSignedInfo = shape.signedInfoCanonicalizer().canonicalize(shape.signedInfo(), null);
        } catch (IllegalArgumentException e) {
            throw SamlRejection.of(ErrorCode.SIGNATURE_INVALID, "The " + what + " signature cannot be checked: "
                    + e.getMessage());
        }
        if (!MessageDigest.isEqual(digest.digest(), expectedDigest)) {
            throw SamlRejection.of(ErrorCode.SIGNATURE_INVALID, "The " + what + " signature does not verify: the "
                    + "digest of the signed " + what + " does not match its DigestValue (it was changed after "
                    + "signing)", "if the IdP or a proxy rewrites the message, it must sign it after the change");
        }
        List<String> failures = new ArrayList<>();
        for (PublicKey key : usable) {
            try {
                SignatureAlgorithm algorithm = new SignatureAlgorithm(shape.signatureMethodElement(), null, true);
                algorithm.initVerify(key);
                algorithm.update(canonicalSignedInfo);
                if (algorithm.verify(signatureValue)) {
                    return;
                }
                failures.add(key.getAlgorithm() + " key: signature value does not match");
            } catch (XMLSecurityException | RuntimeException e) {
                failures.add(key.getAlgorithm() + " key: " + e.getMessage());
            }
        }
        throw noKeyVerifies(keys, what, failures);
    }

    /** Any other allowed shape: Santuario's own reference processing, in secure-validation mode. */
    private static void verifyWithSantuario(Element signed, Element signature, List<PublicKey> usable,
            TrustedKeys keys, String what) {
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
        for (PublicKey key : usable) {
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
        throw noKeyVerifies(keys, what, failures);
    }

    private static SamlRejection noKeyVerifies(TrustedKeys keys, String what, List<String> failures) {
        return SamlRejection.of(ErrorCode.SIGNATURE_INVALID, "The " + what + " signature does not verify with any of the ["
                + keys.certificates().size() + "] configured certificate(s) of [" + keys.entityId() + "] ("
                + String.join("; ", failures) + ")",
                "if the IdP rolled its signing key over, add the new certificate or refresh its metadata");
    }

    /** Base64 content of a DigestValue or SignatureValue: XML white space is allowed, nothing else. */
    private static byte[] base64(Element element, String what, String name) {
        if (!elementChildren(element).isEmpty()) {
            throw shape(what, "the " + name + " holds elements; it may only hold base64 text");
        }
        try {
            return Base64Text.decode(element.getTextContent());
        } catch (IllegalArgumentException e) {
            throw shape(what, "the " + name + " is not valid base64");
        }
    }

    /**
     * What {@link #checkShape} found. {@code exclusiveOnly} when the Reference's transforms are exactly
     * enveloped-signature then exclusive c14n, SignedInfo is canonicalized by exclusive c14n and the digest is one
     * {@link ExclusiveCanonicalizer} path knows; the canonicalizers are then those to use.
     */
    private record Shape(Element signedInfo, Element signatureMethodElement, Element signatureValue,
            String digestMethod, Element digestValue, ExclusiveCanonicalizer signedInfoCanonicalizer,
            ExclusiveCanonicalizer referenceCanonicalizer) {

        boolean exclusiveOnly() {
            return signedInfoCanonicalizer != null && referenceCanonicalizer != null && digestJcaName() != null;
        }

        String digestJcaName() {
            return switch (digestMethod) {
                case AlgorithmPolicy.SHA256 -> "SHA-256";
                case AlgorithmPolicy.SHA384 -> "SHA-384";
                case AlgorithmPolicy.SHA512 -> "SHA-512";
                case AlgorithmPolicy.SHA1 -> "SHA-1";
                default -> null;
            };
        }
    }

    private static Shape checkShape(Element signed, Element signature, AlgorithmPolicy policy, String what) {
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
        Set<String> signedInfoPrefixes = inclusiveNamespaces(signedInfo.get(0), what);
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
        List<String> transforms = new ArrayList<>();
        Set<String> referencePrefixes = Set.of();
        if (next < parts.size() && isDsig(parts.get(next), "Transforms")) {
            for (Element t : elementChildren(parts.get(next))) {
                String algorithm = t.getAttributeNS(null, "Algorithm");
                if (!isDsig(t, "Transform") || !policy.transforms().contains(algorithm)) {
                    throw shape(what, "Transform [" + algorithm + "] is not allowed; only enveloped-signature "
                            + "and exclusive c14n are");
                }
                Set<String> prefixes = inclusiveNamespaces(t, what);
                if (!prefixes.isEmpty() && !isExclusive(algorithm)) {
                    throw shape(what, "InclusiveNamespaces is only allowed on an exclusive c14n transform");
                }
                referencePrefixes = prefixes;
                transforms.add(algorithm);
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
        // The usual shape gets Gatehouse's own canonicalizer; anything else allowed goes to Santuario.
        boolean usual = transforms.size() == 2 && transforms.get(0).equals(AlgorithmPolicy.ENVELOPED_SIGNATURE)
                && isExclusive(transforms.get(1)) && isExclusive(c14n);
        return new Shape(children.get(0), signatureMethodElement, children.get(1), digest, parts.get(next + 1),
                usual ? new ExclusiveCanonicalizer(c14n.equals(AlgorithmPolicy.EXC_C14N_WITH_COMMENTS),
                        signedInfoPrefixes) : null,
                // A "#ID" reference drops comments before the transforms (XMLDSig 4.4.3.3), even #WithComments.
                usual ? new ExclusiveCanonicalizer(false, referencePrefixes) : null);
    }

    private static boolean isExclusive(String algorithm) {
        return algorithm.equals(AlgorithmPolicy.EXC_C14N) || algorithm.equals(AlgorithmPolicy.EXC_C14N_WITH_COMMENTS);
    }

    /**
     * The PrefixList of a CanonicalizationMethod's or Transform's InclusiveNamespaces: at most one such child, in the
     * exclusive c14n namespace (Santuario would silently ignore one in another namespace), and nothing else.
     */
    private static Set<String> inclusiveNamespaces(Element method, String what) {
        List<Element> parameters = elementChildren(method);
        if (parameters.isEmpty()) {
            return Set.of();
        }
        Element only = parameters.get(0);
        if (parameters.size() > 1 || !AlgorithmPolicy.EXC_C14N.equals(only.getNamespaceURI())
                || !"InclusiveNamespaces".equals(only.getLocalName())) {
            throw shape(what, "[" + method.getLocalName() + "] may only hold one InclusiveNamespaces element of "
                    + "exclusive c14n");
        }
        return ExclusiveCanonicalizer.prefixList(only.getAttributeNS(null, "PrefixList"));
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
