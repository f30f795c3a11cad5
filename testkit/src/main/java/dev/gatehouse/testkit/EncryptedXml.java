package dev.gatehouse.testkit;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Hand-made XML Encryption of arbitrary bytes, for hostile cases an honest encrypter cannot produce: a DOCTYPE or a
 * non-assertion inside an EncryptedAssertion, or random ciphertext. The content key is wrapped with RSA-OAEP (SHA-1,
 * MGF1-SHA1) for {@code recipient}; the content is encrypted with AES-128-GCM or AES-128-CBC as XML Encryption lays
 * them out (IV first; the GCM tag at the end). The result is an {@code saml:EncryptedAssertion} element as text.
 */
public final class EncryptedXml {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EncryptedXml() {
    }

    /** {@code plaintext} encrypted for {@code recipient}; {@code gcm} chooses AES-128-GCM over AES-128-CBC. */
    public static String encryptedAssertion(X509Certificate recipient, String plaintext, boolean gcm) {
        return encrypted("EncryptedAssertion", recipient, plaintext, gcm);
    }

    /**
     * {@code plaintext} encrypted for {@code recipient} in a {@code saml:} element of the given name
     * (EncryptedAssertion, EncryptedID, EncryptedAttribute), with AES-128-GCM or AES-128-CBC.
     */
    public static String encrypted(String element, X509Certificate recipient, String plaintext, boolean gcm) {
        return encrypted(element, recipient, plaintext.getBytes(StandardCharsets.UTF_8), gcm, false);
    }

    /** Random bytes in place of the ciphertext (valid key, meaningless content): what a padding-oracle probe sends. */
    public static String garbage(X509Certificate recipient, boolean gcm) {
        byte[] random = new byte[96];
        RANDOM.nextBytes(random);
        return encrypted("EncryptedAssertion", recipient, random, gcm, true);
    }

    /** An after-signing edit that puts {@code encryptedAssertionXml} in place of the response's EncryptedAssertion. */
    public static Consumer<Document> replacingEncryptedAssertion(String encryptedAssertionXml) {
        return replacingFirst("EncryptedAssertion", encryptedAssertionXml);
    }

    /** An edit that puts {@code xml} in place of the document's first {@code saml:} element named {@code localName}. */
    public static Consumer<Document> replacingFirst(String localName, String xml) {
        return d -> {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                Element replacement = f.newDocumentBuilder().parse(new ByteArrayInputStream(
                        xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
                Element old = (Element) d.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion",
                        localName).item(0);
                old.getParentNode().replaceChild(d.importNode(replacement, true), old);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static String encrypted(String element, X509Certificate recipient, byte[] content, boolean gcm,
            boolean raw) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(128, RANDOM);
            SecretKey key = generator.generateKey();
            byte[] iv = new byte[gcm ? 12 : 16];
            RANDOM.nextBytes(iv);
            byte[] cipherText;
            if (raw) {
                cipherText = content;
            } else {
                Cipher cipher = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "AES/CBC/PKCS5Padding");
                cipher.init(Cipher.ENCRYPT_MODE, key, gcm ? new GCMParameterSpec(128, iv) : new IvParameterSpec(iv));
                cipherText = cipher.doFinal(content);
            }
            byte[] value = new byte[iv.length + cipherText.length];
            System.arraycopy(iv, 0, value, 0, iv.length);
            System.arraycopy(cipherText, 0, value, iv.length, cipherText.length);
            Cipher wrap = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            wrap.init(Cipher.ENCRYPT_MODE, recipient.getPublicKey());
            byte[] wrapped = wrap.doFinal(key.getEncoded());
            Base64.Encoder b64 = Base64.getEncoder();
            return "<saml:" + element + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">"
                    + "<xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\" "
                    + "Type=\"http://www.w3.org/2001/04/xmlenc#Element\">"
                    + "<xenc:EncryptionMethod Algorithm=\"" + (gcm ? Encryption.AES128_GCM : Encryption.AES128_CBC)
                    + "\"/><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><xenc:EncryptedKey>"
                    + "<xenc:EncryptionMethod Algorithm=\"" + Encryption.RSA_OAEP_MGF1P + "\">"
                    + "<ds:DigestMethod Algorithm=\"" + Encryption.SHA1 + "\"/></xenc:EncryptionMethod>"
                    + "<xenc:CipherData><xenc:CipherValue>" + b64.encodeToString(wrapped) + "</xenc:CipherValue>"
                    + "</xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo><xenc:CipherData><xenc:CipherValue>"
                    + b64.encodeToString(value) + "</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>"
                    + "</saml:" + element + ">";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
