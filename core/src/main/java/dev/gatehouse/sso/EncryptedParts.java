package dev.gatehouse.sso;

import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.crypto.AssertionDecrypter;
import dev.gatehouse.crypto.EncryptionAlgorithms;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.SamlRejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.EncryptedAttribute;
import org.opensaml.saml.saml2.core.EncryptedID;
import org.opensaml.saml.saml2.core.NameID;

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

    /** The decrypted assertion, root of its own document; its shape is not checked yet. */
    public Assertion assertion(EncryptedAssertion encrypted) {
        return require("assertion").decrypt(encrypted);
    }

    /**
     * The identifier of a Subject or LogoutRequest: the plain NameID, or the decrypted EncryptedID.
     *
     * @return the NameID, or null when there is neither
     */
    public NameID nameId(NameID plain, EncryptedID encrypted) {
        if (encrypted == null) {
            return plain;
        }
        NameID nameId = require("NameID").decrypt(encrypted);
        MessageHygiene.Scan scan = MessageHygiene.scan(nameId.getDOM(), limits);
        requireNoNested(scan, "NameID");
        return nameId;
    }

    /** Every attribute of the statement: the plain ones, then the decrypted EncryptedAttributes. */
    public List<Attribute> attributes(AttributeStatement statement) {
        if (statement.getEncryptedAttributes().isEmpty()) {
            return statement.getAttributes();
        }
        List<Attribute> all = new ArrayList<>(statement.getAttributes());
        int values = all.stream().mapToInt(a -> a.getAttributeValues().size()).sum();
        for (EncryptedAttribute encrypted : statement.getEncryptedAttributes()) {
            Attribute attribute = require("attribute").decrypt(encrypted);
            requireNoNested(MessageHygiene.scan(attribute.getDOM(), limits), "Attribute");
            all.add(attribute);
            values += attribute.getAttributeValues().size();
        }
        if (all.size() > limits.maxAttributes() || values > limits.maxAttributeValues()) {
            throw SamlRejection.of(ErrorCode.SAML_MESSAGE_TOO_LARGE, "With its decrypted attributes the assertion "
                    + "holds more than [" + limits.maxAttributes() + "] Attribute or [" + limits.maxAttributeValues()
                    + "] AttributeValue elements (maxAttributes / maxAttributeValues)");
        }
        return all;
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
