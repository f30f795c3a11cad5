package dev.gatehouse.testkit;

import org.opensaml.saml.common.SAMLObjectContentReference;
import org.opensaml.saml.common.SignableSAMLObject;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.keyinfo.impl.X509KeyInfoGeneratorFactory;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.Signer;
import org.w3c.dom.Element;

/** Enveloped XML signatures for test messages, with the signing certificate in KeyInfo as IdPs send it. */
final class Signing {

    private Signing() {
    }

    /** A Signature object ready to attach to a SAML object and sign after marshalling. */
    static Signature signature(BasicX509Credential key, String algorithm) {
        Signature signature = OpenSaml.build(Signature.DEFAULT_ELEMENT_NAME);
        signature.setSigningCredential(key);
        signature.setSignatureAlgorithm(key.getPublicKey().getAlgorithm().equals("EC")
                && algorithm.equals(SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256)
                ? SignatureConstants.ALGO_ID_SIGNATURE_ECDSA_SHA256 : algorithm);
        signature.setCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        X509KeyInfoGeneratorFactory keyInfo = new X509KeyInfoGeneratorFactory();
        keyInfo.setEmitEntityCertificate(true);
        try {
            signature.setKeyInfo(keyInfo.newInstance().generate(key));
        } catch (org.opensaml.security.SecurityException e) {
            throw new IllegalStateException(e);
        }
        return signature;
    }

    /** Sets every content reference's digest algorithm. */
    static void digest(Signature signature, String digestAlgorithm) {
        signature.getContentReferences().forEach(reference -> {
            if (reference instanceof SAMLObjectContentReference r) {
                r.setDigestAlgorithm(digestAlgorithm);
            }
        });
    }

    /** Marshalls and signs a message with an enveloped signature (RSA-SHA256 or RSA-SHA1 with matching digest). */
    static Element signEnveloped(SignableSAMLObject object, TestCredential key, String sigAlg) {
        Signature signature = signature(key.toOpenSaml(), sigAlg);
        object.setSignature(signature);
        digest(signature, sigAlg.equals(RedirectSigning.RSA_SHA1) ? SignatureConstants.ALGO_ID_DIGEST_SHA1
                : SignatureConstants.ALGO_ID_DIGEST_SHA256);
        Element element = OpenSaml.marshall(object);
        try {
            Signer.signObject(signature);
        } catch (SignatureException e) {
            throw new IllegalStateException(e);
        }
        return element;
    }
}
