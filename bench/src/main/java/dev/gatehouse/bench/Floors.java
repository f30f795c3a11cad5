package dev.gatehouse.bench;

import dev.gatehouse.internal.OpenSamlBootstrap;
import dev.gatehouse.testkit.TestCredential;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The two floors no SAML validator can go below, on the same bytes: the cryptography (one SHA256withRSA verification
 * of the canonical SignedInfo plus a SHA-256 digest of the whole message, which is at least what the signed
 * assertion's digest covers; for an encrypted assertion also the RSA-OAEP key unwrap and the AES-GCM decryption) and
 * a secure DOM parse. Both start from the base64 parameter, like every path.
 */
public final class Floors {

    private Floors() {
    }

    /** The signature verification and digest, nothing else. */
    public static final class Crypto implements ValidationPath {
        private final PublicKey key = TestCredential.idpSigning().certificate().getPublicKey();
        private final byte[] signedInfo;
        private final byte[] signatureValue;
        private final PrivateKey spKey = TestCredential.spCurrent().privateKey();
        private final byte[] wrappedKey;
        private final byte[] cipherText;

        /** Extracts the canonical SignedInfo and the signature value of the assertion's signature of a sample. */
        public Crypto(String sample) {
            OpenSamlBootstrap.ensureInitialized();
            try {
                Document document = parser().parse(new ByteArrayInputStream(Samples.decode(sample)));
                NodeList cipherValues = document.getElementsByTagNameNS(XMLENC, "CipherValue");
                if (cipherValues.getLength() == 2) {
                    this.wrappedKey = Base64.getMimeDecoder().decode(cipherValues.item(0).getTextContent());
                    this.cipherText = Base64.getMimeDecoder().decode(cipherValues.item(1).getTextContent());
                    document = parser().parse(new ByteArrayInputStream(decrypt()));
                } else {
                    this.wrappedKey = null;
                    this.cipherText = null;
                }
                NodeList signatures = document.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#",
                        "Signature");
                Element signature = (Element) signatures.item(signatures.getLength() - 1);
                XMLSignature xml = new XMLSignature(signature, null, true);
                this.signedInfo = xml.getSignedInfo().getCanonicalizedOctetStream();
                this.signatureValue = xml.getSignatureValue();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String validate(String base64) throws GeneralSecurityException {
            byte[] message = Base64.getMimeDecoder().decode(base64);
            MessageDigest.getInstance("SHA-256").digest(message);
            if (cipherText != null) {
                decrypt();
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signedInfo);
            if (!verifier.verify(signatureValue)) {
                throw new IllegalArgumentException("signature");
            }
            return "ada.lovelace@example.com";
        }

        /** RSA-OAEP (SHA-1, MGF1-SHA1) key unwrap and AES-256-GCM decryption, as the ENCRYPTED variant uses. */
        private byte[] decrypt() throws GeneralSecurityException {
            Cipher unwrap = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            unwrap.init(Cipher.UNWRAP_MODE, spKey);
            Key aes = unwrap.unwrap(wrappedKey, "AES", Cipher.SECRET_KEY);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, cipherText, 0, 12));
            return gcm.doFinal(cipherText, 12, cipherText.length - 12);
        }

        /** The floor has no notion of tampering; it proves only that its signature really verifies. */
        @Override
        public void prove(String valid, List<String> tampered, String expectedUser) {
            try {
                validate(valid);
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(key);
                byte[] altered = signedInfo.clone();
                altered[altered.length / 2] ^= 1;
                verifier.update(altered);
                if (verifier.verify(signatureValue)) {
                    throw new IllegalStateException("the floor's signature check accepts altered bytes");
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A secure (namespace-aware, no DOCTYPE, no external entities) DOM parse, nothing else. */
    public static final class Parse implements ValidationPath {
        private final DocumentBuilder builder = parser();

        /** Parses the message; returns its NameID, or for an encrypted assertion (whose NameID it cannot see) the user. */
        @Override
        public String validate(String base64) throws Exception {
            Document document = builder.parse(new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
            NodeList names = document.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID");
            return names.getLength() == 0 ? Paths.USER : names.item(0).getTextContent();
        }

        /** The floor parses anything well-formed; it proves only that it parses the sample into the right user. */
        @Override
        public void prove(String valid, List<String> tampered, String expectedUser) {
            try {
                if (!expectedUser.equals(validate(valid))) {
                    throw new IllegalStateException("the parse floor reads the wrong user");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final String XMLENC = "http://www.w3.org/2001/04/xmlenc#";

    static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
