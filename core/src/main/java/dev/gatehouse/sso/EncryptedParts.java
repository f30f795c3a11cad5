package dev.gatehouse.sso;

import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.crypto.AssertionDecrypter;
import dev.gatehouse.crypto.EncryptionAlgorithms;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.XmlObjects;
import dev.gatehouse.sso.view.SamlDom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.EncryptedAttribute;
import org.opensaml.saml.saml2.core.EncryptedID;
import org.w3c.dom.Element;

/**
 * The encrypted parts of one provider's message, opened with that provider's SP encryption keys
 * ({@link AssertionDecrypter}, which tries every key and allows only {@link EncryptionAlgorithms}; RSA 1.5 key
 * transport only with {@code allowRsa15KeyTransport}). Each decrypted part is held to the rules of a plain one: a
 * decrypted NameID or Attribute passes {@link MessageHygiene} (no comments, processing instructions, XInclude,
 * assertions or signatures inside, attribute limits). Without an encryption key, every encrypted part is refused with
 * {@link ErrorCode#ENCRYPTED_ASSERTION_UNSUPPORTED}, which names what to configure.
 *
 * <p>Only the EncryptedAssertion is decrypted before a signature is checked; EncryptedID and EncryptedAttribute are
 * opened after the signature of the assertion (or request) holding them verified, so their ciphertext is
 * authenticated.
 */
public final class EncryptedParts {

    /**
     * One {@link EncryptedParts} per provider configuration, built on first use: the decrypter and its credentials
     * are made once, not per message. Thread-safe.
     */
    public static final class Cache {
        private final MessageLimits limits;
        private final Map<String, EncryptedParts> byProvider = new ConcurrentHashMap<>();

        public Cache(MessageLimits limits) {
            this.limits = limits;
        }

        /** The encrypted-parts handling for {@code provider} (rebuilt if its configuration object changed). */
        public EncryptedParts forProvider(ProviderConfig provider) {
            EncryptedParts parts = byProvider.get(provider.id());
            if (parts == null || parts.provider != provider) {
                parts = new EncryptedParts(provider, limits);
                byProvider.put(provider.id(), parts);
            }
            return parts;
        }
    }

    private static final Set<String> STATEMENT_CHILDREN = Set.of("Attribute", "EncryptedAttribute");

    private final ProviderConfig provider;
    private final AssertionDecrypter decrypter;
    private final MessageLimits limits;

    private EncryptedParts(ProviderConfig provider, MessageLimits limits) {
        this.provider = provider;
        this.limits = limits;
        if (provider.keys().encryptionKeys().isEmpty()) {
            this.decrypter = null;
        } else {
            this.decrypter = new AssertionDecrypter(provider.keys().encryptionKeys(),
                    provider.algorithmPolicy().encryption(),
                    limits.maxXmlDepth(), limits.maxMessageSize());
        }
    }

    /**
     * The EncryptedAssertion element as OpenSAML's decrypter takes it.
     *
     * @throws SamlRejection {@link ErrorCode#SAML_MESSAGE_MALFORMED} when it does not fit the SAML object model
     */
    public static EncryptedAssertion encryptedAssertion(Element element) {
        return unmarshall(element, EncryptedAssertion.class);
    }

    /**
     * Refuses at once when this provider has no SP encryption key, before the encrypted element itself is looked
     * at: the admin learns what to configure rather than what is wrong with a message nobody could open.
     *
     * @throws SamlRejection {@link ErrorCode#ENCRYPTED_ASSERTION_UNSUPPORTED}
     */
    public void requireKeys() {
        require("assertion");
    }

    /** The decrypted assertion element, root of its own document; its shape is not checked yet. */
    public Element assertion(EncryptedAssertion encrypted) {
        return require("assertion").decrypt(encrypted);
    }

    /**
     * The identifier of a Subject or LogoutRequest: the plain NameID element, or the NameID decrypted from the
     * EncryptedID element.
     *
     * @return the NameID element, or null when there is neither
     */
    public Element nameId(Element plain, Element encrypted) {
        if (encrypted == null) {
            return plain;
        }
        Element nameId = require("NameID").decrypt(unmarshall(encrypted, EncryptedID.class));
        requireNoNested(MessageHygiene.scan(nameId, limits), "NameID");
        return nameId;
    }

    /**
     * Every Attribute element of an AttributeStatement: the plain ones, then the decrypted EncryptedAttributes.
     *
     * @throws SamlRejection {@link ErrorCode#SAML_MESSAGE_MALFORMED} when the statement holds anything else
     */
    public List<Element> attributes(Element statement) {
        SamlDom.requireOnlySamlChildren(statement, STATEMENT_CHILDREN);
        List<Element> all = SamlDom.children(statement, SamlDom.SAML, "Attribute");
        List<Element> encrypted = SamlDom.children(statement, SamlDom.SAML, "EncryptedAttribute");
        if (encrypted.isEmpty()) {
            return all;
        }
        int values = 0;
        for (Element attribute : all) {
            values += SamlDom.children(attribute, SamlDom.SAML, "AttributeValue").size();
        }
        for (Element element : encrypted) {
            Element attribute = require("attribute").decrypt(unmarshall(element, EncryptedAttribute.class));
            requireNoNested(MessageHygiene.scan(attribute, limits), "Attribute");
            all.add(attribute);
            values += SamlDom.children(attribute, SamlDom.SAML, "AttributeValue").size();
        }
        if (all.size() > limits.maxAttributes() || values > limits.maxAttributeValues()) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_TOO_LARGE, "With its decrypted attributes the assertion "
                    + "holds more than [" + limits.maxAttributes() + "] Attribute or [" + limits.maxAttributeValues()
                    + "] AttributeValue elements (maxAttributes / maxAttributeValues)");
        }
        return all;
    }

    private static <T extends XMLObject> T unmarshall(Element element, Class<T> type) {
        try {
            return type.cast(XmlObjects.unmarshall(element));
        } catch (UnmarshallingException | RuntimeException e) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_MALFORMED, "The " + element.getLocalName() + " does not fit "
                    + "the SAML schema: " + e.getMessage());
        }
    }

    private AssertionDecrypter require(String what) {
        if (decrypter == null) {
            throw SamlRejection.of(ErrorCode.ENCRYPTED_ASSERTION_UNSUPPORTED, "The IdP encrypted the " + what
                    + ", but this provider has no SP encryption key", "add a key with use 'encryption' or 'both' "
                    + "under keys and give the IdP its certificate (from the SP metadata), or turn off encryption at "
                    + "the IdP");
        }
        return decrypter;
    }

    private static void requireNoNested(MessageHygiene.Scan scan, String what) {
        if (!scan.assertions().isEmpty() || !scan.encryptedAssertions().isEmpty() || !scan.signatures().isEmpty()) {
            throw SamlRejection.of(ErrorCode.ASSERTION_COUNT_INVALID, "The decrypted " + what + " holds an "
                    + "Assertion or Signature");
        }
    }
}
