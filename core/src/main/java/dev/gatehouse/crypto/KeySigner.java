package dev.gatehouse.crypto;

import dev.gatehouse.internal.XmlObjects;
import java.security.GeneralSecurityException;
import java.security.Signature;
import org.opensaml.saml.common.SAMLObjectContentReference;
import org.opensaml.saml.common.SignableSAMLObject;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.keyinfo.impl.X509KeyInfoGeneratorFactory;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.Signer;
import org.w3c.dom.Element;

/**
 * Signs with one SP key: RSA-SHA256 for RSA keys, ECDSA-SHA256 for EC keys (r || s as XML Signature defines it, also
 * in the Redirect binding), SHA-256 digests, exclusive canonicalization, the certificate in KeyInfo. Thread-safe.
 */
public final class KeySigner implements OutboundSigner {

    private final SpKey key;
    private final String sigAlg;
    private final String jca;

    public KeySigner(SpKey key) {
        this.key = key;
        boolean ec = key.privateKey() instanceof java.security.interfaces.ECKey;
        this.sigAlg = ec ? AlgorithmPolicy.ECDSA_SHA256 : AlgorithmPolicy.RSA_SHA256;
        this.jca = ec ? "SHA256withECDSAinP1363Format" : "SHA256withRSA";
    }

    @Override
    public String sigAlg() {
        return sigAlg;
    }

    @Override
    public byte[] signQuery(byte[] octets) {
        try {
            Signature signature = Signature.getInstance(jca);
            signature.initSign(key.privateKey());
            signature.update(octets);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SP key [" + key.name() + "] cannot sign: " + e.getMessage(), e);
        }
    }

    @Override
    public String marshal(SignableSAMLObject message) {
        return XmlObjects.toXml(signEnveloped(message));
    }

    /** Attaches an enveloped signature to the message and returns its signed DOM. */
    public Element signEnveloped(SignableSAMLObject message) {
        org.opensaml.xmlsec.signature.Signature signature = XmlObjects.build(
                org.opensaml.xmlsec.signature.Signature.DEFAULT_ELEMENT_NAME);
        BasicX509Credential credential = new BasicX509Credential(key.certificate(), key.privateKey());
        signature.setSigningCredential(credential);
        signature.setSignatureAlgorithm(sigAlg);
        signature.setCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        X509KeyInfoGeneratorFactory keyInfo = new X509KeyInfoGeneratorFactory();
        keyInfo.setEmitEntityCertificate(true);
        try {
            signature.setKeyInfo(keyInfo.newInstance().generate(credential));
        } catch (org.opensaml.security.SecurityException e) {
            throw new IllegalStateException(e);
        }
        message.setSignature(signature);
        signature.getContentReferences().forEach(reference -> {
            if (reference instanceof SAMLObjectContentReference r) {
                r.setDigestAlgorithm(SignatureConstants.ALGO_ID_DIGEST_SHA256);
            }
        });
        Element element = XmlObjects.marshall(message);
        try {
            Signer.signObject(signature);
        } catch (SignatureException e) {
            throw new IllegalStateException("SP key [" + key.name() + "] cannot sign: " + e.getMessage(), e);
        }
        return element;
    }
}
