package dev.gatehouse.crypto;

import dev.gatehouse.binding.RedirectMessage;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;

/**
 * Verifies the detached signature of an HTTP-Redirect message (saml-bindings-2.0-os 3.4.4.1) over the octets as
 * received, against configured keys only, with the same algorithm allow-list as XML signatures. An ECDSA signature
 * is accepted in the XML Signature form (r || s) and in the DER form that OpenSAML-based IdPs (Shibboleth) send.
 * Stateless, thread-safe.
 */
public final class QuerySignatureVerifier {

    private static final Map<String, String> JCA = Map.of(
            AlgorithmPolicy.RSA_SHA256, "SHA256withRSA",
            AlgorithmPolicy.RSA_SHA384, "SHA384withRSA",
            AlgorithmPolicy.RSA_SHA512, "SHA512withRSA",
            AlgorithmPolicy.RSA_SHA1, "SHA1withRSA",
            AlgorithmPolicy.ECDSA_SHA256, "SHA256withECDSAinP1363Format",
            AlgorithmPolicy.ECDSA_SHA384, "SHA384withECDSAinP1363Format",
            AlgorithmPolicy.ECDSA_SHA512, "SHA512withECDSAinP1363Format",
            AlgorithmPolicy.ECDSA_SHA1, "SHA1withECDSAinP1363Format");

    private static boolean verifies(String jca, PublicKey key, RedirectMessage message) {
        try {
            Signature verifier = Signature.getInstance(jca);
            verifier.initVerify(key);
            verifier.update(message.signedOctets());
            return verifier.verify(message.signature());
        } catch (GeneralSecurityException | RuntimeException wrongKeyTypeOrFormat) {
            // an RSA SigAlg with an EC key (or the reverse), or the other ECDSA encoding: not this combination
            return false;
        }
    }

    /**
     * @throws SamlRejection {@link ErrorCode#SIGNATURE_MISSING}, {@link ErrorCode#SIGNATURE_ALGORITHM_FORBIDDEN} or
     *     {@link ErrorCode#SIGNATURE_INVALID}
     */
    public void verify(RedirectMessage message, TrustedKeys keys, AlgorithmPolicy policy) {
        if (message.sigAlg() == null || message.signature() == null) {
            throw SamlRejection.of(ErrorCode.SIGNATURE_MISSING, "The Redirect-binding message has no "
                    + (message.sigAlg() == null ? "SigAlg" : "Signature") + " parameter");
        }
        String jca = JCA.get(message.sigAlg());
        if (jca == null || !policy.signatureMethods().contains(message.sigAlg())) {
            throw SamlRejection.of(ErrorCode.SIGNATURE_ALGORITHM_FORBIDDEN, "SigAlg [" + message.sigAlg() + "] is not "
                    + "allowed" + (message.sigAlg().contains("sha1") ? "; SHA-1 needs allowSha1=true" : ""),
                    "configure the IdP to sign with RSA-SHA256");
        }
        for (PublicKey key : policy.usableKeys(keys)) {
            if (verifies(jca, key, message) || (jca.endsWith("inP1363Format")
                    && verifies(jca.substring(0, jca.length() - "inP1363Format".length()), key, message))) {
                return;
            }
        }
        throw SamlRejection.of(ErrorCode.SIGNATURE_INVALID, "The Redirect-binding signature does not verify with any "
                + "of the [" + keys.certificates().size() + "] configured certificate(s) of [" + keys.entityId() + "]",
                "if the IdP rolled its signing key over, add the new certificate or refresh its metadata");
    }
}
