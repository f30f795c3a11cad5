package dev.gatehouse.testkit;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.EncryptedAttribute;
import org.opensaml.saml.saml2.core.EncryptedID;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.encryption.Encrypter;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.support.DataEncryptionParameters;
import org.opensaml.xmlsec.encryption.support.EncryptionException;
import org.opensaml.xmlsec.encryption.support.KeyEncryptionParameters;
import org.opensaml.xmlsec.encryption.support.RSAOAEPParameters;
import org.opensaml.xmlsec.keyinfo.impl.X509KeyInfoGeneratorFactory;

/**
 * How the test IdP encrypts: to which SP certificate, with which algorithms, and which parts (assertion, NameID,
 * attributes). Real XML Encryption by OpenSAML's {@link Encrypter}: a fresh content key per element, wrapped for the
 * SP's certificate in an inline EncryptedKey with the certificate in its KeyInfo, as Okta, Entra ID and ADFS send it.
 * Immutable; the {@code with...} methods return changed copies.
 *
 * @param recipient the SP certificate to encrypt to
 * @param content the content-encryption algorithm URI
 * @param keyTransport the key-transport algorithm URI
 * @param oaepDigest the OAEP DigestMethod URI, or null for none (the algorithm's default, SHA-1)
 * @param mgf the xmlenc11 MGF URI, or null for none (MGF1 with SHA-1)
 * @param assertion encrypt the assertion
 * @param nameId encrypt the Subject's NameID (an EncryptedID)
 * @param attributes encrypt every attribute (EncryptedAttribute)
 */
public record Encryption(X509Certificate recipient, String content, String keyTransport, String oaepDigest, String mgf,
        boolean assertion, boolean nameId, boolean attributes) {

    public static final String AES128_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
    public static final String AES192_GCM = "http://www.w3.org/2009/xmlenc11#aes192-gcm";
    public static final String AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
    public static final String AES128_CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
    public static final String AES192_CBC = "http://www.w3.org/2001/04/xmlenc#aes192-cbc";
    public static final String AES256_CBC = "http://www.w3.org/2001/04/xmlenc#aes256-cbc";
    public static final String TRIPLEDES_CBC = "http://www.w3.org/2001/04/xmlenc#tripledes-cbc";
    public static final String RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
    public static final String RSA_OAEP_11 = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    public static final String RSA_1_5 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
    public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public static final String MGF1_SHA1 = "http://www.w3.org/2009/xmlenc11#mgf1sha1";
    public static final String MGF1_SHA256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256";

    /** Every content-encryption algorithm Gatehouse allows. */
    public static final List<String> ALLOWED_CONTENT = List.of(AES128_GCM, AES192_GCM, AES256_GCM, AES128_CBC,
            AES192_CBC, AES256_CBC);

    public Encryption {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(keyTransport, "keyTransport");
    }

    /** The assertion encrypted to {@code recipient} with AES-256-GCM and RSA-OAEP (SHA-1 digest, MGF1-SHA1). */
    public static Encryption assertionTo(X509Certificate recipient) {
        return new Encryption(recipient, AES256_GCM, RSA_OAEP_MGF1P, null, null, true, false, false);
    }

    /** These settings with other algorithms. */
    public Encryption withAlgorithms(String contentAlgorithm, String keyTransportAlgorithm, String digest,
            String maskGeneration) {
        return new Encryption(recipient, contentAlgorithm, keyTransportAlgorithm, digest, maskGeneration, assertion,
                nameId, attributes);
    }

    /** These settings with the parts to encrypt. */
    public Encryption withParts(boolean encryptAssertion, boolean encryptNameId, boolean encryptAttributes) {
        return new Encryption(recipient, content, keyTransport, oaepDigest, mgf, encryptAssertion, encryptNameId,
                encryptAttributes);
    }

    /** These settings encrypting to another certificate. */
    public Encryption withRecipient(X509Certificate certificate) {
        return new Encryption(certificate, content, keyTransport, oaepDigest, mgf, assertion, nameId, attributes);
    }

    EncryptedAssertion encrypt(Assertion signedAssertion) {
        return with(e -> e.encrypt(signedAssertion));
    }

    EncryptedID encrypt(NameID nameIdentifier) {
        return with(e -> e.encrypt(nameIdentifier));
    }

    EncryptedAttribute encrypt(Attribute attribute) {
        return with(e -> e.encrypt(attribute));
    }

    private interface EncryptionStep<T> {
        T apply(Encrypter encrypter) throws EncryptionException;
    }

    private <T> T with(EncryptionStep<T> step) {
        try {
            return step.apply(encrypter());
        } catch (EncryptionException e) {
            throw new IllegalStateException("encryption failed: " + e.getMessage(), e);
        }
    }

    private Encrypter encrypter() {
        DataEncryptionParameters data = new DataEncryptionParameters();
        data.setAlgorithm(content);
        KeyEncryptionParameters key = new KeyEncryptionParameters();
        key.setEncryptionCredential(new BasicX509Credential(recipient));
        key.setAlgorithm(keyTransport);
        if (oaepDigest != null || mgf != null) {
            key.setRSAOAEPParameters(new RSAOAEPParameters(oaepDigest, mgf, null));
        }
        X509KeyInfoGeneratorFactory keyInfo = new X509KeyInfoGeneratorFactory();
        keyInfo.setEmitEntityCertificate(true);
        key.setKeyInfoGenerator(keyInfo.newInstance());
        Encrypter encrypter = new Encrypter(data, key);
        encrypter.setKeyPlacement(Encrypter.KeyPlacement.INLINE);
        return encrypter;
    }
}
