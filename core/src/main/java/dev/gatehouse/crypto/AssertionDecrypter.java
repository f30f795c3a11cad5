package dev.gatehouse.crypto;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.SecureXml;
import java.security.Key;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import net.shibboleth.utilities.java.support.xml.ParserPool;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.EncryptedAttribute;
import org.opensaml.saml.saml2.core.EncryptedElementType;
import org.opensaml.saml.saml2.core.EncryptedID;
import org.opensaml.saml.saml2.encryption.Decrypter;
import org.opensaml.saml.saml2.encryption.EncryptedElementTypeEncryptedKeyResolver;
import org.opensaml.security.credential.Credential;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.EncryptedData;
import org.opensaml.xmlsec.encryption.EncryptedKey;
import org.opensaml.xmlsec.encryption.support.ChainingEncryptedKeyResolver;
import org.opensaml.xmlsec.encryption.support.DecryptionException;
import org.opensaml.xmlsec.encryption.support.EncryptedKeyResolver;
import org.opensaml.xmlsec.encryption.support.InlineEncryptedKeyResolver;
import org.opensaml.xmlsec.keyinfo.impl.StaticKeyInfoCredentialResolver;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentFragment;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Decrypts EncryptedAssertion, EncryptedID and EncryptedAttribute (saml-core-2.0-os 6) with the SP's encryption
 * keys, trying each (key rollover). The algorithms are checked against {@link EncryptionAlgorithms} on the DOM
 * before anything is decrypted; every decryption failure, whatever its cause (wrong key, bad padding, damaged or
 * unparseable plaintext), becomes the same {@link ErrorCode#DECRYPTION_FAILED}, so the answer cannot serve as a
 * padding oracle. The decrypted XML is parsed like a message ({@link SecureParserPool}: no DTDs, the depth and size
 * limits) and handed back as DOM. Thread-safe.
 */
public final class AssertionDecrypter {

    private static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
    private static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";
    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

    private static final List<String> MGF1 = List.of(XENC11 + "mgf1sha1", XENC11 + "mgf1sha224",
            XENC11 + "mgf1sha256", XENC11 + "mgf1sha384", XENC11 + "mgf1sha512");

    private final Decrypter decrypter;
    private final EncryptedKeyResolver encryptedKeys;
    private final List<PrivateKey> keyEncryptionKeys;
    private final SecureXml xml;
    private final EncryptionAlgorithms algorithms;
    private final int maxEncryptedKeys;

    /**
     * @param keys the SP's encryption keys, all tried
     * @param algorithms the allowed algorithms
     * @param maxDepth the deepest element nesting accepted in decrypted content ({@code maxXmlDepth})
     * @param maxBytes the largest decrypted content accepted ({@code maxMessageSize})
     */
    public AssertionDecrypter(List<SpKey> keys, EncryptionAlgorithms algorithms, int maxDepth, int maxBytes) {
        this.algorithms = algorithms;
        this.maxEncryptedKeys = Math.max(2, keys.size());
        List<Credential> credentials = new ArrayList<>();
        List<PrivateKey> privateKeys = new ArrayList<>();
        for (SpKey key : keys) {
            credentials.add(new BasicX509Credential(key.certificate(), key.privateKey()));
            privateKeys.add(key.privateKey());
        }
        this.keyEncryptionKeys = List.copyOf(privateKeys);
        List<String> allowed = new ArrayList<>();
        allowed.addAll(algorithms.keyTransport());
        allowed.addAll(algorithms.content());
        // OpenSAML checks the OAEP DigestMethod and MGF against the same list; checkAlgorithms narrows them first
        allowed.addAll(algorithms.digests());
        allowed.addAll(MGF1);
        this.xml = SecureXml.forMessages(maxDepth);
        ParserPool parser = new SecureParserPool(xml, maxBytes);
        // buildParserPool() is called by the Decrypter's constructor: the anonymous class's captured variable is
        // set before that call, an instance field of a named subclass would not be
        this.encryptedKeys = new ChainingEncryptedKeyResolver(List.of(new InlineEncryptedKeyResolver(),
                new EncryptedElementTypeEncryptedKeyResolver()));
        this.decrypter = new Decrypter(null, new StaticKeyInfoCredentialResolver(credentials), encryptedKeys,
                allowed, null) {
            @Override
            protected ParserPool buildParserPool() {
                return parser;
            }
        };
    }

    /** The decrypted Assertion element, root of a new document. */
    public Element decrypt(EncryptedAssertion encrypted) {
        return open(encrypted, "EncryptedAssertion", "Assertion");
    }

    /** The decrypted NameID element, root of a new document (an EncryptedID holding a BaseID or NewID is refused). */
    public Element decrypt(EncryptedID encrypted) {
        return open(encrypted, "EncryptedID", "NameID");
    }

    /** The decrypted Attribute element, root of a new document. */
    public Element decrypt(EncryptedAttribute encrypted) {
        return open(encrypted, "EncryptedAttribute", "Attribute");
    }

    /**
     * Opens an encrypted element to its plaintext DOM. The plaintext is not unmarshalled into OpenSAML objects:
     * Gatehouse reads the DOM itself ({@code dev.gatehouse.sso.view}), and the unmarshalling was a fifth of an
     * encrypted login's time (BENCHMARKS.md).
     */
    private Element open(EncryptedElementType encrypted, String what, String expected) {
        checkAlgorithms(encrypted);
        try {
            if (encrypted.getEncryptedData() == null) {
                throw new DecryptionException("no EncryptedData");
            }
            DocumentFragment plaintext = decryptWithEachKey(encrypted.getEncryptedData());
            Node first = plaintext.getFirstChild();
            if (!(first instanceof Element element) || first.getNextSibling() != null) {
                throw new DecryptionException("the plaintext is not one element");
            }
            if (!SAML.equals(element.getNamespaceURI()) || !expected.equals(element.getLocalName())) {
                throw new DecryptionException("the " + what + " holds a [" + element.getLocalName() + "], not a ["
                        + expected + "]");
            }
            // The root of its own document, as the decrypter's parser made it: nothing of the message around it is
            // reachable from it (no inherited namespaces, no document-wide lookup finding the envelope).
            Document own = xml.newDocument();
            own.appendChild(own.adoptNode(element));
            return element;
        } catch (DecryptionException | RuntimeException e) {
            throw failed(what, e);
        } catch (StackOverflowError e) {
            // belt and braces: the parser's depth limit should make this impossible
            throw failed(what, new IllegalStateException("stack overflow while opening the plaintext"));
        }
    }

    /**
     * The plaintext: each EncryptedKey OpenSAML's resolvers find for the EncryptedData (inline, or a sibling
     * addressed to it) is opened with each SP key in turn, and the first content key that decrypts the data wins. Like
     * {@code Decrypter.decryptDataToDOM(EncryptedData)}, except that every SP key that unwraps an EncryptedKey is
     * tried on the data, where OpenSAML tries only the first (with RSA 1.5 a wrong key can "unwrap" to garbage). Done here with the explicit-key {@code decryptKey}
     * because OpenSAML's own loop resolves the SP credentials through criteria whose key-length lookup logs an INFO
     * line on every RSA-OAEP login ("Mapping from algorithm URI ... to key length not available") and costs about a
     * tenth of an encrypted login (BENCHMARKS.md).
     */
    private DocumentFragment decryptWithEachKey(EncryptedData data) throws DecryptionException {
        String algorithm = data.getEncryptionMethod() == null ? null : data.getEncryptionMethod().getAlgorithm();
        if (algorithm == null) {
            throw new DecryptionException("no EncryptionMethod");
        }
        DecryptionException last = new DecryptionException("no EncryptedKey opens with an SP key");
        for (EncryptedKey encryptedKey : encryptedKeys.resolve(data)) {
            for (PrivateKey kek : keyEncryptionKeys) {
                Key contentKey;
                try {
                    contentKey = decrypter.decryptKey(encryptedKey, algorithm, kek);
                } catch (DecryptionException wrongKeyOrDamaged) {
                    last = wrongKeyOrDamaged;
                    continue;
                }
                try {
                    return decrypter.decryptDataToDOM(data, contentKey);
                } catch (DecryptionException damaged) {
                    last = damaged;
                }
            }
        }
        throw last;
    }

    /**
     * The content-encryption algorithm of an encrypted element, as declared (for the CBC rule and the allow-list),
     * read from the very EncryptedData the decrypter will open. An element with several EncryptedData, or several
     * EncryptionMethods in it, is refused before any key is used: OpenSAML's unmarshaller keeps the last
     * EncryptedData, so a reader of the first would judge one ciphertext (say AES-GCM) while another (AES-CBC) is
     * decrypted, and the CBC rule that makes every failure look the same would not apply to it (a padding oracle).
     *
     * @throws SamlRejection {@link ErrorCode#SAML_MESSAGE_MALFORMED} for an ambiguous encrypted element
     */
    public static String contentAlgorithm(EncryptedElementType encrypted) {
        String what = encrypted.getElementQName().getLocalPart();
        List<Element> data = children(encrypted.getDOM(), XENC, "EncryptedData");
        if (data.size() != 1 || encrypted.getEncryptedData() == null
                || encrypted.getEncryptedData().getDOM() != data.get(0)) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The " + what + " holds [" + data.size()
                    + "] EncryptedData elements; exactly one is allowed");
        }
        List<Element> methods = children(data.get(0), XENC, "EncryptionMethod");
        if (methods.size() > 1) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The " + what + "'s EncryptedData holds ["
                    + methods.size() + "] EncryptionMethod elements; at most one is allowed");
        }
        return methods.isEmpty() ? null : methods.get(0).getAttributeNS(null, "Algorithm");
    }

    /**
     * Checks the declared algorithms against the allow-list before any RSA or AES work, and the shape that bounds
     * that work: at most {@code maxEncryptedKeys} EncryptedKeys (each one costs an RSA decryption per SP key), and
     * CipherValue only (no CipherReference to fetch).
     */
    private void checkAlgorithms(EncryptedElementType encrypted) {
        Element root = encrypted.getDOM();
        String content = contentAlgorithm(encrypted);
        if (content == null || !algorithms.content().contains(content)) {
            throw forbidden("content encryption [" + content + "]");
        }
        if (!descendants(root, XENC, "CipherReference").isEmpty()) {
            throw failed(root.getLocalName(), new IllegalStateException("a CipherReference instead of a CipherValue"));
        }
        List<Element> encryptedKeys = descendants(root, XENC, "EncryptedKey");
        if (encryptedKeys.size() > maxEncryptedKeys) {
            throw failed(root.getLocalName(), new IllegalStateException("[" + encryptedKeys.size()
                    + "] EncryptedKey elements"));
        }
        for (Element key : encryptedKeys) {
            Element method = child(key, XENC, "EncryptionMethod");
            String transport = method == null ? null : method.getAttributeNS(null, "Algorithm");
            if (transport == null || !algorithms.keyTransport().contains(transport)) {
                throw forbidden("key transport [" + transport + "]"
                        + (EncryptionAlgorithms.RSA_1_5.equals(transport) ? "; RSA 1.5 needs allowRsa15KeyTransport"
                                : ""));
            }
            Element digest = child(method, DSIG, "DigestMethod");
            if (digest != null && !algorithms.digests().contains(digest.getAttributeNS(null, "Algorithm"))) {
                throw forbidden("OAEP digest [" + digest.getAttributeNS(null, "Algorithm") + "]");
            }
            Element mgf = child(method, XENC11, "MGF");
            if (mgf != null && !MGF1.contains(mgf.getAttributeNS(null, "Algorithm"))) {
                throw forbidden("OAEP mask generation [" + mgf.getAttributeNS(null, "Algorithm") + "]");
            }
        }
    }

    private static SamlRejection failed(String what, Exception cause) {
        return new SamlRejection(List.of(new dev.gatehouse.error.Problem(ErrorCode.DECRYPTION_FAILED, "The " + what
                + " could not be decrypted with any of the SP's encryption keys (or its content is damaged)",
                "check that the IdP encrypts to a certificate from this SP's metadata")), cause);
    }

    private static SamlRejection forbidden(String what) {
        return SamlRejection.of(ErrorCode.ENCRYPTION_ALGORITHM_FORBIDDEN, "The IdP encrypted with " + what
                + ", which is not allowed", "configure the IdP to encrypt with AES-GCM and RSA-OAEP");
    }

    /** The one child of this name, or null; several are refused (OpenSAML would use the last, a check the first). */
    private static Element child(Element parent, String ns, String name) {
        List<Element> found = parent == null ? List.of() : children(parent, ns, name);
        if (found.size() > 1) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The " + parent.getLocalName() + " holds ["
                    + found.size() + "] " + name + " elements; at most one is allowed");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String ns, String name) {
        List<Element> found = new ArrayList<>(1);
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element root, String ns, String name) {
        List<Element> found = new ArrayList<>();
        org.w3c.dom.NodeList list = root.getElementsByTagNameNS(ns, name);
        for (int i = 0; i < list.getLength(); i++) {
            found.add((Element) list.item(i));
        }
        return found;
    }
}
